// @ts-check
'use strict';
// `npm run check:live` against the sandbox in real n8n: every check passes in today's shapes, passes (saying so)
// in OpenAPI 1.0.1's, and reports what differs when an answer breaks the contract. Neither the table nor the
// JSON report holds the client secret or a token, also when an answer echoes the secret.
const http = require('node:http');
const n8n = require('../../scripts/n8n');
const { runLiveCheck } = require('../../scripts/check-live/run');
const { startCheckedSandbox, useContractCheck } = require('./folder');

const SECRET = 'live-check-secret-7f3a9c41';
const EVERYTHING = { write: true, mobile: '+13475550901', webhookUrl: 'https://hooks.example.com/n8n/', send: '+13475550902', country: 'US', report: '', help: false };
const READ_ONLY = { write: false, country: 'US', report: '', help: false };

/** @type {any} */
let sandbox;
useContractCheck(() => sandbox);
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

async function check(options, baseUrl = sandbox.url) {
	return await runLiveCheck(
		{ accountId: sandbox.accountId, clientId: sandbox.clientId, clientSecret: SECRET, baseUrl },
		options,
		{ tarball: n8n.packPackage() },
	);
}

const results = (rows) => Object.fromEntries(rows.map((row) => [row.check, row.result]));

/** Every token the sandbox handed out or was shown: none may be in the report. */
const tokensSeen = () => sandbox.requests().map((request) => String(request.headers.authorization ?? '').replace(/^Bearer /, '')).filter(Boolean);

function expectNoSecrets(...texts) {
	const tokens = tokensSeen();
	expect(tokens.length).toBeGreaterThan(0);
	for (const text of texts) {
		expect(text).not.toContain(SECRET);
		for (const token of tokens) expect(text).not.toContain(token);
	}
}

test('today\'s shapes: read, write, webhook and send checks all pass, and the sandbox saw exactly that traffic', async () => {
	sandbox = await startCheckedSandbox({ clientSecret: SECRET });
	const { rows, text, json, ok } = await check(EVERYTHING);

	expect(results(rows)).toEqual({
		Token: 'ok',
		'Account → Get': 'ok',
		'Contact → Get Many': 'ok',
		'Conversation → Get Many': 'ok',
		'Message → Get Many': 'ok',
		'Template → Get Many': 'ok',
		'Campaign → Get Many': 'ok',
		'Account → Get Many': 'ok',
		'Lead Form → Get Many': 'ok',
		'Lead Form → Get Templates': 'ok',
		'Link → Get Many': 'ok',
		'Phone Number → Get Available': 'ok',
		'Webhooks → list': 'ok',
		'Contact → Get Many (is the number new?)': 'ok',
		'Contact → Create': 'ok',
		'Contact → Update': 'ok',
		'Contact → Delete': 'ok',
		'Webhook → Subscribe (trigger published)': 'ok',
		'Webhook → Unsubscribe (trigger unpublished)': 'ok',
		'Message → Send': 'ok',
	});
	expect(ok).toBe(true);
	// The contact it created is gone again, the webhook it subscribed too; one text went to --send.
	const state = sandbox.state();
	expect(state.contacts.map((contact) => contact.mobile.number)).toEqual(['+13475550902']);
	expect(state.webhooks).toEqual([]);
	expect(sandbox.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/webhooks')).map((r) => r.body.url)).toEqual([
		'https://hooks.example.com/n8n/webhook/5f0c8a52-9d3e-4b7a-8e21-3c6d9f4b1a70/webhook',
	]);
	expect(state.messages).toHaveLength(1);
	expect(JSON.parse(json).rows).toEqual(rows);
	expect(text.split('\n')[0]).toMatch(/^check\s+result\s+what differed from the contract$/);
	expectNoSecrets(text, json);
});

test('OpenAPI 1.0.1 shapes: every check passes, those whose answers differ say they matched 1.0.1', async () => {
	sandbox = await startCheckedSandbox({ clientSecret: SECRET, shapes: '1.0.1' });
	// The parts whose answers differ between the shapes: the webhook subscription and the send.
	const { rows, ok } = await check({ ...EVERYTHING, mobile: undefined });
	expect(ok).toBe(true);
	expect(results(rows)).toMatchObject({
		'Account → Get': 'ok',
		'Webhook → Subscribe (trigger published)': 'ok (1.0.1 shapes)',
		'Webhook → Unsubscribe (trigger unpublished)': 'ok',
		'Message → Send': 'ok (1.0.1 shapes)',
	});
});

test('read-only by default; an answer in neither shape is reported with what differed and its page; an echoed secret stays out', async () => {
	sandbox = await startCheckedSandbox({ clientSecret: SECRET });
	sandbox.seed(2);
	// In front of the sandbox: contacts with `mobile` as a bare string, and the account echoing the client secret.
	const distort = http.createServer(async (req, res) => {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		/** @type {Record<string, string>} */
		const headers = {};
		for (const [name, value] of Object.entries(req.headers)) if (name !== 'host' && typeof value === 'string') headers[name] = value;
		const answer = await fetch(`${sandbox.url}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
		let text = await answer.text();
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		if (req.method === 'GET' && path.endsWith('/contacts')) {
			const body = JSON.parse(text);
			body.data = body.data.map((contact) => ({ ...contact, mobile: contact.mobile.number }));
			text = JSON.stringify(body);
		}
		if (req.method === 'GET' && path === `/v1/accounts/${sandbox.accountId}`) {
			const body = JSON.parse(text);
			body.data.apiCredentials = { id: sandbox.clientId, secret: SECRET };
			text = JSON.stringify(body);
		}
		res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
		res.end(text);
	});
	await new Promise((resolve) => distort.listen(0, '127.0.0.1', () => resolve(undefined)));
	try {
		const { port } = /** @type {import('node:net').AddressInfo} */ (distort.address());
		const { rows, text, json, ok } = await check(READ_ONLY, `http://127.0.0.1:${port}`);

		expect(ok).toBe(false);
		const contacts = rows.find((row) => row.check === 'Contact → Get Many');
		expect(contacts).toMatchObject({
			result: 'differs',
			details: [
				`GET /v1/accounts/${sandbox.accountId}/contacts → 200: answer.data.0.mobile must be object`,
				`GET /v1/accounts/${sandbox.accountId}/contacts → 200: answer.data.1.mobile must be object`,
			],
			sources: ['https://developer.sakari.io/api-reference/contacts/fetch-contacts'],
		});
		expect(text).toContain('answer.data.0.mobile must be object');
		expect(results(rows)).toMatchObject({
			'Account → Get': 'ok',
			'Contact → Create, Update, Delete': 'skipped',
			'Webhook → Subscribe, Unsubscribe': 'skipped',
			'Message → Send': 'skipped',
		});
		// Read-only: nothing but GETs (and the token) reached Sakari.
		expect(new Set(sandbox.requests().map((r) => (r.path === '/oauth2/token' ? 'token' : r.method)))).toEqual(new Set(['token', 'GET']));
		expectNoSecrets(text, json);
	} finally {
		await new Promise((resolve) => distort.close(() => resolve(undefined)));
	}
});
