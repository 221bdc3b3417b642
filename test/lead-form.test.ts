/**
 * Lead Form → every operation, through n8n's RoutingNode against the sandbox over HTTP (the pickers:
 * list-search.test.ts). Paths and shapes: developer.sakari.io/api-reference/forms/*.
 */
import type { INodeParameters } from 'n8n-workflow';

import { rejectionOf } from './helpers/leaks';
import { CredentialStore, byId, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useQuickRetries, useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

const PATH = '/v1/accounts/acc_sandbox/forms';
const leadForm = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({ resource: 'leadForm', operation, ...parameters });
const requests = () => apiRequests(sandbox).map(({ method, path, query, body }) => ({ method, path, query, body }));

async function createForms(...names: string[]): Promise<string[]> {
	const output = await runSakari({
		parameters: leadForm('create', { leadFormName: '={{ $json.name }}' }),
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
useQuickRetries();

describe('Lead Form → Create', () => {
	it('POSTs the trimmed name, one form per item, each output paired to its item', async () => {
		const output = await runSakari({
			parameters: leadForm('create', { leadFormName: '={{ $json.name }}' }),
			items: [{ json: { name: ' Spring sign-up ' } }, { json: { name: 'Café clients' } }],
			credentials,
		});
		expect(requests()).toEqual([
			{ method: 'POST', path: PATH, query: {}, body: { name: 'Spring sign-up' } },
			{ method: 'POST', path: PATH, query: {}, body: { name: 'Café clients' } },
		]);
		expect(output).toEqual([
			{ json: expect.objectContaining({ id: expect.stringMatching(/^frm_/), name: 'Spring sign-up', impressions: 0 }), pairedItem: { item: 0 } },
			{ json: expect.objectContaining({ name: 'Café clients' }), pairedItem: { item: 1 } },
		]);
		expect(sandbox.state().forms).toHaveLength(2);
	});

	it('copies the template picked from the list (?template=)', async () => {
		await runSakari({ parameters: leadForm('create', { leadFormName: 'RSVP', leadFormTemplate: byId('frmtpl_3', 'list') }), credentials });
		expect(requests()).toEqual([{ method: 'POST', path: PATH, query: { template: 'frmtpl_3' }, body: { name: 'RSVP' } }]);
	});

	it("reports an unknown template with Sakari's code, and creates nothing", async () => {
		const error = await rejectionOf(runSakari({ parameters: leadForm('create', { leadFormName: 'RSVP', leadFormTemplate: byId('frmtpl_9') }), credentials }));
		expect(error.message).toBe('Invalid lead form template id (FORM-003)');
		expect(error.httpCode).toBe('404');
		expect(sandbox.state().forms).toEqual([]);
	});

	it.each([
		[{ leadFormName: '  ' }, 'Name: is empty'],
		[{ leadFormName: 'A', leadFormTemplate: byId('..') }, 'Copy Template: ".." is not an ID'],
		[{ leadFormName: 'A', leadFormTemplate: byId('a b') }, 'Copy Template: "a b" contains spaces'],
	])('refuses %j before sending anything', async (parameters, message) => {
		const error = await rejectionOf(runSakari({ parameters: leadForm('create', parameters), credentials }));
		expect(error.message).toContain(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('is sent once after a server error, and the error says the form may have been created', async () => {
		sandbox.injectFault({ kind: 'status', status: 503, times: 3, match: { path: 'acc_sandbox/forms' } });
		const error = await rejectionOf(runSakari({ parameters: leadForm('create', { leadFormName: 'Once' }), credentials }));
		expect(error.message).toBe('The lead form got no usable answer: it may have been created');
		expect(error.description).toContain('(SYS-503, HTTP 503). Not retried. Check Lead Form → Get Many');
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it('after a lost answer (Sakari made the form) it is not repeated, and the row says it may exist', async () => {
		sandbox.injectFault({ kind: 'reset', when: 'after', match: { method: 'POST', path: 'acc_sandbox/forms' } });
		const output = await runSakari({
			parameters: leadForm('create', { leadFormName: '={{ $json.name }}' }),
			items: [{ json: { name: 'Lost' } }, { json: { name: 'Kept' } }],
			credentials,
			continueOnFail: true,
		});
		const lost = output.find((item) => item.error);
		expect(lost?.error?.message).toBe('The lead form got no usable answer: it may have been created');
		expect(lost?.error?.description).toMatch(/^ECONNRESET\. Not retried\./);
		expect(output.find((item) => !item.error)?.json.name).toBe('Kept');
		expect(output.map((item) => item.pairedItem)).toEqual(expect.arrayContaining([{ item: 0 }, { item: 1 }]));
		expect(apiRequests(sandbox).filter((request) => request.method === 'POST')).toHaveLength(2);
		expect((sandbox.state().forms as Array<{ name: string }>).map((form) => form.name).sort()).toEqual(['Kept', 'Lost']);
	});
});

describe('Lead Form → Get, Update, Delete, Activate, Deactivate', () => {
	it('gets the form picked from the list', async () => {
		const [id] = await createForms('Welcome');
		const output = await runSakari({ parameters: leadForm('get', { leadFormId: byId(id, 'list') }), credentials });
		expect(requests()).toEqual([{ method: 'GET', path: `${PATH}/${id}`, query: {}, body: undefined }]);
		expect(output).toEqual([{ json: expect.objectContaining({ id, name: 'Welcome' }), pairedItem: { item: 0 } }]);
	});

	it('PUTs the new name', async () => {
		const [id] = await createForms('Welcome');
		const output = await runSakari({ parameters: leadForm('update', { leadFormId: byId(id), leadFormName: 'Welcome back ' }), credentials });
		expect(requests()).toEqual([{ method: 'PUT', path: `${PATH}/${id}`, query: {}, body: { name: 'Welcome back' } }]);
		expect(output[0].json).toMatchObject({ id, name: 'Welcome back' });
	});

	it('activates and deactivates, outputting the form with and without the time it went live', async () => {
		const [id] = await createForms('Welcome');
		const active = await runSakari({ parameters: leadForm('activate', { leadFormId: byId(id) }), credentials });
		const inactive = await runSakari({ parameters: leadForm('deactivate', { leadFormId: byId(id) }), credentials });
		expect(requests()).toEqual([
			{ method: 'PUT', path: `${PATH}/${id}/activate`, query: {}, body: undefined },
			{ method: 'PUT', path: `${PATH}/${id}/deactivate`, query: {}, body: undefined },
		]);
		expect(active).toEqual([{ json: expect.objectContaining({ id, active: expect.any(String) }), pairedItem: { item: 0 } }]);
		expect(inactive[0].json.active).toBeUndefined();
	});

	it('retries an activation after a server error (doing it twice is harmless)', async () => {
		const [id] = await createForms('Welcome');
		sandbox.injectFault({ kind: 'status', status: 502, match: { path: `forms/${id}/activate` } });
		const output = await runSakari({ parameters: leadForm('activate', { leadFormId: byId(id) }), credentials });
		expect(apiRequests(sandbox).map((request) => request.status)).toEqual([502, 200]);
		expect(output[0].json.active).toEqual(expect.any(String));
	});

	it('deletes and outputs {success: true} paired', async () => {
		const [id] = await createForms('Welcome');
		const output = await runSakari({ parameters: leadForm('delete', { leadFormId: byId(id) }), credentials });
		expect(requests()).toEqual([{ method: 'DELETE', path: `${PATH}/${id}`, query: {}, body: undefined }]);
		expect(output).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
		expect(sandbox.state().forms).toEqual([]);
	});

	it.each(['get', 'update', 'delete', 'activate', 'deactivate', 'getAnalytics', 'getConversions'])(
		'%s reports an unknown form by its code with HTTP 404',
		async (operation) => {
			const error = await rejectionOf(
				runSakari({ parameters: leadForm(operation, { leadFormId: byId('frm_missing'), leadFormName: 'X' }), credentials }),
			);
			expect(error.message).toBe('Invalid lead form id (FORM-001)');
			expect(error.httpCode).toBe('404');
		},
	);

	it.each([
		['get', '..', 'Lead Form: ".." is not an ID'],
		['activate', 'templates', 'Lead Form: "templates" is not an ID'],
		['update', ' ', 'Lead Form: is empty'],
	])('%s refuses the ID %j (it would reach another endpoint) before sending', async (operation, id, message) => {
		const error = await rejectionOf(runSakari({ parameters: leadForm(operation, { leadFormId: byId(id), leadFormName: 'X' }), credentials }));
		expect(error.message).toContain(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('Update refuses a blank name before sending', async () => {
		const error = await rejectionOf(runSakari({ parameters: leadForm('update', { leadFormId: byId('frm_000001'), leadFormName: '' }), credentials }));
		expect(error.message).toContain('Name: is empty');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('with continue on fail, a bad row is its own error item and the others go through', async () => {
		const [id] = await createForms('Welcome');
		const output = await runSakari({
			parameters: leadForm('get', { leadFormId: byId('={{ $json.id }}') }),
			items: [{ json: { id } }, { json: { id: 'frm_missing' } }, { json: { id: '' } }],
			credentials,
			continueOnFail: true,
		});
		expect(output.map((item) => [item.json.name, item.error?.message])).toEqual([
			['Welcome', undefined],
			[undefined, 'Invalid lead form id (FORM-001)'],
			[undefined, expect.stringContaining('Lead Form: is empty')],
		]);
		expect(output.slice(0, 2).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(apiRequests(sandbox)).toHaveLength(2);
	});
});

describe('Lead Form → Get Many and Get Templates', () => {
	it('sends Search and Sort By, and pages over 100 forms with Return All', async () => {
		await createForms(...Array.from({ length: 105 }, (_, index) => `Form ${index}`));
		const all = await runSakari({ parameters: leadForm('getAll', { returnAll: true, leadFormFilters: { q: ' form ', orderBy: 'name' } }), credentials });
		expect(all).toHaveLength(105);
		expect(new Set(all.map((item) => item.json.id)).size).toBe(105);
		expect(all.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(requests()).toEqual([
			{ method: 'GET', path: PATH, query: { q: 'form', orderBy: 'name', offset: '0', limit: '100' }, body: undefined },
			{ method: 'GET', path: PATH, query: { q: 'form', orderBy: 'name', offset: '100', limit: '100' }, body: undefined },
		]);
	});

	it('stops at the limit; blank filters are not sent', async () => {
		await createForms('A', 'B', 'C');
		const output = await runSakari({ parameters: leadForm('getAll', { limit: 2, leadFormFilters: { q: '' } }), credentials });
		expect(output.map((item) => item.json.name)).toEqual(['A', 'B']);
		expect(requests()).toEqual([{ method: 'GET', path: PATH, query: { offset: '0', limit: '2' }, body: undefined }]);
	});

	it('pages through more than 100 form templates with Return All, and stops at Limit', async () => {
		sandbox.seedFormTemplates(127);
		const all = await runSakari({ parameters: leadForm('getTemplates', { returnAll: true }), credentials });
		const some = await runSakari({ parameters: leadForm('getTemplates', { limit: 105 }), credentials });
		expect(requests().map((request) => request.query)).toEqual([
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '100' },
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '5' },
		]);
		expect(all).toHaveLength(130);
		expect(new Set(all.map((item) => item.json.id)).size).toBe(130);
		expect(all.at(-1)?.json).toEqual(expect.objectContaining({ id: 'frmtpl_130', name: 'Template 130' }));
		expect(some.map((item) => item.json.id)).toEqual(all.slice(0, 105).map((item) => item.json.id));
	});

	it('lists the form templates with a search term', async () => {
		const output = await runSakari({ parameters: leadForm('getTemplates', { returnAll: true, leadFormTemplateFilters: { q: 'rsvp' } }), credentials });
		expect(requests()).toEqual([{ method: 'GET', path: `${PATH}/templates`, query: { q: 'rsvp', offset: '0', limit: '100' }, body: undefined }]);
		expect(output).toEqual([{ json: expect.objectContaining({ id: 'frmtpl_3', name: 'Event RSVP' }), pairedItem: { item: 0 } }]);
	});
});

describe('Lead Form → Get Analytics and Get Conversions', () => {
	it("sends the period as UTC instants, reading dates without a zone in the workflow's time zone", async () => {
		const [id] = await createForms('Welcome');
		sandbox.visitForm(id, { impressions: 2, submissions: [{ firstName: 'Ada' }], at: '2024-05-01T12:00:00Z' });
		const output = await runSakari({
			parameters: leadForm('getAnalytics', { leadFormId: byId(id), leadFormPeriod: { start: '2024-05-01', end: '2024-05-31T23:59:59+02:00' } }),
			credentials,
			timezone: 'Europe/Berlin',
		});
		expect(requests()).toEqual([
			{ method: 'GET', path: `${PATH}/${id}/analytics`, query: { start: '2024-04-30T22:00:00.000Z', end: '2024-05-31T21:59:59.000Z' }, body: undefined },
		]);
		expect(output).toEqual([
			{ json: { impressions: 3, conversions: 1, data: { data: [{ date: '2024-05-01', impressions: 3, conversions: 1 }] } }, pairedItem: { item: 0 } },
		]);
	});

	it('keeps the wall-clock time across a daylight-saving change (New York, March)', async () => {
		const [id] = await createForms('Welcome');
		await runSakari({
			parameters: leadForm('getAnalytics', { leadFormId: byId(id), leadFormPeriod: { start: '2024-03-09T09:00:00', end: '2024-03-11T09:00:00' } }),
			credentials,
			timezone: 'America/New_York',
		});
		expect(apiRequests(sandbox)[0].query).toEqual({ start: '2024-03-09T14:00:00.000Z', end: '2024-03-11T13:00:00.000Z' });
	});

	it('without a period sends no dates', async () => {
		const [id] = await createForms('Welcome');
		await runSakari({ parameters: leadForm('getAnalytics', { leadFormId: byId(id) }), credentials });
		expect(requests()).toEqual([{ method: 'GET', path: `${PATH}/${id}/analytics`, query: {}, body: undefined }]);
	});

	it.each([
		[{ start: '2024-06-01', end: '2024-05-01' }, 'Period: Start (2024-06-01T04:00:00.000Z) is after End (2024-05-01T04:00:00.000Z)'],
		[{ start: 'last week' }, 'Period > Start: "last week" is not a date and time such as 2024-05-01T09:00:00'],
		[{ end: '2024-02-30' }, 'Period > End: "2024-02-30" is not a date and time such as 2024-05-01T09:00:00'],
		[{ start: 1714521600000 }, 'Period > Start: must be a date and time such as 2024-05-01T09:00:00, got the number 1714521600000'],
	])('refuses the period %j before sending', async (leadFormPeriod, message) => {
		const error = await rejectionOf(
			runSakari({ parameters: leadForm('getConversions', { leadFormId: byId('frm_000001'), leadFormPeriod }), credentials }),
		);
		expect(error.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('outputs one item per conversion, paging over 100 with Return All, only those in the period', async () => {
		const [id] = await createForms('Welcome');
		const people = Array.from({ length: 105 }, (_, index) => ({ firstName: `P${index}`, mobile: `+4477009${String(index).padStart(5, '0')}`, country: 'GB' }));
		sandbox.visitForm(id, { submissions: people, at: '2024-05-02T10:00:00Z' });
		sandbox.visitForm(id, { submissions: [{ firstName: 'Early' }], at: '2024-04-02T10:00:00Z' });
		const output = await runSakari({
			parameters: leadForm('getConversions', { leadFormId: byId(id), returnAll: true, leadFormPeriod: { start: '2024-05-01T00:00:00Z' } }),
			credentials,
		});
		expect(output).toHaveLength(105);
		expect(output[0]).toEqual({
			json: expect.objectContaining({ contact: expect.objectContaining({ firstName: 'P0', mobile: '+447700900000' }), submitted: '2024-05-02T10:00:00.000Z' }),
			pairedItem: { item: 0 },
		});
		expect(requests().map((request) => request.query)).toEqual([
			{ start: '2024-05-01T00:00:00.000Z', offset: '0', limit: '100' },
			{ start: '2024-05-01T00:00:00.000Z', offset: '100', limit: '100' },
		]);
	});

	it('retries a read after a server error', async () => {
		const [id] = await createForms('Welcome');
		sandbox.injectFault({ kind: 'status', status: 503, match: { path: `forms/${id}/conversions` } });
		const output = await runSakari({ parameters: leadForm('getConversions', { leadFormId: byId(id), limit: 5 }), credentials });
		expect(output).toEqual([]);
		expect(apiRequests(sandbox).map((request) => request.status)).toEqual([503, 200]);
	});
});
