// @ts-check
'use strict';
// Contact → Create in real n8n: the packed package installed as a community package in a fresh user folder,
// workflows run with `n8n execute`, and the sandbox's recorded requests checked against what the node sent.
const { useWorkflowFolder } = require('./folder');
const n8n = require('../../scripts/n8n');
const {
	ALL_FIELDS,
	MERGE_STRATEGIES,
	PEOPLE,
	TOKEN_ITEMS,
	WORKFLOWS,
	mergeMobile,
	mergeNodeName,
} = require('./workflows');

const CONTACTS_PATH = '/v1/accounts/acc_sandbox/contacts';

const { env, execute } = useWorkflowFolder('contacts', WORKFLOWS);

const apiRequests = () => env.sandbox.requests().filter((request) => request.path.startsWith('/v1/'));
const tokenRequests = () => env.sandbox.requests().filter((request) => request.path === '/oauth2/token');

test('creates a contact with every field, once per merge strategy', async () => {
	const run = await execute(WORKFLOWS.mergeStrategies);

	const creates = apiRequests();
	expect(creates).toHaveLength(MERGE_STRATEGIES.length);
	MERGE_STRATEGIES.forEach((strategy, index) => {
		const request = creates.find((candidate) => candidate.body?.mobile?.number === mergeMobile(index));
		expect(request).toMatchObject({ method: 'POST', path: CONTACTS_PATH, status: 201 });
		// "Sakari Default" sends no strategy at all; the others send exactly theirs.
		expect(request.query).toEqual(strategy === 'default' ? {} : { mergeStrategy: strategy });
		expect(request.body).toEqual({
			mobile: { number: mergeMobile(index), country: 'US' },
			firstName: ALL_FIELDS.firstName,
			lastName: ALL_FIELDS.lastName,
			email: ALL_FIELDS.email,
			attributes: { plan: 'gold' },
			lists: [{ id: 'list_1' }, { id: 'list_2' }],
		});
		expect(request.headers.authorization).toMatch(/^Bearer \S+$/);

		const items = n8n.nodeItems(run, mergeNodeName(strategy));
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: expect.any(String),
			firstName: 'Ada',
			lastName: 'Lovelace',
			email: 'ada@example.com',
			mobile: { number: mergeMobile(index), country: 'US' },
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});
	// Four nodes, one credential, one n8n process: the token is fetched once.
	expect(tokenRequests()).toHaveLength(1);
});

test('three input items give three contacts, each paired to its input item', async () => {
	const run = await execute(WORKFLOWS.pairing);

	// (The reset sandbox rejects the token stored by the previous test first: only count the creates.)
	const created = apiRequests().filter((request) => request.status === 201);
	expect(created.map((request) => request.body.mobile.number).sort()).toEqual(PEOPLE.map((p) => p.phone));
	const contacts = n8n.nodeItems(run, 'Create contact');
	expect(contacts.map((item) => [item.json.mobile.number, item.json.firstName])).toEqual(
		PEOPLE.map((p) => [p.phone, p.first]),
	);
	expect(contacts.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	// Downstream, n8n itself resolves `$('Input rows').item` through those pairings.
	const checked = n8n.nodeItems(run, 'Check pairing');
	expect(checked.map((item) => [item.json.rowFirst, item.json.contactFirst])).toEqual(
		PEOPLE.map((p) => [p.first, p.first]),
	);
});

test("a Sakari error fails the run with Sakari's code and message", async () => {
	const run = await execute(WORKFLOWS.apiError, { expectOk: false });

	const error = run.data.resultData.error;
	expect(error.message).toContain('CONT-001');
	expect(error.message).toContain('Invalid mobile number');
	expect(error.node?.name ?? run.data.resultData.lastNodeExecuted).toBe('Create contact');
	expect(n8n.nodeError(run, 'Create contact')?.message).toContain('CONT-001');
	// The invalid number reached Sakari and was refused there (not by a guess in the node).
	const refused = apiRequests().filter((request) => request.status === 400);
	expect(refused.map((request) => request.body.mobile.number)).toEqual(['+1555012']);
});

test('with continue on fail, the failing item becomes an error item and the others succeed', async () => {
	const run = await execute(WORKFLOWS.continueOnFail);

	const items = n8n.nodeItems(run, 'Create contact');
	expect(items).toHaveLength(3);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items[0].json).toMatchObject({ id: expect.any(String), mobile: { number: PEOPLE[0].phone } });
	expect(items[2].json).toMatchObject({ id: expect.any(String), mobile: { number: PEOPLE[2].phone } });
	expect(JSON.stringify(items[1])).toContain('CONT-001');
	expect(items[1].json.id).toBeUndefined();
	expect(apiRequests().filter((request) => request.status === 201)).toHaveLength(2);
});

test('one OAuth2 token serves many items, and a new one is fetched once after Sakari expires it', async () => {
	// The token workflow has a credential of its own, never used before: its stored token starts empty.
	const first = await execute(WORKFLOWS.token);
	expect(n8n.nodeItems(first, 'Create contact')).toHaveLength(TOKEN_ITEMS);
	expect(tokenRequests()).toHaveLength(1);
	const firstCreates = apiRequests();
	expect(firstCreates).toHaveLength(TOKEN_ITEMS);
	const firstBearer = firstCreates[0].headers.authorization;
	expect(firstCreates.every((request) => request.headers.authorization === firstBearer && request.status === 201)).toBe(
		true,
	);

	// A new n8n process reads the token n8n stored; Sakari now rejects it with 401.
	env.sandbox.clearRequests();
	env.sandbox.expireTokens();
	const second = await execute(WORKFLOWS.token);
	expect(n8n.nodeItems(second, 'Create contact')).toHaveLength(TOKEN_ITEMS);
	expect(tokenRequests()).toHaveLength(1);
	const secondCreates = apiRequests();
	const rejected = secondCreates.filter((request) => request.status === 401);
	const created = secondCreates.filter((request) => request.status === 201);
	expect(rejected.length).toBeGreaterThanOrEqual(1);
	expect(rejected.every((request) => request.headers.authorization === firstBearer)).toBe(true);
	expect(created).toHaveLength(TOKEN_ITEMS);
	expect(created.every((request) => request.headers.authorization !== firstBearer)).toBe(true);
	expect(new Set(created.map((request) => request.headers.authorization)).size).toBe(1);
});
