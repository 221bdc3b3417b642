// @ts-check
'use strict';
// Accounts and campaigns as Sakari documents them today, in real n8n: the packed package in a fresh user folder,
// workflows run with `n8n execute`, the items checked against what the sandbox received and its state. The
// sandbox echoes the client secret in every answer for the account runs: nothing n8n stores may contain it.
const n8n = require('../../scripts/n8n');
const { chainWorkflow, useWorkflowFolder } = require('./folder');
const { CREDENTIALS, node, rows: listRows } = require('./workflows');

const ACCOUNT = '/v1/accounts/acc_sandbox';
const CAMPAIGNS = `${ACCOUNT}/campaigns`;
const QUICK = `${ACCOUNT}/quickcampaigns`;

/** The Sakari node as the editor saves it. */
const sakari = (name, parameters, position, extra = {}) =>
	node(name, n8n.NODE_TYPE, 1, parameters, [position, 0], { credentials: { [n8n.CREDENTIAL_TYPE]: CREDENTIALS.main }, ...extra });
const start = () => node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]);
const rows = (items) => listRows('Rows', items);
const byId = (value) => ({ __rl: true, mode: 'id', value });

/** Audience filters as Campaign → Get answers them today, and as OpenAPI 1.0.1 wrote them (lists of text). */
const CURRENT_FILTERS = {
	list: { id: 'lst_vip', name: 'VIP' },
	q: 'boston',
	attributes: [{ attribute: 'city', comparator: '=', value: ['Boston'] }],
	tags: [{ tag: 'vip', visible: true }],
};
const OLDER_FILTERS = { attributes: ['city'], contacts: ['ct_000001'], tags: ['vip'] };

/** Two campaigns; the second gets the first's audience through `{{ $json.filters }}` from Campaign → Get. */
const copyAudience = (id, filters, trigger) =>
	chainWorkflow(id, "E2E: copy a campaign's audience from Campaign → Get into Update", [
		start(),
		sakari('Create source', { resource: 'campaign', operation: 'create', campaignName: 'E2E source', campaignTemplate: 'Hi {{{firstName}}}', campaignTrigger: trigger, campaignAudience: JSON.stringify(filters), campaignReporting: 'NoReport' }, 220),
		sakari('Create target', { resource: 'campaign', operation: 'create', campaignName: 'E2E target', campaignTemplate: 'Hello' }, 440),
		sakari('Get source', { resource: 'campaign', operation: 'get', campaignId: byId("={{ $('Create source').item.json.id }}") }, 660),
		sakari(
			'Update target',
			{ resource: 'campaign', operation: 'update', campaignId: byId("={{ $('Create target').item.json.id }}"), campaignUpdateFields: { campaignAudience: '={{ $json.filters }}' } },
			880,
		),
	]);

const createAndSend = (name, extra = {}) =>
	sakari(
		name,
		{
			resource: 'campaign',
			operation: 'createAndSend',
			campaignName: "={{ 'E2E ' + $('Rows').item.json.campaign }}",
			campaignGroupId: 'grp_e2e',
			campaignListId: 'lst_e2e',
			campaignMessage: 'Hi {{{firstName}}}, the spring sale starts today',
			campaignSendAt: '={{ $now.plus({ hours: 2 }) }}',
			campaignSendOptions: {},
		},
		660,
		extra,
	);

const WORKFLOWS = {
	accounts: chainWorkflow('sakariE2eAcct001', 'E2E: Account → Get and Get Many (all pages) from a server echoing the secret', [
		start(),
		sakari('Get account', { resource: 'account', operation: 'get' }, 220),
		sakari('Get accounts', { resource: 'account', operation: 'getAll', returnAll: true }, 440),
	]),
	accountsRefused: chainWorkflow('sakariE2eAcct002', 'E2E: Account → Get Many per row, one refused, continue on fail', [
		start(),
		...rows([{ row: 'first' }, { row: 'second' }]),
		sakari('Get accounts', { resource: 'account', operation: 'getAll', returnAll: false, limit: 2 }, 440, { onError: 'continueRegularOutput' }),
	]),
	copyCurrent: copyAudience('sakariE2eCamp101', CURRENT_FILTERS, 'V2'),
	// V2 is today's trigger code; OpenAPI 1.0.1 knows M, S and FU.
	copyOlder: copyAudience('sakariE2eCamp102', OLDER_FILTERS, 'S'),
	quick: chainWorkflow('sakariE2eCamp103', 'E2E: contacts on a list, then Create and Send to it in two hours', [
		start(),
		...rows([
			{ phone: '(347) 555-0101', country: 'US', campaign: 'Spring' },
			{ phone: '07700 900123', country: 'GB', campaign: 'Spring' },
			{ phone: '0151 23456789', country: 'DE', campaign: 'Spring' },
		]),
		sakari(
			'Add to list',
			{ resource: 'contact', operation: 'create', mobileNumber: '={{ $json.phone }}', mobileCountry: '={{ $json.country }}', mergeStrategy: 'default', additionalFields: { lists: 'lst_e2e' } },
			440,
		),
		createAndSend('Create and send', { executeOnce: true }),
	]),
	quickLost: chainWorkflow('sakariE2eCamp104', 'E2E: check the credit, then Create and Send per row, one answer lost, continue on fail', [
		start(),
		// Also renews the token the sandbox's reset expired, so the lost answer below is the campaign's own.
		sakari('Check credit', { resource: 'account', operation: 'get' }, 110),
		...rows([{ campaign: 'North' }, { campaign: 'South' }]),
		createAndSend('Create and send', { onError: 'continueRegularOutput' }),
	]),
};

const { env, execute } = useWorkflowFolder('account-campaign', WORKFLOWS);

// A token stored by an earlier test is expired by the sandbox's reset: n8n's one 401 → new token → retry is not counted.
const apiCalls = () =>
	env.sandbox
		.requests()
		.filter((request) => request.path.startsWith('/v1/') && request.status !== 401)
		.map(({ method, path, query, body, status }) => ({ method, path, query, body, status }));
const pairs = (items) => items.map((item) => item.pairedItem);

test('Account → Get and Get Many over 100 accounts: balance a number, no apiCredentials, nothing n8n stores holds the secret Sakari echoed', async () => {
	env.sandbox.configure({ echoSecret: true, otherAccounts: 104 });
	const run = await execute(WORKFLOWS.accounts);

	const [account] = n8n.nodeItems(run, 'Get account');
	expect(account.json).toMatchObject({ id: 'acc_sandbox', balance: 100, balanceDetails: { balance: 100, country: 'US' }, clientSecret: '[redacted]' });
	expect(account.json).not.toHaveProperty('apiCredentials');
	const accounts = n8n.nodeItems(run, 'Get accounts');
	expect(accounts).toHaveLength(105);
	expect(new Set(pairs(accounts).map((pair) => JSON.stringify(pair)))).toEqual(new Set([JSON.stringify({ item: 0 })]));
	expect(accounts.map((item) => item.json.id).slice(0, 2)).toEqual(['acc_sandbox', 'acc_sandbox_2']);
	// The whole run as n8n keeps it: no secret of this client nor of the other accounts' clients.
	const stored = JSON.stringify(run);
	expect(stored).not.toContain(env.sandbox.clientSecret);
	expect(stored).not.toMatch(/other-secret|apiCredentials/);
	expect(apiCalls().filter((call) => call.path === '/v1/accounts').map((call) => call.query)).toEqual([
		{ offset: '0', limit: '100' },
		{ offset: '100', limit: '100' },
	]);
});

test("Account → Get Many with continue-on-fail: the refused row is an error item with Sakari's code, paired; the other row lists the accounts; nothing stored holds the secret", async () => {
	env.sandbox.configure({ echoSecret: true });
	env.sandbox.injectFault({ kind: 'status', status: 403, code: 'ACCT-016', message: 'Insufficient access to this API', match: { path: '/^\\/v1\\/accounts$/' } });
	const run = await execute(WORKFLOWS.accountsRefused);

	const items = n8n.nodeItems(run, 'Get accounts');
	const failed = items.filter((item) => 'error' in item.json);
	// An injected refusal is not a real answer: the sandbox echoes nothing into it (unit tests cover echoed errors).
	expect(failed.map((item) => item.json.error)).toEqual(['Insufficient access to this API (ACCT-016)']);
	const other = { item: failed[0].pairedItem.item === 0 ? 1 : 0 };
	expect(items.filter((item) => !('error' in item.json)).map((item) => [item.json.id, item.pairedItem])).toEqual([
		['acc_sandbox', other],
		['acc_sandbox_2', other],
	]);
	expect(JSON.stringify(run)).not.toContain(env.sandbox.clientSecret);
});

test.each([
	['current', WORKFLOWS.copyCurrent, CURRENT_FILTERS, 'V2'],
	['1.0.1', WORKFLOWS.copyOlder, OLDER_FILTERS, 'S'],
])("Campaign → Get's filters go into Campaign → Update as they came ({{ $json.filters }}), Sakari answering in the %s shape", async (shapes, workflow, filters, trigger) => {
	env.sandbox.configure({ shapes });
	const run = await execute(workflow);

	const [source] = n8n.nodeItems(run, 'Create source');
	const [target] = n8n.nodeItems(run, 'Create target');
	expect(source.json).toMatchObject({ trigger: { code: trigger } });
	// OpenAPI 1.0.1's Campaign documents no `reporting`; today's answers carry it.
	if (shapes === 'current') expect(source.json.reporting).toEqual({ when: 'NoReport' });
	const [got] = n8n.nodeItems(run, 'Get source');
	if (shapes === 'current') expect(got.json.filters).toEqual(filters);
	else expect(got.json.filters).toEqual(OLDER_FILTERS);

	const calls = apiCalls();
	expect(calls[0]).toMatchObject({ method: 'POST', path: CAMPAIGNS, body: { name: 'E2E source', trigger: { code: trigger }, filters, reporting: { when: 'NoReport' } } });
	expect(calls.at(-1)).toEqual({ method: 'PUT', path: `${CAMPAIGNS}/${target.json.id}`, query: {}, body: { filters: got.json.filters }, status: 200 });
	const [updated] = n8n.nodeItems(run, 'Update target');
	expect(updated).toMatchObject({ json: { id: target.json.id, filters: got.json.filters }, pairedItem: { item: 0 } });
});

test('Campaign → Create and Send to a list of contacts from three countries, in two hours: sent once, in UTC, and the output says when', async () => {
	const before = Date.now();
	const run = await execute(WORKFLOWS.quick);

	const posts = apiCalls().filter((call) => call.path === QUICK);
	expect(posts).toHaveLength(1);
	const { body } = posts[0];
	expect(body).toEqual({
		name: 'E2E Spring',
		groupId: 'grp_e2e',
		listId: 'lst_e2e',
		message: { message: 'Hi {{{firstName}}}, the spring sale starts today' },
		sendAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
	});
	expect(Math.abs(Date.parse(body.sendAt) - (before + 2 * 3_600_000))).toBeLessThan(120_000);
	expect(n8n.nodeItems(run, 'Create and send')).toEqual([
		{
			json: {
				campaign: expect.objectContaining({ name: 'E2E Spring', nextExecution: body.sendAt, filters: expect.objectContaining({ list: { id: 'lst_e2e' } }) }),
				job: expect.objectContaining({ status: 'Scheduled', submitted: 3 }),
				sendAt: body.sendAt,
				scheduled: true,
			},
			pairedItem: { item: 0 },
		},
	]);
});

test('Campaign → Create and Send whose answer is lost: not sent again; with continue-on-fail that row says it may have been sent, the other row is sent', async () => {
	env.sandbox.injectFault({ kind: 'reset', when: 'after', match: { path: 'quickcampaigns' } });
	const run = await execute(WORKFLOWS.quickLost);

	expect(apiCalls().filter((call) => call.path === QUICK)).toHaveLength(2);
	// Both were created: the lost answer's campaign exists too, which is why it is not sent again.
	expect(env.sandbox.state().campaigns.map((campaign) => campaign.name).sort()).toEqual(['E2E North', 'E2E South']);
	const items = n8n.nodeItems(run, 'Create and send');
	expect(pairs(items).sort((a, b) => a.item - b.item)).toEqual([{ item: 0 }, { item: 1 }]);
	const failed = items.filter((item) => 'error' in item.json);
	expect(failed.map((item) => item.json.error)).toEqual(['No usable answer from Sakari: the campaign may have been created and sent']);
	expect(items.filter((item) => !('error' in item.json)).map((item) => item.json.scheduled)).toEqual([true]);
});
