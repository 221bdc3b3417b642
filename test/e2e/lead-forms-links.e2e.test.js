// @ts-check
'use strict';
// Lead forms, links and available phone numbers in real n8n: the packed package in a fresh user folder, workflows
// run with `n8n execute`, the items checked against what the sandbox received, its state and the documented
// contract (sandbox/contract: every exchange is held against it).
const n8n = require('../../scripts/n8n');
const { chainWorkflow, useWorkflowFolder } = require('./folder');
const { CREDENTIALS, node, rows } = require('./workflows');

const ACCOUNT = '/v1/accounts/acc_sandbox';
const FORMS = `${ACCOUNT}/forms`;

/** The Sakari node as the editor saves it. */
const sakari = (name, parameters, position, extra = {}) =>
	node(name, n8n.NODE_TYPE, 1, parameters, [position, 0], { credentials: { [n8n.CREDENTIAL_TYPE]: CREDENTIALS.main }, ...extra });
const start = () => node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]);
const byId = (value) => ({ __rl: true, mode: 'id', value });
const created = "={{ $('Create').item.json.id }}";

const WORKFLOWS = {
	roundTrip: chainWorkflow('sakariE2eForm001', 'E2E: lead form templates → create → get → update → activate → get many → deactivate → delete', [
		start(),
		sakari('Templates', { resource: 'leadForm', operation: 'getTemplates', returnAll: true, leadFormTemplateFilters: { q: 'rsvp' } }, 220),
		sakari('Create', { resource: 'leadForm', operation: 'create', leadFormName: 'E2E Café sign-up', leadFormTemplate: byId('={{ $json.id }}') }, 440),
		sakari('Get', { resource: 'leadForm', operation: 'get', leadFormId: byId('={{ $json.id }}') }, 660),
		sakari('Update', { resource: 'leadForm', operation: 'update', leadFormId: byId(created), leadFormName: 'E2E Café sign-up (2)' }, 880),
		sakari('Activate', { resource: 'leadForm', operation: 'activate', leadFormId: byId(created) }, 1100),
		sakari('Get Many', { resource: 'leadForm', operation: 'getAll', returnAll: true, leadFormFilters: { q: 'café' } }, 1320),
		sakari('Deactivate', { resource: 'leadForm', operation: 'deactivate', leadFormId: byId(created) }, 1540),
		sakari('Delete', { resource: 'leadForm', operation: 'delete', leadFormId: byId(created) }, 1760),
	]),
	conversions: chainWorkflow('sakariE2eForm002', 'E2E: lead form analytics and every conversion (paged)', [
		start(),
		sakari('Get Many', { resource: 'leadForm', operation: 'getAll', returnAll: false, limit: 1, leadFormFilters: {} }, 220),
		sakari(
			'Analytics',
			{ resource: 'leadForm', operation: 'getAnalytics', leadFormId: byId('={{ $json.id }}'), leadFormPeriod: { start: '2024-05-01', end: '2024-05-31T23:59:59Z' } },
			440,
		),
		sakari(
			'Conversions',
			{ resource: 'leadForm', operation: 'getConversions', leadFormId: byId("={{ $('Get Many').item.json.id }}"), returnAll: true, leadFormPeriod: {} },
			660,
		),
	]),
	continueOnFail: chainWorkflow('sakariE2eForm003', 'E2E: lead form get per row, continue on fail; a create whose answer is lost', [
		start(),
		...rows('Rows', [{ id: 'frm_000001', name: 'E2E kept', area: 212 }, { id: 'frm_missing', name: 'E2E lost', area: '(347)' }]),
		sakari('Get', { resource: 'leadForm', operation: 'get', leadFormId: byId("={{ $('Rows').item.json.id }}") }, 440, { onError: 'continueRegularOutput' }),
		sakari('Create', { resource: 'leadForm', operation: 'create', leadFormName: "={{ $('Rows').item.json.name }}" }, 660, {
			onError: 'continueRegularOutput',
		}),
		sakari('Numbers', { resource: 'phoneNumber', operation: 'getAvailable', availableNumberFilters: { areaCode: "={{ $('Rows').item.json.area }}" } }, 880, {
			onError: 'continueRegularOutput',
		}),
	]),
	links: chainWorkflow('sakariE2eLink001', 'E2E: links, all pages → sources of the first two; available numbers', [
		start(),
		sakari('Links', { resource: 'link', operation: 'getAll', returnAll: true, linkFilters: {} }, 220),
		sakari('First two', { resource: 'link', operation: 'getAll', returnAll: false, limit: 2, linkFilters: { q: 'offer' } }, 440, { executeOnce: true }),
		sakari('Link', { resource: 'link', operation: 'get', linkId: byId('={{ $json.id }}') }, 660),
		sakari('Sources', { resource: 'link', operation: 'getSources', linkId: byId('={{ $json.id }}'), returnAll: true, linkSourceFilters: { sources: 'Email' } }, 880),
		sakari('Numbers', { resource: 'phoneNumber', operation: 'getAvailable', availableNumberFilters: { areaCode: '212', features: 'sms' } }, 1100, { executeOnce: true }),
	]),
};

const { env, execute } = useWorkflowFolder('lead-forms-links', WORKFLOWS, (sandbox) => {
	sandbox.reset();
	sandbox.configure({ checkContract: true });
});

afterEach(() => {
	expect(env.sandbox.violations()).toEqual([]);
});

// A token stored by an earlier test is expired by the sandbox's reset: n8n's one 401 → new token → retry is not counted.
const apiCalls = () =>
	env.sandbox
		.requests()
		.filter((request) => request.path.startsWith('/v1/') && request.status !== 401)
		.map(({ method, path, query, body, status }) => ({ method, path, query, body, status }));

/** Creates a lead form through the sandbox's API, as the Sakari app would; not recorded. */
async function createForm(name) {
	const { access_token: token } = await fetch(`${env.sandbox.url}/oauth2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ grant_type: 'client_credentials', client_id: env.sandbox.clientId, client_secret: env.sandbox.clientSecret }),
	}).then(async (answer) => await answer.json());
	const answer = await fetch(`${env.sandbox.url}${FORMS}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify({ name }),
	});
	const { data } = await answer.json();
	env.sandbox.clearRequests();
	return data;
}

test('Lead Form: get templates → create from the one found → get → update → activate → get many → deactivate → delete, each item paired', async () => {
	const run = await execute(WORKFLOWS.roundTrip);
	expect(n8n.nodeItems(run, 'Templates').map((item) => [item.json.id, item.json.name])).toEqual([['frmtpl_3', 'Event RSVP']]);
	const [form] = n8n.nodeItems(run, 'Create');
	expect(form.json).toMatchObject({ id: expect.stringMatching(/^frm_/), name: 'E2E Café sign-up', impressions: 0 });
	const id = form.json.id;
	for (const name of ['Templates', 'Create', 'Get', 'Update', 'Activate', 'Get Many', 'Deactivate', 'Delete']) {
		expect(n8n.nodeItems(run, name).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	}
	expect(n8n.nodeItems(run, 'Get')[0].json).toMatchObject({ id, name: 'E2E Café sign-up' });
	expect(n8n.nodeItems(run, 'Update')[0].json).toMatchObject({ id, name: 'E2E Café sign-up (2)' });
	expect(n8n.nodeItems(run, 'Activate')[0].json).toMatchObject({ id, active: expect.any(String) });
	expect(n8n.nodeItems(run, 'Get Many')[0].json).toMatchObject({ id, name: 'E2E Café sign-up (2)', active: expect.any(String) });
	const [deactivated] = n8n.nodeItems(run, 'Deactivate');
	expect(deactivated.json).toMatchObject({ id, name: 'E2E Café sign-up (2)' });
	expect(deactivated.json.active).toBeUndefined();
	expect(n8n.nodeItems(run, 'Delete')[0].json).toEqual({ success: true });

	expect(apiCalls()).toEqual([
		{ method: 'GET', path: `${FORMS}/templates`, query: { q: 'rsvp', offset: '0', limit: '100' }, body: undefined, status: 200 },
		{ method: 'POST', path: FORMS, query: { template: 'frmtpl_3' }, body: { name: 'E2E Café sign-up' }, status: 200 },
		{ method: 'GET', path: `${FORMS}/${id}`, query: {}, body: undefined, status: 200 },
		{ method: 'PUT', path: `${FORMS}/${id}`, query: {}, body: { name: 'E2E Café sign-up (2)' }, status: 200 },
		{ method: 'PUT', path: `${FORMS}/${id}/activate`, query: {}, body: undefined, status: 200 },
		{ method: 'GET', path: FORMS, query: { q: 'café', offset: '0', limit: '100' }, body: undefined, status: 200 },
		{ method: 'PUT', path: `${FORMS}/${id}/deactivate`, query: {}, body: undefined, status: 200 },
		{ method: 'DELETE', path: `${FORMS}/${id}`, query: {}, body: undefined, status: 200 },
	]);
	expect(env.sandbox.state().forms).toEqual([]);
});

test("Lead Form: analytics for May in the workflow's time zone, and all 105 conversions in two pages", async () => {
	const form = await createForm('E2E newsletter');
	const people = Array.from({ length: 105 }, (_, index) => ({ firstName: `P${index}`, mobile: `+61412${String(index).padStart(6, '0')}`, country: 'AU' }));
	env.sandbox.visitForm(form.id, { impressions: 40, submissions: people, at: '2024-05-10T09:00:00Z' });

	const run = await execute(WORKFLOWS.conversions);
	expect(n8n.nodeItems(run, 'Analytics').map((item) => [item.json.impressions, item.json.conversions, item.pairedItem])).toEqual([
		[145, 105, { item: 0 }],
	]);
	const conversions = n8n.nodeItems(run, 'Conversions');
	expect(conversions).toHaveLength(105);
	expect(conversions.map((item) => item.json.contact.firstName)).toEqual(people.map((person) => person.firstName));
	expect(conversions.every((item) => item.pairedItem?.item === 0)).toBe(true);

	const calls = apiCalls();
	// n8n's default time zone (America/New_York): 1 May 00:00 there is 04:00 UTC.
	expect(calls[1]).toMatchObject({ path: `${FORMS}/${form.id}/analytics`, query: { start: '2024-05-01T04:00:00.000Z', end: '2024-05-31T23:59:59.000Z' } });
	expect(calls.slice(2).map((call) => [call.path, call.query])).toEqual([
		[`${FORMS}/${form.id}/conversions`, { offset: '0', limit: '100' }],
		[`${FORMS}/${form.id}/conversions`, { offset: '100', limit: '100' }],
	]);
});

test('Lead Form with continue on fail: the unknown form is an error item in place; a create whose answer was lost says it may exist; a bad area code is its row\'s error among the numbers', async () => {
	await createForm('E2E existing');
	env.sandbox.injectFault({ kind: 'reset', when: 'after', match: { method: 'POST', path: 'acc_sandbox/forms' }, times: 1 });
	const run = await execute(WORKFLOWS.continueOnFail);

	const got = n8n.nodeItems(run, 'Get');
	expect(got.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(got[0].json).toMatchObject({ id: 'frm_000001', name: 'E2E existing' });
	expect(got[1].json).toEqual({ error: 'Invalid lead form id (FORM-001)' });

	const createdItems = n8n.nodeItems(run, 'Create');
	expect(createdItems.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	const lost = createdItems.filter((item) => 'error' in item.json);
	expect(lost.map((item) => item.json)).toEqual([{ error: 'The lead form got no usable answer: it may have been created' }]);
	// Sent once per row, never repeated: the lost one exists in Sakari all the same.
	expect(apiCalls().filter((call) => call.method === 'POST')).toHaveLength(2);
	expect(env.sandbox.state().forms.map((form) => form.name).sort()).toEqual(['E2E existing', 'E2E kept', 'E2E lost']);

	// Several items per row, and a row refused before sending: its error item stays paired to that row.
	expect(n8n.nodeItems(run, 'Numbers').map((item) => [item.json.number ?? item.json.error, item.pairedItem])).toEqual([
		['+12125550144', { item: 0 }],
		['+12125550155', { item: 0 }],
		['Filters > Area Code: "(347)" is not an area code; use digits only, e.g. 347', { item: 1 }],
	]);
	expect(apiCalls().filter((call) => call.path.endsWith('/availablephonenumbers')).map((call) => call.query)).toEqual([{ areaCode: '212' }]);
});

test('Link: all 130 links in two pages; two of them by ID and their sources; Phone Number → Get Available with filters', async () => {
	const links = env.sandbox.seedLinks(130);
	const run = await execute(WORKFLOWS.links);

	expect(n8n.nodeItems(run, 'Links').map((item) => item.json.id)).toEqual(links.map((link) => link.id));
	expect(n8n.nodeItems(run, 'Link').map((item) => [item.json.id, item.json.shortenedUrl, item.pairedItem])).toEqual([
		[links[0].id, links[0].shortenedUrl, { item: 0 }],
		[links[1].id, links[1].shortenedUrl, { item: 1 }],
	]);
	const sources = n8n.nodeItems(run, 'Sources');
	expect(sources.map((item) => [item.json.id, item.json.name, item.pairedItem])).toEqual([
		[`${links[0].id}_src2`, 'Email', { item: 0 }],
		[`${links[1].id}_src2`, 'Email', { item: 1 }],
	]);
	expect(n8n.nodeItems(run, 'Numbers').map((item) => item.json.number)).toEqual(['+12125550144', '+12125550155']);

	const calls = apiCalls();
	expect(calls.slice(0, 2).map((call) => call.query)).toEqual([
		{ offset: '0', limit: '100' },
		{ offset: '100', limit: '100' },
	]);
	// The two rows' requests run concurrently: in either order.
	expect(calls.slice(3, 5).map((call) => [call.path, call.query]).sort()).toEqual([
		[`${ACCOUNT}/links/${links[0].id}`, {}],
		[`${ACCOUNT}/links/${links[1].id}`, {}],
	]);
	expect(calls.slice(5, 7).map((call) => [call.path, call.query]).sort()).toEqual([
		[`${ACCOUNT}/links/${links[0].id}/sources`, { sources: 'Email', offset: '0', limit: '100' }],
		[`${ACCOUNT}/links/${links[1].id}/sources`, { sources: 'Email', offset: '0', limit: '100' }],
	]);
	expect(calls.slice(7).map((call) => [call.path, call.query])).toEqual([[`${ACCOUNT}/availablephonenumbers`, { areaCode: '212', features: 'sms' }]]);
});
