// @ts-check
'use strict';
// The contract (sandbox/contract): it catches wrong shapes on both sides, and the sandbox holds exchanges
// against it when asked (checkContract) in either answer shape.
const { startSandbox } = require('../sandbox/server');
const { parseArgs } = require('../sandbox/lib/cli');
const contract = require('../sandbox/contract');

const CREDS = { grant_type: 'client_credentials', client_id: 'sandbox-client', client_secret: 'sandbox-secret' };

/** @type {any} */
let sb;
afterEach(async () => {
	await sb?.close();
	sb = undefined;
});

async function post(path, body, headers = {}) {
	const res = await fetch(`${sb.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
	return { status: res.status, json: await res.json().catch(() => undefined) };
}

describe('sandbox switches', () => {
	test('shapes defaults to current, takes 1.0.1, refuses anything else; also from the command line', async () => {
		sb = await startSandbox();
		expect(sb.config()).toMatchObject({ shapes: 'current', checkContract: false });
		expect(sb.configure({ shapes: '1.0.1' })).toMatchObject({ shapes: '1.0.1' });
		expect(() => sb.configure({ shapes: '2.0' })).toThrow(/shapes must be one of current, 1.0.1/);
		expect(() => sb.configure({ checkContract: 'yes' })).toThrow(/checkContract/);
		expect(parseArgs(['--shapes=1.0.1', '--check-contract'], {})).toMatchObject({ shapes: '1.0.1', checkContract: true });
		expect(parseArgs(['--shapes', 'current'], {})).toMatchObject({ shapes: 'current' });
	});
});

describe('checkContract', () => {
	test('a request the contract refuses is kept as a violation naming the problem and the page', async () => {
		sb = await startSandbox({ checkContract: true });
		await post('/oauth2/token', { grant_type: 'client_credentials', client_id: 'sandbox-client' });
		const [violation] = sb.violations();
		expect(violation).toMatchObject({
			where: 'request',
			method: 'POST',
			path: '/oauth2/token',
			endpoint: 'Token (POST /oauth2/token)',
			source: 'https://developer.sakari.io/quickstart#step-1-authenticate',
			problems: ['body.client_secret is missing'],
		});
	});

	test('a request to an endpoint no source documents is a violation', async () => {
		sb = await startSandbox({ checkContract: true });
		const { json } = await post('/oauth2/token', CREDS);
		await fetch(`${sb.url}/v1/accounts/acc_sandbox/unknown`, { headers: { authorization: `Bearer ${json.access_token}` } });
		expect(sb.violations().map((v) => v.problems).flat()).toEqual([
			'GET /v1/accounts/acc_sandbox/unknown: no documented endpoint (add its schema to sandbox/contract)',
		]);
	});

	test('off by default; violations are readable and clearable over the control API', async () => {
		sb = await startSandbox();
		await post('/oauth2/token', {});
		expect(sb.violations()).toEqual([]);
		sb.configure({ checkContract: true });
		await post('/oauth2/token', {});
		const listed = await (await fetch(`${sb.url}/__sandbox/violations`)).json();
		expect(listed.violations).toHaveLength(1);
		await fetch(`${sb.url}/__sandbox/violations`, { method: 'DELETE' });
		expect(sb.violations()).toEqual([]);
	});
});

describe('schemas that do not compile', () => {
	const broken = {
		name: 'Template → Get Many',
		method: 'GET',
		path: '/v1/accounts/{accountId}/templates',
		source: 'https://developer.sakari.io/api-reference/templates/fetch-templates',
		answers: { 200: { type: 'object', properties: { data: { type: 'array', itmes: { type: 'object' } } } } },
	};

	test('every schema is compiled at once; one Ajv strict mode refuses fails, naming the endpoint, its part, its page and why', () => {
		expect(() => contract.compileAll([broken])).toThrow(
			'1 schema(s) in sandbox/contract do not compile under Ajv\'s strict mode:\n' +
				'- Template → Get Many (GET /v1/accounts/{accountId}/templates), source https://developer.sakari.io/api-reference/templates/fetch-templates: current answer 200: strict mode: unknown keyword: "itmes"',
		);
		expect(() => contract.compileAll([{ ...broken, answers: { 200: { type: 'object' } }, shapes: { '1.0.1': { source: 'x', body: { 'text/csv': { type: 'strnig' } } } } }])).toThrow(
			/1\.0\.1 body text\/csv: schema is invalid: data\/type must be equal to one of the allowed values/,
		);
	});

	test('a sandbox that checks the contract does not start with a schema that does not compile, even one no exchange uses', async () => {
		await jest.isolateModulesAsync(async () => {
			jest.doMock('../sandbox/contract/endpoints/templates', () => [broken]);
			const server = require('../sandbox/server');
			await expect(server.startSandbox({ port: 0, checkContract: true })).rejects.toThrow(/Template → Get Many .*unknown keyword: "itmes"/);
			sb = await server.startSandbox({ port: 0 });
			expect(() => sb.configure({ checkContract: true })).toThrow(/unknown keyword: "itmes"/);
		});
	});
});

describe('contract checks', () => {
	test('a value outside an enum names the path, the allowed values and the value sent', () => {
		const create = (body) => ({ method: 'POST', path: '/v1/accounts/acc/templates', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body, rawBody: JSON.stringify(body) });
		expect(contract.checkRequest(create({ name: 'Welcome', template: 'Hi', type: 'sms' }))?.problems).toEqual(['body.type must be one of "SMS", "Web" (is "sms")']);
		const subscribe = { method: 'POST', path: '/v1/accounts/acc/webhooks', headers: { authorization: 'Bearer t', 'content-type': 'application/json' } };
		const body = { url: 'https://n8n.example.com/webhook/x', eventTypes: ['message-received', 'message-recieved'] };
		expect(contract.checkRequest({ ...subscribe, body, rawBody: JSON.stringify(body) })?.problems).toEqual([
			expect.stringMatching(/^body\.eventTypes\.1 must be one of "contact-created", .*"message-received", .* \(is "message-recieved"\)$/),
		]);
	});


	test('an answer missing what the node relies on is reported with the path of the problem', () => {
		const violation = contract.checkAnswer({ method: 'GET', path: '/v1/accounts' }, { status: 200, body: { success: true, data: [{ name: 'x' }], pagination: { offset: 'a' } } });
		expect(violation?.problems).toEqual(['answer.data.0.id is missing', 'answer.pagination.offset must be integer']);
	});

	test('an error answer must carry Sakari error envelope', () => {
		expect(contract.checkAnswer({ method: 'GET', path: '/v1/accounts/a' }, { status: 404, body: { success: false, error: { code: 'ACCT-008', message: 'Account ID is invalid' } } })).toBeNull();
		expect(contract.checkAnswer({ method: 'GET', path: '/v1/accounts/a' }, { status: 500, body: { message: 'oops' } })?.problems).toEqual([
			'status 500: answer.success is missing; answer.error is missing',
		]);
	});

	test('a webhook subscription answered with `url` instead of `destination` is refused in the current shapes, fine in 1.0.1', () => {
		const request = { method: 'POST', path: '/v1/accounts/acc/webhooks' };
		const old = { status: 200, body: { success: true, data: { url: 'https://x.example/h', eventTypes: ['message-received'] } } };
		expect(contract.checkAnswer(request, old)?.problems).toEqual(['answer.data.id is missing', 'answer.data.destination is missing']);
		expect(contract.checkAnswer(request, old, '1.0.1')).toBeNull();
	});

	test('a 1.0.1 message delivery carries MessageEventPayload: the text, its status, an error as text', () => {
		const delivery = { accountId: 'a', eventType: 'message-status', payload: { contact: { id: 'k' }, message: 'Hi', status: 'Error', error: 'Landline' } };
		expect(contract.checkDelivery(delivery, '1.0.1')).toBeNull();
		expect(contract.checkDelivery({ ...delivery, payload: { message: { id: 'm' } } }, '1.0.1')?.problems).toEqual(['delivery.payload.message must be string']);
	});

	test('catches the wrong shapes that broke real traffic: a webhook answer with `url` only, a contact with `mobile` as text', () => {
		const subscribe = { method: 'POST', path: '/v1/accounts/acc/webhooks' };
		const urlOnly = { status: 200, body: { success: true, data: { url: 'https://n8n.example.com/webhook/x', eventTypes: ['message-received'] } } };
		expect(contract.checkAnswer(subscribe, urlOnly)?.problems).toEqual(['answer.data.id is missing', 'answer.data.destination is missing']);
		// The same answer is 1.0.1's documented shape.
		expect(contract.checkAnswer(subscribe, urlOnly, '1.0.1')).toBeNull();

		const create = (body) => ({ method: 'POST', path: '/v1/accounts/acc/contacts', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body, rawBody: JSON.stringify(body) });
		expect(contract.checkRequest(create({ firstName: 'Ada', mobile: { number: '+13475550100', country: 'US' } }))).toBeNull();
		expect(contract.checkRequest(create({ firstName: 'Ada', mobile: '+13475550100' }))).toMatchObject({
			endpoint: 'Contact → Create (POST /v1/accounts/{accountId}/contacts)',
			source: 'https://developer.sakari.io/api-reference/contacts/create-contact',
			problems: ['body.mobile must be object'],
		});
		expect(contract.checkRequest(create({ mobile: { number: '+13475550100', country: 'usa' } }))?.problems).toEqual(['body.mobile.country must match pattern "^[A-Z]{2}$"']);
	});

	test('a CSV upload needs the mobile and country columns and header names without spaces', () => {
		const upload = (csv) => contract.checkRequest({ method: 'POST', path: '/v1/accounts/acc/contacts', headers: { authorization: 'Bearer t', 'content-type': 'text/csv' }, rawBody: csv });
		expect(upload('mobile,country,firstName,plan\r\n+13475550100,US,Ada,gold\r\n')).toBeNull();
		expect(upload('mobile,firstName\r\n+13475550100,Ada\r\n')?.problems).toEqual(['body must match pattern "^\\uFEFF?[^\\r\\n]*\\b[Cc]ountry\\b"']);
		expect(upload('mobile,country,Job Title\r\n+13475550100,US,CEO\r\n')?.problems).toHaveLength(1);
	});

	test('every endpoint names the page it comes from', () => {
		for (const endpoint of contract.ENDPOINTS) {
			expect(endpoint.source).toMatch(/^https:\/\/(developer\.sakari\.io|support\.sakari\.io|github\.com)\//);
			for (const older of Object.values(endpoint.shapes ?? {})) expect(older.source).toMatch(/^https:\/\//);
		}
	});

	test("the SDK's signed message is the payload of the example JWS in sakari-nodejs-sdk src/signature.js, byte for byte", () => {
		const jwsPayload =
			'eyJpZCI6IjVjMTEyYjNhNGVlNGUwNjA1YWU4YWUyYyIsImpvYiI6eyJpZCI6IjVjMTEyYjNhNGVlNGUwNjA1YWU4YWUyYiJ9LCJ0eXBlIjoic21zIiwidGVtcGxhdGUiOiJhc2Rma2poc2RmbGtqIGRzZmtsanNkaGZramxoc2Rma2psaFxyXG5zZGZramxzZGhma2psc2RmIiwic3RhdHVzIjoic2VudCIsIm91dGdvaW5nIjp0cnVlLCJyZWFkIjp0cnVlLCJzZWdtZW50cyI6MSwiam9iQmF0Y2giOjAsInByaWNlIjowLjA1LCJjb250YWN0Ijp7ImlkIjoiNWJlOWFiMjViNGVmMjEwZjU1MjlmMWI1IiwibW9iaWxlIjp7Im51bWJlciI6IisxMjAzMjkzODgxNyIsImNvdW50cnkiOiJVUyJ9fSwiY29udmVyc2F0aW9uIjp7ImlkIjoiNWJlOWFiMjViNGVmMjEwZjU1MjlmMWI3IiwiY2xvc2VkIjoiMjAxOC0xMi0xOVQxNTozNzozMC45ODJaIn0sIm1lc3NhZ2UiOiJhc2Rma2poc2RmbGtqIGRzZmtsanNkaGZramxoc2Rma2psaFxyXG5zZGZramxzZGhma2psc2RmIiwiY3JlYXRlZCI6eyJhdCI6IjIwMTgtMTItMTJUMTU6Mzc6MzAuOTYzWiIsImJ5Ijp7Im5hbWUiOiJBUEkgQ29uc3VtZXIifX0sInVwZGF0ZWQiOnsiYXQiOiIyMDE4LTEyLTEyVDE1OjM3OjM1LjIyOVoiLCJieSI6eyJuYW1lIjoiQVBJIENvbnN1bWVyIn19fQ';
		expect(JSON.stringify(contract.SDK_SIGNED_MESSAGE)).toBe(Buffer.from(jwsPayload, 'base64url').toString('utf8'));
		expect(contract.checkDelivery({ accountId: 'acc', eventType: 'message-sent', payload: contract.SDK_SIGNED_MESSAGE })).toBeNull();
	});

	test("the help centre's example delivery keeps the documented shape in both modes", () => {
		expect(contract.checkDelivery(contract.EXAMPLE_DELIVERY)).toBeNull();
		expect(contract.checkDelivery(contract.EXAMPLE_DELIVERY, '1.0.1')).toBeNull();
	});

	test('a message delivery whose payload.message is not the text is refused', () => {
		const delivery = { accountId: 'a', eventType: 'message-received', payload: { id: 'm', message: { id: 'm' }, conversation: { id: 'c' }, contact: { id: 'k' } } };
		expect(contract.checkDelivery(delivery)?.problems).toEqual(['delivery.payload.message must be string']);
	});
});
