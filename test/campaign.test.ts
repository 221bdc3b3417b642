/** Campaign → Create, Get, Get Many, Update, Delete, against the sandbox over HTTP (the picker: list-search.test.ts). */
import type { INodeParameters } from 'n8n-workflow';

import { rejectionOf } from './helpers/leaks';
import { CredentialStore, byId, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

const PATH = '/v1/accounts/acc_sandbox/campaigns';
const campaign = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'campaign',
	operation,
	...parameters,
});
const requests = () => apiRequests(sandbox).map(({ method, path, query, body }) => ({ method, path, query, body }));

async function createCampaigns(...names: string[]): Promise<string[]> {
	const output = await runSakari({
		parameters: campaign('create', { campaignName: '={{ $json.name }}', campaignTemplate: 'Hi {{{firstName}}}' }),
		items: names.map((name) => ({ json: { name } })),
		credentials,
	});
	sandbox.clearRequests();
	return output.map((item) => item.json.id as string);
}

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

/** Audience filters as Campaign → Get answers them today (developer.sakari.io › Campaigns › Fetch campaign by ID). */
const CURRENT_FILTERS = {
	list: { id: 'lst_spring', name: 'Spring buyers' },
	q: 'boston',
	attributes: [{ attribute: 'city', comparator: '=', value: ['Boston', 'Cambridge'] }],
	tags: [{ tag: 'vip', visible: true }],
};

describe('Campaign → Create', () => {
	it('POSTs name, text, trigger M by default and no filters, and outputs the campaign paired', async () => {
		const output = await runSakari({
			parameters: campaign('create', { campaignName: ' Spring sale ', campaignTemplate: 'Hi {{{firstName}}}, the sale starts today' }),
			credentials,
		});
		expect(requests()).toEqual([
			{
				method: 'POST',
				path: PATH,
				query: {},
				body: { name: 'Spring sale', template: 'Hi {{{firstName}}}, the sale starts today', trigger: { code: 'M' } },
			},
		]);
		expect(output).toEqual([
			{
				json: expect.objectContaining({ id: expect.any(String), name: 'Spring sale', trigger: { code: 'M', name: 'Manual' }, filters: { attributes: [], tags: [] } }),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends trigger V2, reporting and audience filters in the current shape exactly as given', async () => {
		const output = await runSakari({
			parameters: campaign('create', {
				campaignName: 'Upload',
				campaignTemplate: 'Hi',
				campaignTrigger: 'V2',
				campaignAudience: JSON.stringify(CURRENT_FILTERS),
				campaignReporting: 'NoReport',
			}),
			credentials,
		});
		expect(apiRequests(sandbox)[0].body).toEqual({ name: 'Upload', template: 'Hi', trigger: { code: 'V2' }, filters: CURRENT_FILTERS, reporting: { when: 'NoReport' } });
		expect(output[0].json).toMatchObject({ trigger: { code: 'V2', name: 'V2' }, filters: CURRENT_FILTERS, reporting: { when: 'NoReport' } });
	});

	it("sends OpenAPI 1.0.1's lists of text as given (an object from an expression too)", async () => {
		const filters = { tags: ['vip'], contacts: ['ct_000001'], attributes: ['city'] };
		await runSakari({
			parameters: campaign('create', { campaignName: 'Old style', campaignTemplate: 'Hi', campaignTrigger: 'FU', campaignAudience: '={{ $json.filters }}' }),
			items: [{ json: { filters } }],
			credentials,
		});
		expect(apiRequests(sandbox)[0].body).toEqual({ name: 'Old style', template: 'Hi', trigger: { code: 'FU' }, filters });
	});

	it('leaves a blank Reporting out (on Create it is optional)', async () => {
		await runSakari({ parameters: campaign('create', { campaignName: 'A', campaignTemplate: 'Hi', campaignReporting: '  ' }), credentials });
		expect(apiRequests(sandbox)[0].body).toEqual({ name: 'A', template: 'Hi', trigger: { code: 'M' } });
	});

	it('is not repeated after a server error (a second campaign would be created)', async () => {
		sandbox.injectFault({ kind: 'status', status: 503, times: 3, match: { path: 'acc_sandbox/campaigns' } });
		const error = await rejectionOf(runSakari({ parameters: campaign('create', { campaignName: 'A', campaignTemplate: 'B' }), credentials }));
		expect(error.httpCode).toBe('503');
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	const audience = (filters: unknown) => ({ campaignName: 'A', campaignTemplate: 'Hi', campaignAudience: JSON.stringify(filters) });
	it.each([
		[{ campaignName: ' ', campaignTemplate: 'Hi' }, 'Name: is empty'],
		[{ campaignName: 'A', campaignTemplate: '' }, 'Template: is empty'],
		[{ campaignName: 'A', campaignTemplate: 'Hi', campaignTrigger: 'X' }, 'Trigger: "X" is not M (manual), S (scheduled), FU (file upload) or V2'],
		[{ campaignName: 'A', campaignTemplate: 'Hi', campaignAudience: '{"tags": ' }, 'Audience Filters (JSON): "{"tags": " is not valid JSON'],
		[{ campaignName: 'A', campaignTemplate: 'Hi', campaignAudience: '["vip"]' }, 'Audience Filters (JSON): must be a JSON object'],
		[audience({ tag: ['vip'] }), `"tag" is not one of Sakari's campaign filters (list, q, attributes, tags, contacts)`],
		[audience({ tags: 'vip' }), '"tags" must be a list, e.g. "tags": [{"tag": "vip", "visible": true}]'],
		[audience({ tags: [{ tag: 'vip' }, { name: 'gold' }] }), '"tags" entry 2 must be {"tag": "vip", "visible": true} or text, got "{"name":"gold"}"'],
		[audience({ tags: [{ tag: 'vip', visible: 'yes' }] }), '"tags" entry 1 must be'],
		[audience({ attributes: [{ comparator: '=', value: ['x'] }] }), '"attributes" entry 1 must be {"attribute": "city", "comparator": "=", "value": ["Boston"]} or text'],
		[audience({ attributes: [{ attribute: 'city', value: [{ nested: true }] }] }), '"attributes" entry 1 must be'],
		[audience({ list: { name: 'no id' } }), '"list" must be {"id": "…", "name": "…"} (as Campaign → Get answers it) or a list ID'],
		[audience({ q: 5 }), '"q" must be text'],
		[audience({ contacts: [''] }), '"contacts" entry 1 must be a contact ID'],
	])('rejects %j before sending anything', async (parameters, message) => {
		const error = await rejectionOf(runSakari({ parameters: campaign('create', parameters), credentials }));
		expect(error.message).toContain(message);
		expect(error.description).toBe('Nothing was sent to Sakari for this item.');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('Campaign → Get, Update, Delete', () => {
	it('gets the campaign picked from the list', async () => {
		const [id] = await createCampaigns('Welcome');
		const output = await runSakari({ parameters: campaign('get', { campaignId: byId(id, 'list') }), credentials });
		expect(requests()).toEqual([{ method: 'GET', path: `${PATH}/${id}`, query: {}, body: undefined }]);
		expect(output).toEqual([{ json: expect.objectContaining({ id, name: 'Welcome' }), pairedItem: { item: 0 } }]);
	});

	it('PUTs only the fields added', async () => {
		const [id] = await createCampaigns('Welcome');
		const output = await runSakari({
			parameters: campaign('update', {
				campaignId: byId(id),
				campaignUpdateFields: { campaignTrigger: 'S', campaignAudience: '{"tags": [{"tag": "new", "visible": true}]}' },
			}),
			credentials,
		});
		expect(requests()).toEqual([
			{ method: 'PUT', path: `${PATH}/${id}`, query: {}, body: { trigger: { code: 'S' }, filters: { tags: [{ tag: 'new', visible: true }] } } },
		]);
		expect(output[0].json).toMatchObject({ id, name: 'Welcome', template: 'Hi {{{firstName}}}', trigger: { code: 'S' } });
	});

	it.each(['current', '1.0.1'])("copies a campaign's filters from Campaign → Get into Update ({{ $json.filters }}) with Sakari answering in the %s shape", async (shapes) => {
		sandbox.configure({ shapes });
		const created = await runSakari({
			parameters: campaign('create', { campaignName: 'Source', campaignTemplate: 'Hi', campaignAudience: JSON.stringify(shapes === 'current' ? CURRENT_FILTERS : { tags: ['vip'], contacts: ['ct_000007'], attributes: ['city'] }) }),
			credentials,
		});
		const [target] = await createCampaigns('Target');
		const got = await runSakari({ parameters: campaign('get', { campaignId: byId(created[0].json.id as string) }), credentials });
		sandbox.clearRequests();

		const output = await runSakari({
			parameters: campaign('update', { campaignId: byId(target), campaignUpdateFields: { campaignAudience: '={{ $json.filters }}' } }),
			items: got,
			credentials,
		});
		expect(requests()).toEqual([{ method: 'PUT', path: `${PATH}/${target}`, query: {}, body: { filters: got[0].json.filters } }]);
		expect(output[0].json).toMatchObject({ id: target, filters: got[0].json.filters });
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	it('changes trigger and reporting', async () => {
		const [id] = await createCampaigns('Welcome');
		await runSakari({ parameters: campaign('update', { campaignId: byId(id), campaignUpdateFields: { campaignTrigger: 'V2', campaignReporting: 'NoReport' } }), credentials });
		expect(requests()[0].body).toEqual({ trigger: { code: 'V2' }, reporting: { when: 'NoReport' } });
	});

	it.each([
		[{}, 'Update Fields: nothing to change'],
		// A blank cell is a field not set: with nothing else, nothing to change.
		[{ campaignName: '  ' }, 'Update Fields: nothing to change; every field added is empty'],
		[{ campaignReporting: '' }, 'Update Fields: nothing to change; every field added is empty'],
	])('rejects update fields %j before sending anything', async (campaignUpdateFields, message) => {
		const error = await rejectionOf(runSakari({ parameters: campaign('update', { campaignId: byId('cmp_000001'), campaignUpdateFields }), credentials }));
		expect(error.message).toContain(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('refuses an ID that would reach another endpoint', async () => {
		const error = await rejectionOf(runSakari({ parameters: campaign('get', { campaignId: byId('..') }), credentials }));
		expect(error.message).toContain('Campaign: ".." is not an ID');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('deletes and outputs {success: true} paired', async () => {
		const [id] = await createCampaigns('Welcome');
		const output = await runSakari({ parameters: campaign('delete', { campaignId: byId(id) }), credentials });
		expect(requests()).toEqual([{ method: 'DELETE', path: `${PATH}/${id}`, query: {}, body: undefined }]);
		expect(output).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
		expect(sandbox.state().campaigns).toHaveLength(0);
	});

	it.each(['get', 'update', 'delete'])('%s reports an unknown ID by its code with HTTP 404', async (operation) => {
		const error = await rejectionOf(
			runSakari({ parameters: campaign(operation, { campaignId: byId('cmp_missing'), campaignUpdateFields: { campaignName: 'X' } }), credentials }),
		);
		expect(error.message).toBe('Invalid campaign id (CAMP-001)');
		expect(error.httpCode).toBe('404');
	});
});

describe('Campaign → Get Many', () => {
	it('filters by name and pages', async () => {
		await createCampaigns('Sale spring', 'Sale autumn', 'Welcome');
		const output = await runSakari({ parameters: campaign('getAll', { returnAll: true, campaignFilters: { name: 'sale' } }), credentials });
		expect(requests()).toEqual([{ method: 'GET', path: PATH, query: { name: 'sale', offset: '0', limit: '100' }, body: undefined }]);
		expect(output.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Sale spring', { item: 0 }],
			['Sale autumn', { item: 0 }],
		]);
	});

	it('stops at the limit, and Return All follows the pages', async () => {
		await createCampaigns(...Array.from({ length: 105 }, (_, index) => `C${index}`));
		const limited = await runSakari({ parameters: campaign('getAll', { limit: 2 }), credentials });
		expect(limited.map((item) => item.json.name)).toEqual(['C0', 'C1']);
		expect(apiRequests(sandbox)[0].query).toEqual({ offset: '0', limit: '2' });

		sandbox.clearRequests();
		const all = await runSakari({ parameters: campaign('getAll', { returnAll: true }), credentials });
		expect(all).toHaveLength(105);
		expect(apiRequests(sandbox).map((request) => request.query)).toEqual([
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '100' },
		]);
	});
});
