import type { INodeParameters } from 'n8n-workflow';

import { rejectionOf } from './helpers/leaks';
import { CredentialStore, byId, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

const PATH = '/v1/accounts/acc_sandbox/templates';
const template = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'template',
	operation,
	...parameters,
});
const requests = () => apiRequests(sandbox).map(({ method, path, query, body }) => ({ method, path, query, body }));

async function createTemplates(...names: string[]): Promise<string[]> {
	const output = await runSakari({
		parameters: template('create', { name: '={{ $json.name }}', template: 'Hi {{{firstName}}}' }),
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

describe('Template → Create', () => {
	it('POSTs name, type SMS by default and the text verbatim, and outputs the template paired', async () => {
		const output = await runSakari({
			parameters: template('create', { name: ' Order shipped ', template: 'Hi {{{firstName}}}, order {{orderId}} shipped' }),
			credentials,
		});
		expect(requests()).toEqual([
			{
				method: 'POST',
				path: PATH,
				query: {},
				body: { name: 'Order shipped', template: 'Hi {{{firstName}}}, order {{orderId}} shipped', type: 'SMS' },
			},
		]);
		expect(output).toEqual([
			{ json: expect.objectContaining({ id: expect.any(String), name: 'Order shipped', type: 'SMS' }), pairedItem: { item: 0 } },
		]);
	});

	it('sends type Web when chosen', async () => {
		await runSakari({ parameters: template('create', { name: 'Landing', template: '<p>Hi</p>', type: 'Web' }), credentials });
		expect(apiRequests(sandbox)[0].body).toMatchObject({ type: 'Web' });
	});

	it('is not repeated after a server error (a second template would be created)', async () => {
		sandbox.injectFault({ kind: 'status', status: 503, times: 3, match: { path: '/templates' } });
		const error = await rejectionOf(runSakari({ parameters: template('create', { name: 'A', template: 'B' }), credentials }));
		expect(error.httpCode).toBe('503');
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it.each([
		[{ name: ' ', template: 'Hi' }, 'Name: is empty'],
		[{ name: 'A', template: '' }, 'Template: is empty'],
	])('rejects %j before sending anything', async (parameters, message) => {
		const error = await rejectionOf(runSakari({ parameters: template('create', parameters), credentials }));
		expect(error.message).toContain(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('Template → Get, Update, Delete', () => {
	it('gets the template picked from the list', async () => {
		const [id] = await createTemplates('Welcome');
		const output = await runSakari({ parameters: template('get', { templateId: byId(id, 'list') }), credentials });
		expect(requests()).toEqual([{ method: 'GET', path: `${PATH}/${id}`, query: {}, body: undefined }]);
		expect(output).toEqual([{ json: expect.objectContaining({ id, name: 'Welcome' }), pairedItem: { item: 0 } }]);
	});

	it('PUTs only the fields added', async () => {
		const [id] = await createTemplates('Welcome');
		const output = await runSakari({
			parameters: template('update', { templateId: byId(id), templateUpdateFields: { template: 'Hello {{{firstName}}}!' } }),
			credentials,
		});
		expect(requests()).toEqual([{ method: 'PUT', path: `${PATH}/${id}`, query: {}, body: { template: 'Hello {{{firstName}}}!' } }]);
		expect(output[0].json).toMatchObject({ id, name: 'Welcome', template: 'Hello {{{firstName}}}!' });
	});

	it.each([
		[{}, 'Update Fields: nothing to change'],
		// A blank cell is a field not set: with nothing else, nothing to change.
		[{ name: '  ' }, 'Update Fields: nothing to change; every field added is empty'],
	])('rejects update fields %j before sending anything', async (templateUpdateFields, message) => {
		const error = await rejectionOf(runSakari({ parameters: template('update', { templateId: byId('tpl_000001'), templateUpdateFields }), credentials }));
		expect(error.message).toContain(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('deletes and outputs {success: true} paired', async () => {
		const [id] = await createTemplates('Welcome');
		const output = await runSakari({ parameters: template('delete', { templateId: byId(id) }), credentials });
		expect(requests()).toEqual([{ method: 'DELETE', path: `${PATH}/${id}`, query: {}, body: undefined }]);
		expect(output).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
		expect(sandbox.state().templates).toHaveLength(0);
	});

	it.each(['get', 'update', 'delete'])('%s reports an unknown ID by its code with HTTP 404', async (operation) => {
		const error = await rejectionOf(
			runSakari({ parameters: template(operation, { templateId: byId('tpl_missing'), templateUpdateFields: { name: 'X' } }), credentials }),
		);
		expect(error.message).toBe('Invalid template id (TMPL-001)');
		expect(error.httpCode).toBe('404');
	});
});

describe('Template → Get Many', () => {
	it('filters by name and pages', async () => {
		await createTemplates('Order shipped', 'Order delayed', 'Welcome');
		const output = await runSakari({ parameters: template('getAll', { returnAll: true, templateFilters: { name: 'order' } }), credentials });
		expect(requests()).toEqual([{ method: 'GET', path: PATH, query: { name: 'order', offset: '0', limit: '100' }, body: undefined }]);
		expect(output.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Order shipped', { item: 0 }],
			['Order delayed', { item: 0 }],
		]);
	});

	it('stops at the limit', async () => {
		await createTemplates('A', 'B', 'C');
		const output = await runSakari({ parameters: template('getAll', { limit: 2 }), credentials });
		expect(output.map((item) => item.json.name)).toEqual(['A', 'B']);
		expect(apiRequests(sandbox)[0].query).toEqual({ offset: '0', limit: '2' });
	});
});
