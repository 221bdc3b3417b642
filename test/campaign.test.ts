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
			{ json: expect.objectContaining({ id: expect.any(String), name: 'Spring sale', trigger: { code: 'M' } }), pairedItem: { item: 0 } },
		]);
	});

	it('sends the trigger chosen and the audience filters as given', async () => {
		const filters = { tags: ['vip'], contacts: ['ct_000001'], attributes: [{ attribute: 'city', comparator: '=', value: 'Boston' }] };
		await runSakari({
			parameters: campaign('create', {
				campaignName: 'Upload',
				campaignTemplate: 'Hi',
				campaignTrigger: 'FU',
				campaignAudience: JSON.stringify(filters),
			}),
			credentials,
		});
		expect(apiRequests(sandbox)[0].body).toEqual({ name: 'Upload', template: 'Hi', trigger: { code: 'FU' }, filters });
		expect(sandbox.state().campaigns).toEqual([expect.objectContaining({ filters, trigger: { code: 'FU' } })]);
	});

	it('is not repeated after a server error (a second campaign would be created)', async () => {
		sandbox.injectFault({ kind: 'status', status: 503, times: 3, match: { path: 'acc_sandbox/campaigns' } });
		const error = await rejectionOf(runSakari({ parameters: campaign('create', { campaignName: 'A', campaignTemplate: 'B' }), credentials }));
		expect(error.httpCode).toBe('503');
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it.each([
		[{ campaignName: ' ', campaignTemplate: 'Hi' }, 'Name: is empty'],
		[{ campaignName: 'A', campaignTemplate: '' }, 'Template: is empty'],
		[{ campaignName: 'A', campaignTemplate: 'Hi', campaignTrigger: 'X' }, 'Trigger: "X" is not M (manual), S (scheduled) or FU (file upload)'],
		[{ campaignName: 'A', campaignTemplate: 'Hi', campaignAudience: '{"tags": ' }, 'Audience Filters (JSON): "{"tags": " is not valid JSON'],
		[{ campaignName: 'A', campaignTemplate: 'Hi', campaignAudience: '["vip"]' }, 'Audience Filters (JSON): must be a JSON object'],
		[{ campaignName: 'A', campaignTemplate: 'Hi', campaignAudience: '{"tag": ["vip"]}' }, `"tag" is not one of Sakari's campaign filters`],
		[{ campaignName: 'A', campaignTemplate: 'Hi', campaignAudience: '{"tags": "vip"}' }, '"tags" must be a list'],
	])('rejects %j before sending anything', async (parameters, message) => {
		const error = await rejectionOf(runSakari({ parameters: campaign('create', parameters), credentials }));
		expect(error.message).toContain(message);
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
				campaignUpdateFields: { campaignTrigger: 'S', campaignAudience: '{"tags": ["new"]}' },
			}),
			credentials,
		});
		expect(requests()).toEqual([
			{ method: 'PUT', path: `${PATH}/${id}`, query: {}, body: { trigger: { code: 'S' }, filters: { tags: ['new'] } } },
		]);
		expect(output[0].json).toMatchObject({ id, name: 'Welcome', template: 'Hi {{{firstName}}}', trigger: { code: 'S' } });
	});

	it.each([
		[{}, 'Update Fields: nothing to change'],
		[{ campaignName: '  ' }, 'Name: is empty'],
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
