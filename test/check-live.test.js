// @ts-check
'use strict';
// `npm run check:live` without n8n: its arguments, what it says without the variables, how it judges an exchange
// and a check, and that it writes no secret or token (the runs in real n8n: test/e2e/check-live.e2e.test.js).
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { parseArgs, missingVariables } = require('../scripts/check-live/run');
const { judge } = require('../scripts/check-live/proxy');
const { redact, rowFor, table } = require('../scripts/check-live/report');

const ROOT = path.join(__dirname, '..');

describe('arguments', () => {
	test('read-only by default; --write with a number and a URL; --send; --country', () => {
		expect(parseArgs([])).toMatchObject({ write: false, country: 'US', report: 'check-live-report.json' });
		expect(parseArgs(['--write', '--mobile', '+447700900123', '--webhook-url=https://n8n.example.com/', '--send', '+13475550100', '--country', 'gb'])).toMatchObject({
			write: true,
			mobile: '+447700900123',
			webhookUrl: 'https://n8n.example.com/',
			send: '+13475550100',
			country: 'GB',
		});
	});

	test.each([
		[['--mobile', '+13475550100'], '--mobile and --webhook-url are for --write'],
		[['--send', 'hello'], '--send hello: not a phone number'],
		[['--write', '--webhook-url', 'ftp://x.example.com'], '--webhook-url must be an http(s) URL'],
		[['--country', 'USA'], '--country must be a two-letter ISO code'],
		[['--send'], '--send needs a value'],
		[['--delete-everything'], 'Unknown argument --delete-everything'],
	])('%j is refused: %s', (argv, message) => {
		expect(() => parseArgs(argv)).toThrow(message);
	});

	test('without the variables it says what to set and exits 0', () => {
		expect(missingVariables({ SAKARI_ACCOUNT_ID: 'a', SAKARI_CLIENT_ID: 'b', SAKARI_CLIENT_SECRET: 'c' })).toBe('');
		const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SAKARI_')));
		const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'check-live.mjs')], { env: { ...env, SAKARI_CLIENT_ID: 'x' }, encoding: 'utf8' });
		expect(out).toContain('check:live needs SAKARI_ACCOUNT_ID, SAKARI_CLIENT_SECRET.');
		expect(out).toContain('--write');
	});
});

describe('judging', () => {
	const contacts = { method: 'GET', path: '/v1/accounts/acc/contacts', query: {}, headers: { authorization: 'Bearer t' }, rawBody: '', body: undefined };
	const send = { method: 'POST', path: '/v1/accounts/acc/messages', query: {}, headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, rawBody: '{"template":"Hi","contacts":[{"id":"c1"}]}', body: { template: 'Hi', contacts: [{ id: 'c1' }] } };
	const ok = (data) => ({ status: 200, text: 'x', body: { success: true, data } });

	test("an answer in today's shape, in 1.0.1's, or in neither (with what differed and the page)", () => {
		expect(judge(send, ok({ messages: [], requested: 1, valid: 0, invalid: [] }))).toMatchObject({ endpoint: 'Message → Send', shape: 'current', problems: [] });
		expect(judge(send, ok({ messages: [], queued: 0 }))).toMatchObject({ shape: '1.0.1', problems: [] });
		expect(judge(contacts, ok([{ id: 'c1', mobile: '+13475550100' }]))).toEqual({
			endpoint: 'Contact → Get Many',
			shape: null,
			problems: ['answer.data.0.mobile must be object'],
			source: 'https://developer.sakari.io/api-reference/contacts/fetch-contacts',
		});
	});

	test('a request the contract refuses is reported as such', () => {
		const bad = { ...send, body: { contacts: [{ mobile: '+13475550100' }] }, rawBody: '{}' };
		expect(judge(bad, ok({ messages: [], requested: 1, valid: 1, invalid: [] })).problems).toEqual([
			'request: body.template is missing',
			'request: body.contacts.0.mobile must be object',
		]);
	});
});

describe('rows and report', () => {
	const exchange = (over) => ({ seq: 1, phase: 'read', method: 'GET', path: '/v1/accounts/acc/contacts', status: 200, endpoint: 'Contact → Get Many', shape: 'current', problems: [], source: null, ...over });
	const check = { name: 'Contact → Get Many', phase: 'read', endpoints: ['Contact → Get Many'], node: 'Get' };
	const run = (items, error) => ({ data: { resultData: { runData: { Get: [{ data: { main: [items] }, error }] } } } });

	test('ok, ok in 1.0.1 shapes, differs, failed (node error, or nothing reached Sakari)', () => {
		expect(rowFor(check, [exchange()], { run: run([{ json: { id: 'c1' } }]) }).result).toBe('ok');
		expect(rowFor(check, [exchange({ shape: '1.0.1' })], { run: run([]) }).result).toBe('ok (1.0.1 shapes)');
		expect(rowFor(check, [exchange({ shape: null, problems: ['answer.data must be array'], source: 'https://p' })], { run: run([]) })).toEqual({
			check: 'Contact → Get Many',
			result: 'differs',
			details: ['GET /v1/accounts/acc/contacts → 200: answer.data must be array'],
			sources: ['https://p'],
		});
		expect(rowFor(check, [exchange({ status: 401 })], { run: run([{ json: {}, error: { message: 'Sakari rejected the token' } }]) })).toMatchObject({ result: 'failed', details: ['Sakari rejected the token', '(GET /v1/accounts/acc/contacts answered 401)'] });
		expect(rowFor(check, [], { run: run([]) })).toMatchObject({ result: 'failed', details: ['no request for it reached Sakari'] });
		expect(rowFor({ ...check, phase: 'contact' }, [exchange()], { run: {} })).toMatchObject({ result: 'failed', details: ['the node Get did not run'] });
	});

	test('the secret, the tokens and anything shaped like a JWT never reach the table or the report', () => {
		const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
		const rows = [rowFor(check, [exchange()], { run: run([{ json: {}, error: { message: `Bad secret s3cr3t-value (token ${jwt})` } }]) })];
		const text = redact(table(rows), ['s3cr3t-value']);
		expect(text).toContain('Bad secret [secret] (token [token])');
		expect(text).not.toMatch(/s3cr3t-value|eyJ/);
	});
});
