// @ts-check
'use strict';
// Contract tests for the local Sakari sandbox, over real HTTP on 127.0.0.1.
const crypto = require('node:crypto');
const http = require('node:http');
const { startSandbox } = require('../sandbox/server');

const CREDS = { grant_type: 'client_credentials', client_id: 'sandbox-client', client_secret: 'sandbox-secret' };
const ACC = '/v1/accounts/acc_sandbox';

let sb;
afterEach(async () => {
	if (sb) await sb.close();
	sb = undefined;
});

async function start(options) {
	sb = await startSandbox(options);
	return sb;
}

async function getToken(body = CREDS) {
	const res = await fetch(`${sb.url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: res.status, json: await res.json() };
}

async function token() {
	const { status, json } = await getToken();
	expect(status).toBe(200);
	return json.access_token;
}

/**
 * Call the API; `auth` is a token string, null (no header) or undefined (fetch a fresh token).
 * @param {string} method
 * @param {string} path
 * @param {{body?: unknown, auth?: string | null, headers?: Record<string, string>, raw?: string}} [options]
 */
async function call(method, path, { body, auth, headers = {}, raw } = {}) {
	const bearer = auth === undefined ? await token() : auth;
	/** @type {Record<string, string>} */
	const h = { ...headers };
	if (bearer !== null) h.authorization = `Bearer ${bearer}`;
	let payload;
	if (raw !== undefined) payload = raw;
	else if (body !== undefined) {
		payload = JSON.stringify(body);
		h['content-type'] = h['content-type'] || 'application/json';
	}
	const res = await fetch(`${sb.url}${path}`, { method, headers: h, body: payload });
	const text = await res.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, json, text, headers: res.headers };
}

async function control(method, path, body) {
	const res = await fetch(`${sb.url}/__sandbox${path}`, {
		method,
		headers: body !== undefined ? { 'content-type': 'application/json' } : {},
		body: body !== undefined ? JSON.stringify(body) : undefined,
	});
	return { status: res.status, json: await res.json() };
}

const contact = (number, extra = {}) => ({ mobile: { number, country: 'US' }, ...extra });

function decodeJwt(t) {
	const [h, p, s] = t.split('.');
	expect(s).toMatch(/^[A-Za-z0-9_-]+$/);
	return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), payload: JSON.parse(Buffer.from(p, 'base64url').toString()) };
}

/**
 * Raw request that reports a socket reset instead of throwing.
 * @param {string} url
 * @param {import('node:http').RequestOptions & {body?: string}} [options]
 * @returns {Promise<any>}
 */
function rawRequest(url, options = {}) {
	return new Promise((resolve) => {
		const req = http.request(url, { method: 'GET', agent: false, ...options }, (res) => {
			let data = '';
			res.on('data', (c) => (data += c));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
			res.on('error', (/** @type {NodeJS.ErrnoException} */ err) => resolve({ error: err.code || err.message }));
		});
		req.on('error', (/** @type {NodeJS.ErrnoException} */ err) => resolve({ error: err.code || err.message }));
		req.end(options.body);
	});
}

describe('token endpoint', () => {
	test('issues a JWT-style bearer token with sub, iat, exp (seconds) and jti', async () => {
		await start({ tokenTtlSeconds: 120 });
		const { status, json } = await getToken();
		expect(status).toBe(200);
		expect(json.token_type).toBe('bearer');
		const { header, payload } = decodeJwt(json.access_token);
		expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(payload.sub).toBe('sandbox-client');
		expect(typeof payload.jti).toBe('string');
		const now = Date.now() / 1000;
		expect(payload.iat).toBeLessThanOrEqual(now);
		expect(payload.exp - payload.iat).toBeGreaterThanOrEqual(120);
		expect(payload.exp - payload.iat).toBeLessThanOrEqual(121);
	});

	test('rejects wrong client id or secret with 401 AUTH-001', async () => {
		await start();
		for (const bad of [{ ...CREDS, client_secret: 'nope' }, { ...CREDS, client_id: 'other' }]) {
			const { status, json } = await getToken(bad);
			expect(status).toBe(401);
			expect(json).toEqual({ success: false, error: { code: 'AUTH-001', message: 'Invalid client credentials' } });
		}
	});

	test('rejects a wrong grant_type and a non-JSON body with 400', async () => {
		await start();
		const wrongGrant = await getToken({ ...CREDS, grant_type: 'password' });
		expect(wrongGrant.status).toBe(400);
		expect(wrongGrant.json.success).toBe(false);
		const form = await fetch(`${sb.url}/oauth2/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret',
		});
		expect(form.status).toBe(400);
		expect((await form.json()).error.code).toBe('AUTH-002');
	});
});

describe('authentication on /v1', () => {
	test('missing, garbage, forged and foreign tokens answer 401 with an envelope that never echoes the token', async () => {
		await start();
		const good = await token();
		const [h, p] = good.split('.');
		const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'sandbox-client', iat: 1, exp: 9999999999, jti: '999.x' })).toString('base64url')}.${good.split('.')[2]}`;
		const other = await startSandbox();
		const foreign = (await (await fetch(`${other.url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CREDS) })).json()).access_token;
		await other.close();

		const missing = await call('GET', ACC, { auth: null });
		expect(missing.status).toBe(401);
		expect(missing.json.error.message).toMatch(/missing/i);
		for (const bad of ['garbage', `${h}.${p}.AAAA`, forged, foreign]) {
			const res = await call('GET', ACC, { auth: bad });
			expect(res.status).toBe(401);
			expect(res.json.success).toBe(false);
			expect(res.json.error.message).toMatch(/invalid/i);
			expect(res.text).not.toContain(bad);
		}
		expect((await call('GET', ACC, { auth: good })).status).toBe(200);
	});

	test('expireTokens() makes every issued token answer 401 expired; a new token works', async () => {
		await start();
		const t = await token();
		expect((await call('GET', ACC, { auth: t })).status).toBe(200);
		sb.expireTokens();
		const res = await call('GET', ACC, { auth: t });
		expect(res.status).toBe(401);
		expect(res.json.error.message).toMatch(/expired/i);
		expect((await call('GET', ACC, { auth: await token() })).status).toBe(200);
	});

	test('tokens belong to the client id: changing it invalidates them', async () => {
		await start();
		const t = await token();
		sb.configure({ clientId: 'rotated-client' });
		const res = await call('GET', ACC, { auth: t });
		expect(res.status).toBe(401);
		expect(res.json.error.code).toBe('AUTH-011');
		expect((await getToken()).status).toBe(401);
		expect((await getToken({ ...CREDS, client_id: 'rotated-client' })).status).toBe(200);
	});

	test('POST /__sandbox/tokens/expire does the same over HTTP', async () => {
		await start();
		const t = await token();
		expect((await control('POST', '/tokens/expire')).status).toBe(200);
		expect((await call('GET', ACC, { auth: t })).status).toBe(401);
	});

	test('a short TTL really expires', async () => {
		await start({ tokenTtlSeconds: 1 });
		const t = await token();
		expect((await call('GET', ACC, { auth: t })).status).toBe(200);
		await new Promise((r) => setTimeout(r, 2100));
		const res = await call('GET', ACC, { auth: t });
		expect(res.status).toBe(401);
		expect(res.json.error.code).toBe('AUTH-012');
	});
});

describe('account', () => {
	test('account and balance answers as the current reference shows them; a foreign account id is 404 ACCT-008', async () => {
		await start();
		const t = await token();
		const acc = await call('GET', ACC, { auth: t });
		expect(acc.json).toMatchObject({
			success: true,
			data: { id: 'acc_sandbox', name: 'Sakari Sandbox', balance: 100, apiCredentials: { id: 'sandbox-client', secret: 'sandbox-secret' }, plan: { name: 'Sandbox' } },
		});
		const bal = await call('GET', `${ACC}/balance`, { auth: t });
		expect(bal.json).toEqual({ success: true, data: { balance: 100, country: 'US', segmentPrice: 0.0079, segments: 12658 } });
		const wrong = await call('GET', '/v1/accounts/acc_other/contacts', { auth: t });
		expect(wrong.status).toBe(404);
		expect(wrong.json).toEqual({ success: false, error: { code: 'ACCT-008', message: 'Account ID is invalid' } });
	});

	test('in 1.0.1 shapes (no account endpoint there) the account is {id, name} and the balance {balance}', async () => {
		await start({ shapes: '1.0.1' });
		const t = await token();
		expect((await call('GET', ACC, { auth: t })).json.data).toEqual({ id: 'acc_sandbox', name: 'Sakari Sandbox' });
		expect((await call('GET', `${ACC}/balance`, { auth: t })).json.data).toEqual({ balance: 100 });
		expect((await call('GET', '/v1/accounts', { auth: t })).json.data).toEqual([{ id: 'acc_sandbox', name: 'Sakari Sandbox' }, { id: 'acc_sandbox_2', name: 'Sakari Sandbox 2' }]);
	});

	test('GET /v1/accounts lists the credential\'s account first, then otherAccounts more, each with its own credentials, paged', async () => {
		await start({ otherAccounts: 3 });
		const t = await token();
		const first = await call('GET', '/v1/accounts?limit=2', { auth: t });
		expect(first.json.data.map((a) => [a.id, a.apiCredentials.secret])).toEqual([['acc_sandbox', 'sandbox-secret'], ['acc_sandbox_2', 'other-secret-2']]);
		expect(first.json.pagination).toEqual({ offset: 0, limit: 2, totalCount: 4, hasNext: true });
		const rest = await call('GET', '/v1/accounts?offset=2&limit=2', { auth: t });
		expect(rest.json.data.map((a) => a.id)).toEqual(['acc_sandbox_3', 'acc_sandbox_4']);
		expect(() => sb.configure({ otherAccounts: -1 })).toThrow('otherAccounts must be an integer from 0 to 1000');
	});

	test('echoSecret puts the client secret into every /v1 answer, errors included, never into the token answer', async () => {
		await start({ echoSecret: true, clientSecret: 'top/secret value' });
		const t = await getToken({ ...CREDS, client_secret: 'top/secret value' });
		expect(JSON.stringify(t.json)).not.toContain('top/secret');
		const auth = t.json.access_token;
		const acc = (await call('GET', ACC, { auth })).json.data;
		expect(acc).toMatchObject({ clientSecret: 'top/secret value', 'top/secret value': 'a key that is the secret', echo: { list: ['top/secret value', { deeper: 'top/secret value' }] } });
		expect(acc.echo.link).toContain(encodeURIComponent('top/secret value'));
		const sent = (await call('POST', `${ACC}/messages`, { auth, body: { contacts: [contact('+13475550101')], template: 'Hi' } })).json.data;
		expect(sent.messages[0].clientSecret).toBe('top/secret value');
		const missing = await call('GET', `${ACC}/contacts/ct_missing`, { auth });
		expect(missing.json.error.message).toBe('Invalid contact id (client secret top/secret value)');
		expect(() => sb.configure({ echoSecret: 'yes' })).toThrow('echoSecret must be true or false');
	});
});

describe('contacts', () => {
	test('create answers 201 with an array holding a normalised contact', async () => {
		await start();
		const res = await call('POST', `${ACC}/contacts`, {
			body: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', mobile: { number: '(347) 123-4567', country: 'us' }, attributes: { plan: 'pro' }, lists: [{ id: 'l1', name: 'VIP' }] },
		});
		expect(res.status).toBe(201);
		expect(Array.isArray(res.json.data)).toBe(true);
		expect(res.json.data).toHaveLength(1);
		const c = res.json.data[0];
		expect(c).toMatchObject({
			id: expect.any(String),
			firstName: 'Ada',
			lastName: 'Lovelace',
			email: 'ada@example.com',
			mobile: { number: '+13471234567', country: 'US', verified: null, valid: true, lineType: 'mobile' },
			valid: true,
			attributes: { plan: 'pro' },
			lists: [{ id: 'l1', name: 'VIP' }],
			created: { at: expect.any(String) },
			updated: { at: expect.any(String) },
		});
		expect(c.error).toBeUndefined();
	});

	test.each([
		['+13471234567', 'US', '+13471234567'],
		['3471234567', 'US', '+13471234567'],
		['1-347-123-4567', 'US', '+13471234567'],
		['07911 123456', 'GB', '+447911123456'],
		['0412 345 678', 'AU', '+61412345678'],
		['+33612345678', 'FR', '+33612345678'],
		['06 12 34 56 78', 'FR', '+33612345678'],
		['030 1234567', 'DE', '+49301234567'],
		['30 1234567', 'DE', '+49301234567'],
		['+49 (0)30 1234567', 'DE', '+49301234567'],
		['020 7946 0018', 'GB', '+442079460018'],
		['06 1234 5678', 'IT', '+390612345678'],
		['+39 06 1234 5678', 'IT', '+390612345678'],
	])('normalises %s (%s) to %s', async (number, country, expected) => {
		await start();
		const res = await call('POST', `${ACC}/contacts`, { body: { mobile: { number, country } } });
		expect(res.status).toBe(201);
		expect(res.json.data[0].mobile.number).toBe(expected);
	});

	test.each([['123'], ['5555555555'], ['1234567890'], ['not a number'], ['+1347123456789012'], ['+447777777777'], ['+44123'], ['555-0300']])('rejects %s with 400 CONT-001', async (number) => {
		await start();
		const res = await call('POST', `${ACC}/contacts`, { body: contact(number) });
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ success: false, error: { code: 'CONT-001', message: 'Invalid mobile number' } });
	});

	test('mobile.number and mobile.country are required (400 CONT-002)', async () => {
		await start();
		const t = await token();
		for (const body of [{ firstName: 'x' }, { mobile: { number: '3471234567' } }, { mobile: { country: 'US' } }]) {
			const res = await call('POST', `${ACC}/contacts`, { body, auth: t });
			expect(res.status).toBe(400);
			expect(res.json.error.code).toBe('CONT-002');
		}
	});

	test('dedupes by normalised number', async () => {
		await start();
		const t = await token();
		const a = await call('POST', `${ACC}/contacts`, { body: contact('+13471234567', { firstName: 'Ada' }), auth: t });
		const b = await call('POST', `${ACC}/contacts`, { body: contact('(347) 123 4567'), auth: t });
		expect(b.status).toBe(201);
		expect(b.json.data[0].id).toBe(a.json.data[0].id);
		expect(sb.state().contacts).toHaveLength(1);
	});

	describe('mergeStrategy', () => {
		const first = { firstName: 'Ada', lastName: '', email: 'ada@old.example', attributes: { plan: 'pro', city: 'London' }, lists: [{ id: 'l1' }] };
		const second = { firstName: 'Augusta', lastName: 'King', email: 'ada@new.example', attributes: { plan: 'free', team: 'math' }, lists: [{ id: 'l2' }] };

		async function mergeWith(strategy) {
			await start();
			const t = await token();
			await call('POST', `${ACC}/contacts`, { body: contact('3471234567', first), auth: t });
			const q = strategy === undefined ? '' : `?mergeStrategy=${strategy}`;
			const res = await call('POST', `${ACC}/contacts${q}`, { body: contact('3471234567', second), auth: t });
			expect(res.status).toBe(201);
			expect(sb.state().contacts).toHaveLength(1);
			return res.json.data[0];
		}

		test('append keeps existing values, fills empty ones, adds new attributes and lists', async () => {
			const c = await mergeWith('append');
			expect(c).toMatchObject({ firstName: 'Ada', lastName: 'King', email: 'ada@old.example' });
			expect(c.attributes).toEqual({ plan: 'pro', city: 'London', team: 'math' });
			expect(c.lists.map((l) => l.id)).toEqual(['l1', 'l2']);
		});

		test('omitted behaves like append (the default)', async () => {
			const c = await mergeWith(undefined);
			expect(c).toMatchObject({ firstName: 'Ada', lastName: 'King', email: 'ada@old.example' });
			expect(c.attributes).toEqual({ plan: 'pro', city: 'London', team: 'math' });
		});

		test('core overwrites names and email, keeps attributes and lists', async () => {
			const c = await mergeWith('core');
			expect(c).toMatchObject({ firstName: 'Augusta', lastName: 'King', email: 'ada@new.example' });
			expect(c.attributes).toEqual({ plan: 'pro', city: 'London' });
			expect(c.lists.map((l) => l.id)).toEqual(['l1']);
		});

		test('remove replaces the contact with exactly what was sent', async () => {
			const c = await mergeWith('remove');
			expect(c).toMatchObject({ firstName: 'Augusta', lastName: 'King', email: 'ada@new.example' });
			expect(c.attributes).toEqual({ plan: 'free', team: 'math' });
			expect(c.lists.map((l) => l.id)).toEqual(['l2']);
		});

		test('an unknown strategy is a 400', async () => {
			await start();
			const res = await call('POST', `${ACC}/contacts?mergeStrategy=overwrite`, { body: contact('3471234567') });
			expect(res.status).toBe(400);
			expect(res.json.error.message).toMatch(/mergeStrategy/);
			expect(sb.state().contacts).toHaveLength(0);
		});
	});

	test('opted-out contacts carry CONT-010 as data', async () => {
		await start();
		const seeded = await control('POST', '/seed', { contacts: 2, optedOutMobiles: ['+13479876543'] });
		expect(seeded.json.created).toBe(2);
		const res = await call('GET', `${ACC}/contacts?mobile=9876543`);
		expect(res.json.data).toHaveLength(1);
		expect(res.json.data[0].error).toEqual({ code: 'CONT-010', description: 'Contact has requested no further communication' });
	});

	test('list pages through more than 100 records with pagination metadata', async () => {
		await start();
		sb.seed(250);
		const t = await token();
		const seen = new Set();
		let offset = 0;
		let pages = 0;
		for (;;) {
			const res = await call('GET', `${ACC}/contacts?offset=${offset}&limit=100`, { auth: t });
			expect(res.status).toBe(200);
			const { pagination, data } = res.json;
			expect(pagination).toEqual({ offset, limit: 100, totalCount: 250, hasNext: offset + 100 < 250 });
			data.forEach((c) => seen.add(c.id));
			pages++;
			if (!pagination.hasNext) break;
			offset += 100;
		}
		expect(pages).toBe(3);
		expect(seen.size).toBe(250);
		const dflt = await call('GET', `${ACC}/contacts`, { auth: t });
		expect(dflt.json.pagination.limit).toBe(10);
		for (const bad of ['limit=0', 'limit=101', 'offset=-1', 'limit=abc']) {
			expect((await call('GET', `${ACC}/contacts?${bad}`, { auth: t })).status).toBe(400);
		}
	});

	test('list filters match partially and case-insensitively', async () => {
		await start();
		const t = await token();
		await call('POST', `${ACC}/contacts`, { body: contact('3471234567', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', tags: ['vip'] }), auth: t });
		await call('POST', `${ACC}/contacts`, { body: contact('3477654321', { firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.mil' }), auth: t });
		const names = async (q) => (await call('GET', `${ACC}/contacts?${q}`, { auth: t })).json.data.map((c) => c.firstName);
		expect(await names('firstName=AD')).toEqual(['Ada']);
		expect(await names('lastName=hop')).toEqual(['Grace']);
		expect(await names('email=NAVY')).toEqual(['Grace']);
		expect(await names('mobile=765')).toEqual(['Grace']);
		expect(await names('tags=VI')).toEqual(['Ada']);
	});

	test('get, put, delete and 404 for unknown ids', async () => {
		await start();
		const t = await token();
		const id = (await call('POST', `${ACC}/contacts`, { body: contact('3471234567', { firstName: 'Ada' }), auth: t })).json.data[0].id;
		expect((await call('GET', `${ACC}/contacts/${id}`, { auth: t })).json.data.firstName).toBe('Ada');
		const put = await call('PUT', `${ACC}/contacts/${id}`, { body: { lastName: 'King', attributes: { a: 1 } }, auth: t });
		expect(put.status).toBe(200);
		expect(put.json.data).toMatchObject({ firstName: 'Ada', lastName: 'King', attributes: { a: 1 } });
		const del = await call('DELETE', `${ACC}/contacts/${id}`, { auth: t });
		expect(del.status).toBe(200);
		expect(del.json).toEqual({ success: true });
		const gone = await call('GET', `${ACC}/contacts/${id}`, { auth: t });
		expect(gone.status).toBe(404);
		expect(gone.json.success).toBe(false);
		expect((await call('PUT', `${ACC}/contacts/nope`, { body: { firstName: 'x' }, auth: t })).status).toBe(404);
	});

	test('CSV bulk import inserts, updates and reports row errors', async () => {
		await start();
		const t = await token();
		await call('POST', `${ACC}/contacts`, { body: contact('3471234567', { firstName: 'Ada' }), auth: t });
		const csv = 'firstName,lastName,email,mobile,country,plan\nAda,Lovelace,ada@example.com,3471234567,US,pro\n"Hopper, Grace",H,g@example.com,+13477654321,US,free\nBad,Number,b@example.com,123,US,\n';
		const res = await call('POST', `${ACC}/contacts`, { raw: csv, headers: { 'content-type': 'text/csv' }, auth: t });
		expect(res.status).toBe(201);
		expect(res.json.success).toBe(true);
		expect(res.json.data).toMatchObject({ submitted: 3, inserted: 1, updated: 1, success: 2 });
		expect(res.json.data.contacts).toHaveLength(2);
		expect(res.json.data.contacts[1]).toMatchObject({ firstName: 'Hopper, Grace', attributes: { plan: 'free' } });
		// A refused row comes back as the contact sent, with its error and row number (header = row 1).
		expect(res.json.data.errors).toEqual([
			{ firstName: 'Bad', lastName: 'Number', email: 'b@example.com', mobile: { number: '123', country: 'US' }, attributes: {}, row: 4, error: { code: 'CONT-001', description: 'Invalid mobile number' } },
		]);
	});
});

describe('CSV contact import', () => {
	const csvCall = (csv, query = '', auth) => call('POST', `${ACC}/contacts${query}`, { raw: csv, headers: { 'content-type': 'text/csv; charset=utf-8' }, auth });
	/** Contacts without ids and timestamps, by number, to compare two sandboxes' state. */
	const comparable = (state) =>
		Object.fromEntries(state.contacts.map(({ id, created, updated, ...c }) => [c.mobile.number, c]).sort(([a], [b]) => a.localeCompare(b)));

	test('RFC 4180: any column order, quotes, commas, doubled quotes, newlines in values, CRLF, BOM', async () => {
		await start();
		const t = await token();
		const csv =
			'\uFEFFEmail,Mobile,"note",lastName,country,FirstName\r\n' +
			'ada@example.com,(347) 123-4567,"says ""hi"", then leaves",Lovelace,us,Ada\r\n' +
			'\r\n' +
			'"g@example.com",+447700900123,"line one\r\nline two",,,Grace\r\n' +
			'"",3479876543,,"O\'Brien, Jr",US,""';
		const res = await csvCall(csv, '', t);
		expect(res.status).toBe(201);
		expect(res.json.data).toMatchObject({ submitted: 3, inserted: 3, updated: 0, success: 3, errors: [] });
		const [ada, grace, obrien] = res.json.data.contacts;
		expect(ada).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', mobile: { number: '+13471234567', country: 'US' }, attributes: { note: 'says "hi", then leaves' } });
		// A "+" number without a country takes the country of its calling code.
		expect(grace).toMatchObject({ firstName: 'Grace', lastName: '', mobile: { number: '+447700900123', country: 'GB' }, attributes: { note: 'line one\r\nline two' } });
		expect(obrien).toMatchObject({ firstName: '', lastName: "O'Brien, Jr", email: '', attributes: {} });
		expect(sb.state().contacts).toHaveLength(3);
	});

	test('merges by mobile number exactly as JSON creates do, for every mergeStrategy', async () => {
		const rows = [
			{ firstName: 'Ada', email: 'ada@example.com', mobile: { number: '3471234567', country: 'US' }, attributes: { plan: 'pro' } },
			{ lastName: 'Hopper', mobile: { number: '+13477654321', country: 'US' }, attributes: { city: 'NYC' } },
			{ firstName: 'Twice', mobile: { number: '347-123-4567', country: 'US' }, attributes: { plan: 'free', tier: 'b' } },
		];
		const toCsv = () =>
			'mobile,country,firstName,lastName,email,plan,city,tier\n' +
			rows.map((r) => [r.mobile.number, r.mobile.country, r.firstName ?? '', r.lastName ?? '', r.email ?? '', r.attributes.plan ?? '', r.attributes.city ?? '', r.attributes.tier ?? ''].join(',')).join('\n');
		const existing = contact('3471234567', { firstName: 'Old', lastName: 'Name', attributes: { plan: 'basic', keep: 'yes' } });
		for (const strategy of ['append', 'core', 'remove']) {
			await start();
			await call('POST', `${ACC}/contacts`, { body: existing });
			for (const r of rows) expect((await call('POST', `${ACC}/contacts?mergeStrategy=${strategy}`, { body: r })).status).toBe(201);
			const viaJson = comparable(sb.state());
			await sb.close();

			await start();
			await call('POST', `${ACC}/contacts`, { body: existing });
			const res = await csvCall(toCsv(), `?mergeStrategy=${strategy}`);
			expect(res.status).toBe(201);
			// The same number twice in one upload: inserted once, then updated (each row listed).
			expect(res.json.data).toMatchObject({ submitted: 3, inserted: 1, updated: 2, success: 3 });
			expect(comparable(sb.state())).toEqual(viaJson);
			await sb.close();
			sb = undefined;
		}
	});

	test('row errors: invalid number (CONT-001), national number without country (CONT-002), too many fields', async () => {
		await start();
		const res = await csvCall('mobile,country,firstName\n123,US,Bad\n3471234567,,NoCountry\n3477654321,US,Ok,extra\n3475550101,US,Fine\n');
		expect(res.status).toBe(201);
		expect(res.json.data).toMatchObject({ submitted: 4, inserted: 1, updated: 0, success: 1 });
		expect(res.json.data.contacts.map((c) => c.firstName)).toEqual(['Fine']);
		expect(res.json.data.errors.map((e) => [e.row, e.mobile.number, e.error.code])).toEqual([
			[2, '123', 'CONT-001'],
			[3, '3471234567', 'CONT-002'],
			[4, '3477654321', 'CONT-005'],
		]);
		for (const e of res.json.data.errors) expect(e.error).toEqual({ code: expect.any(String), description: expect.any(String) });
	});

	test('malformed uploads are a 400 CONT-005 and import nothing', async () => {
		await start();
		const t = await token();
		for (const csv of ['', 'firstName,email\nAda,a@example.com\n', 'mobile,mobile\n1,2\n', 'mobile,firstName\n3471234567,"Ada\n', 'mobile,firstName\n3471234567,A"da\n', 'mobile,firstName\n3471234567,"Ada"x\n']) {
			const res = await csvCall(csv, '', t);
			expect([res.status, res.json.error.code]).toEqual([400, 'CONT-005']);
		}
		expect((await csvCall('mobile\n3471234567\n', '?mergeStrategy=bogus', t)).status).toBe(400);
		expect(sb.state().contacts).toEqual([]);
	});

	test('row limit: 1,000 rows by default, configurable; more is a 413 CONT-006 and imports nothing', async () => {
		await start();
		const t = await token();
		const csv = (n, first = 2000000) => `mobile,country\n${Array.from({ length: n }, (_, i) => `+1347${first + i + 1},US`).join('\n')}\n`;
		const full = await csvCall(csv(1000), '', t);
		expect([full.status, full.json.data.inserted]).toEqual([201, 1000]);
		const over = await csvCall(csv(1001, 3000000), '', t);
		expect(over.status).toBe(413);
		expect(over.json).toEqual({ success: false, error: { code: 'CONT-006', message: 'CSV import has 1001 rows; at most 1000 per upload' } });
		expect(sb.state().contacts).toHaveLength(1000);

		expect((await control('POST', '/config', { csvRowLimit: 2 })).json.csvRowLimit).toBe(2);
		expect((await csvCall(csv(3, 4000000), '', t)).status).toBe(413);
		expect((await csvCall(csv(2, 4000000), '', t)).status).toBe(201);
		expect((await control('POST', '/config', { csvRowLimit: 0 })).status).toBe(400);
		expect(() => sb.configure({ csvRowLimit: 1.5 })).toThrow(/csvRowLimit/);
		await sb.close();
		await start({ csvRowLimit: 1 });
		expect((await csvCall(csv(2))).status).toBe(413);
	});

	test('is recorded, rate limited and faulted like every other call', async () => {
		await start();
		const t = await token();
		const body = 'mobile,country\n3471234567,US\n';
		sb.injectFault({ kind: 'status', status: 503, when: 'after', match: { method: 'POST', path: '/contacts' } });
		const lost = await csvCall(body, '?mergeStrategy=core', t);
		expect(lost.status).toBe(503);
		expect(sb.state().contacts).toHaveLength(1); // processed, answer lost
		const rec = sb.requests().at(-1);
		expect(rec).toMatchObject({ method: 'POST', path: `${ACC}/contacts`, query: { mergeStrategy: 'core' }, headers: expect.objectContaining({ 'content-type': 'text/csv; charset=utf-8' }), body, rawBody: body, status: 503, fault: 'status' });
		// The retry merges by number: still one contact.
		const again = await csvCall(body, '?mergeStrategy=core', t);
		expect(again.json.data).toMatchObject({ inserted: 0, updated: 1 });
		expect(sb.state().contacts).toHaveLength(1);

		sb.configure({ rateLimit: { perSecond: 1 } });
		await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
		const statuses = (await Promise.all([csvCall(body, '', t), csvCall(body, '', t)])).map((r) => r.status).sort();
		expect(statuses).toEqual([201, 429]);
	});
});

describe('bulk message send', () => {
	test('500 recipients in one request: one message per queued recipient, invalid ones with their mobile and error', async () => {
		await start();
		const t = await token();
		sb.seed(0, ['+13479876543']);
		const contacts = Array.from({ length: 497 }, (_, i) => contact(`+1347${2000000 + i + 1}`, { firstName: `N${i}` }));
		contacts.splice(10, 0, contact('12'));
		contacts.splice(20, 0, contact('+13479876543'));
		contacts.splice(30, 0, contact('3475550000'));
		expect(contacts).toHaveLength(500);
		const res = await call('POST', `${ACC}/messages`, { auth: t, body: { template: 'Hi {{{firstName}}}', type: 'SMS', contacts } });
		expect(res.status).toBe(200);
		const d = res.json.data;
		expect(d).toMatchObject({ requested: 500, valid: 497, jobId: expect.any(String) });
		expect(d.messages).toHaveLength(497);
		expect(d.messages[0]).toMatchObject({ message: 'Hi N0', contact: { mobile: { number: '+13472000001' } }, status: 'Queued' });
		expect(new Set(d.messages.map((m) => m.contact.mobile.number)).size).toBe(497);
		expect(d.invalid.map((i) => [i.contact.mobile.number, i.error.code])).toEqual([
			['12', 'CONT-001'],
			['+13479876543', 'CONT-010'],
			['+13475550000', 'MSG-020'],
		]);
		for (const i of d.invalid) expect(i.error).toEqual({ code: expect.any(String), description: expect.any(String) });
		expect(sb.state().messages).toHaveLength(497);
	});

	test('answerOrder reverses or shuffles the lists of a send and of a CSV import answer (Sakari promises no order)', async () => {
		await start();
		const t = await token();
		const numbers = Array.from({ length: 6 }, (_, i) => `+134755540${i}1`);
		const send = async () => {
			const res = await call('POST', `${ACC}/messages`, { auth: t, body: { template: 'Hi', contacts: [...numbers.map((n) => contact(n)), contact('12')] } });
			return res.json.data.messages.map((m) => m.contact.mobile.number);
		};
		const upload = async () => {
			const csv = `mobile,country\n${numbers.map((n) => `${n},US`).join('\n')}\n`;
			const res = await call('POST', `${ACC}/contacts`, { raw: csv, headers: { 'content-type': 'text/csv' }, auth: t });
			return res.json.data.contacts.map((c) => c.mobile.number);
		};
		expect(await send()).toEqual(numbers);
		expect(await upload()).toEqual(numbers);
		sb.configure({ answerOrder: 'reversed' });
		expect(await send()).toEqual([...numbers].reverse());
		expect(await upload()).toEqual([...numbers].reverse());
		sb.configure({ answerOrder: 'shuffled' });
		const shuffled = await send();
		expect(shuffled).not.toEqual(numbers);
		expect([...shuffled].sort()).toEqual(numbers);
		expect(await upload()).toEqual(shuffled);
		expect(() => sb.configure({ answerOrder: 'random' })).toThrow('answerOrder must be one of sent, reversed, shuffled');
	});

	test('maxRecipients refuses a larger send as a whole (400 MSG-004), before anything is sent', async () => {
		await start({ maxRecipients: 3 });
		const t = await token();
		const four = ['3471234561', '3471234562', '3471234563', '3471234564'].map((n) => contact(n));
		const res = await call('POST', `${ACC}/messages`, { auth: t, body: { template: 'x', contacts: four } });
		expect(res.status).toBe(400);
		expect(res.json.error).toEqual({ code: 'MSG-004', message: 'Too many recipients: 4; at most 3 per request' });
		expect(sb.state()).toMatchObject({ contacts: [], messages: [] });
		expect((await call('POST', `${ACC}/messages`, { auth: t, body: { template: 'x', contacts: four.slice(0, 3) } })).json.data.valid).toBe(3);
		expect((await control('POST', '/config', { maxRecipients: null })).json.maxRecipients).toBeNull();
		expect((await call('POST', `${ACC}/messages`, { auth: t, body: { template: 'x', contacts: four } })).status).toBe(200);
		expect((await control('POST', '/config', { maxRecipients: -1 })).status).toBe(400);
	});
});

describe('messages, conversations, templates', () => {
	test('send renders templates, creates contacts and conversations, and reports invalid recipients', async () => {
		await start();
		const t = await token();
		sb.seed(0, ['+13479876543']);
		const res = await call('POST', `${ACC}/messages`, {
			auth: t,
			body: {
				template: 'Hi {{{firstName}}} from {{attributes.city}} / {{city}}',
				type: 'SMS',
				contacts: [
					contact('3471234567', { firstName: 'Ada', attributes: { city: 'London' } }),
					contact('+13479876543'),
					contact('3475550000'),
					contact('12'),
				],
			},
		});
		expect(res.status).toBe(200);
		const d = res.json.data;
		expect(d).toMatchObject({ requested: 4, valid: 1, jobId: expect.any(String) });
		expect(d.messages).toHaveLength(1);
		expect(d.messages[0]).toMatchObject({ message: 'Hi Ada from London / London', outgoing: true, status: 'Queued', read: false, segments: 1, conversation: { id: expect.any(String) }, contact: { id: expect.any(String) }, phoneNumber: expect.stringMatching(/^\+1555/) });
		expect(d.invalid.map((i) => i.error.code).sort()).toEqual(['CONT-001', 'CONT-010', 'MSG-020']);

		// Second send reuses the open conversation; closing it makes the next send open another.
		const cvId = d.messages[0].conversation.id;
		const again = await call('POST', `${ACC}/messages`, { auth: t, body: { template: 'again', contacts: [{ id: d.messages[0].contact.id }] } });
		expect(again.json.data.messages[0].conversation.id).toBe(cvId);
		const closed = await call('PUT', `${ACC}/conversations/${cvId}/close`, { auth: t });
		expect(closed.json.data.closed).toBeTruthy();
		const third = await call('POST', `${ACC}/messages`, { auth: t, body: { template: 'third', contacts: [{ id: d.messages[0].contact.id }] } });
		expect(third.json.data.messages[0].conversation.id).not.toBe(cvId);

		const list = await call('GET', `${ACC}/messages?conversationId=${cvId}`, { auth: t });
		expect(list.json.pagination.totalCount).toBe(2);
		const one = await call('GET', `${ACC}/messages/${d.messages[0].id}`, { auth: t });
		expect(one.json.data.message).toBe('Hi Ada from London / London');
		expect((await call('GET', `${ACC}/conversations`, { auth: t })).json.pagination.totalCount).toBe(2);
		const noConv = await call('GET', `${ACC}/conversations/cv_nope`, { auth: t });
		expect(noConv.status).toBe(404);
		expect(noConv.json.error).toEqual({ code: 'CONV-001', message: 'Invalid conversation id' });
	});

	test('placeholders read own fields and attributes only: constructor, toString, __proto__ render empty', async () => {
		await start();
		const res = await call('POST', `${ACC}/messages`, {
			body: { template: '[{{{constructor}}}|{{toString}}|{{attributes.__proto__}}|{{mobile.constructor}}|{{__proto__}}|{{{hasOwnProperty}}}|{{plan}}]', contacts: [contact('3471234567', { attributes: { plan: 'pro' } })] },
		});
		expect(res.json.data.messages[0].message).toBe('[||||||pro]');
		const own = await call('POST', `${ACC}/messages`, { body: { template: '{{constructor}}', contacts: [contact('3477654321', { attributes: { constructor: 'an attribute' } })] } });
		expect(own.json.data.messages[0].message).toBe('an attribute');
	});

	test('send without template or recipients is a 400', async () => {
		await start();
		const t = await token();
		expect((await call('POST', `${ACC}/messages`, { auth: t, body: { contacts: [contact('3471234567')] } })).status).toBe(400);
		expect((await call('POST', `${ACC}/messages`, { auth: t, body: { template: 'x' } })).status).toBe(400);
	});

	test('templates CRUD with name filter', async () => {
		await start();
		const t = await token();
		const created = await call('POST', `${ACC}/templates`, { auth: t, body: { name: 'Welcome', type: 'SMS', template: 'Hi {{firstName}}' } });
		expect(created.status).toBe(201);
		const id = created.json.data.id;
		await call('POST', `${ACC}/templates`, { auth: t, body: { name: 'Reminder', template: 'Later' } });
		expect((await call('POST', `${ACC}/templates`, { auth: t, body: { name: 'x' } })).status).toBe(400);
		expect((await call('GET', `${ACC}/templates?name=welc`, { auth: t })).json.data.map((x) => x.name)).toEqual(['Welcome']);
		expect((await call('PUT', `${ACC}/templates/${id}`, { auth: t, body: { template: 'Hello' } })).json.data).toMatchObject({ name: 'Welcome', template: 'Hello' });
		expect((await call('DELETE', `${ACC}/templates/${id}`, { auth: t })).status).toBe(200);
		expect((await call('GET', `${ACC}/templates/${id}`, { auth: t })).status).toBe(404);
	});
});

describe('share file (POST /v1/tools/sharefile)', () => {
	const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256)); // every byte value, binary
	const upload = async (body, headers = {}, query = '', auth) => {
		const bearer = auth === undefined ? await token() : auth;
		const res = await fetch(`${sb.url}/v1/tools/sharefile${query}`, { method: 'POST', headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers }, body });
		return { status: res.status, json: await res.json() };
	};
	const form = (data, name = 'media', filename = 'receipt.png', type = 'image/png') => {
		const f = new FormData();
		f.append('note', 'not the file');
		f.append(name, new Blob([data], { type }), filename);
		return f;
	};

	test('multipart field media: answers {link, expires}; the link serves the same bytes and type', async () => {
		await start();
		const res = await upload(form(bytes));
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ success: true, data: { link: expect.stringMatching(new RegExp(`^${sb.url}/sf/[A-Za-z0-9_-]+$`)), expires: expect.any(String) } });
		expect(Date.parse(res.json.data.expires)).toBeGreaterThan(Date.now() + 24 * 3600 * 1000);
		const served = await fetch(res.json.data.link);
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('image/png');
		expect(served.headers.get('content-disposition')).toBe('inline; filename="receipt.png"');
		expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
		expect(sb.state().files).toEqual([expect.objectContaining({ name: 'receipt.png', contentType: 'image/png', size: 3000 })]);
		expect(sb.requests().find((r) => r.path === '/v1/tools/sharefile')).toMatchObject({ method: 'POST', status: 200, headers: expect.objectContaining({ 'content-type': expect.stringMatching(/^multipart\/form-data; boundary=/) }) });
	});

	test('application/octet-stream body, named by ?filename=', async () => {
		await start();
		const res = await upload(bytes, { 'content-type': 'application/octet-stream' }, '?filename=chart.bin');
		expect(res.status).toBe(200);
		const served = await fetch(res.json.data.link);
		expect([served.headers.get('content-type'), served.headers.get('content-disposition')]).toEqual(['application/octet-stream', 'inline; filename="chart.bin"']);
		expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
	});

	test('refusals: no token 401, no media field, empty file, wrong type, over the size limit; unknown link 404', async () => {
		await start({ shareFileLimitBytes: 2000 });
		expect((await upload(form(bytes.subarray(0, 10)), {}, '', null)).status).toBe(401);
		const cases = [
			[form(bytes.subarray(0, 10), 'file'), {}, 400, 'FILE-001'],
			[form(Buffer.alloc(0)), {}, 400, 'FILE-003'],
			[bytes.subarray(0, 10), { 'content-type': 'text/plain' }, 415, 'FILE-004'],
			[form(bytes.subarray(0, 2001)), {}, 413, 'FILE-002'],
			[bytes.subarray(0, 2001), { 'content-type': 'application/octet-stream' }, 413, 'FILE-002'],
		];
		for (const [body, headers, status, code] of cases) {
			const res = await upload(body, headers);
			expect([res.status, res.json.error.code]).toEqual([status, code]);
		}
		expect((await upload(form(bytes.subarray(0, 2000)))).status).toBe(200);
		expect((await fetch(`${sb.url}/sf/nope`)).status).toBe(404);
		expect((await control('POST', '/config', { shareFileLimitBytes: 0 })).status).toBe(400);
		sb.reset();
		expect(sb.state().files).toEqual([]);
	});
});

describe('campaigns', () => {
	const body = (name, extra = {}) => ({ name, trigger: { code: 'M' }, template: 'Hi {{{firstName}}}', ...extra });
	const FILTERS = {
		list: { id: 'lst_1', name: 'Buyers' },
		q: 'boston',
		attributes: [{ attribute: 'city', comparator: '=', value: ['Boston'] }],
		tags: [{ tag: 'vip', visible: true }],
	};

	test('create, get, update, delete in the current shape: filters objects, trigger with its name, reporting', async () => {
		await start();
		const t = await token();
		const created = await call('POST', `${ACC}/campaigns`, { auth: t, body: body('Spring sale', { filters: FILTERS, reporting: { when: 'NoReport' }, unknown: 'ignored' }) });
		expect(created.status).toBe(201);
		const c = created.json.data;
		expect(c).toEqual({
			id: expect.stringMatching(/^cmp_/),
			name: 'Spring sale',
			trigger: { code: 'M', name: 'Manual' },
			filters: FILTERS,
			template: 'Hi {{{firstName}}}',
			reporting: { when: 'NoReport' },
			created: expect.any(Object),
			updated: expect.any(Object),
		});
		expect((await call('GET', `${ACC}/campaigns/${c.id}`, { auth: t })).json.data).toEqual(c);
		const put = await call('PUT', `${ACC}/campaigns/${c.id}`, { auth: t, body: { name: 'Summer sale', trigger: { code: 'V2' }, filters: { tags: ['new'] } } });
		expect(put.status).toBe(200);
		expect(put.json.data).toMatchObject({ name: 'Summer sale', trigger: { code: 'V2', name: 'V2' }, template: 'Hi {{{firstName}}}', filters: { attributes: [], tags: [{ tag: 'new', visible: true }] } });
		expect((await call('DELETE', `${ACC}/campaigns/${c.id}`, { auth: t })).json).toEqual({ success: true });
		const gone = await call('GET', `${ACC}/campaigns/${c.id}`, { auth: t });
		expect([gone.status, gone.json.error.code]).toEqual([404, 'CAMP-001']);
		expect((await call('DELETE', `${ACC}/campaigns/${c.id}`, { auth: t })).status).toBe(404);
		expect((await call('GET', '/v1/accounts/acc_other/campaigns', { auth: t })).json.error.code).toBe('ACCT-008');
	});

	test('1.0.1 lists of text are read; answers follow the shapes in force', async () => {
		await start();
		const t = await token();
		const old = { attributes: ['city'], contacts: ['ct_000001'], tags: ['vip'] };
		const { json } = await call('POST', `${ACC}/campaigns`, { auth: t, body: body('Old', { filters: old }) });
		expect(json.data.filters).toEqual({ attributes: [{ attribute: 'city' }], tags: [{ tag: 'vip', visible: true }], contacts: ['ct_000001'] });
		sb.configure({ shapes: '1.0.1' });
		const got = await call('GET', `${ACC}/campaigns/${json.data.id}`, { auth: t });
		expect(got.json.data).toMatchObject({ trigger: { code: 'M' }, filters: old });
		expect(got.json.data.trigger).not.toHaveProperty('name');
		const listed = await call('GET', `${ACC}/campaigns`, { auth: t });
		expect(listed.json.data[0].filters).toEqual(old);
	});

	test('bad bodies are a 400 CAMP-002', async () => {
		await start();
		const t = await token();
		const bad = [
			{},
			body(''),
			body('x', { trigger: { code: 'X' } }),
			body('x', { trigger: 'M' }),
			body('x', { template: '' }),
			body('x', { filters: { tags: 'vip' } }),
			body('x', { filters: { lists: [] } }),
			body('x', { filters: { tags: [{ visible: true }] } }),
			body('x', { filters: { attributes: [{ comparator: '=' }] } }),
			body('x', { filters: { list: { name: 'no id' } } }),
			body('x', { reporting: 'NoReport' }),
		];
		for (const each of bad) {
			const res = await call('POST', `${ACC}/campaigns`, { auth: t, body: each });
			expect([res.status, res.json.error.code]).toEqual([400, 'CAMP-002']);
		}
		const { json } = await call('POST', `${ACC}/campaigns`, { auth: t, body: body('ok', { trigger: { code: 'FU' } }) });
		expect((await call('PUT', `${ACC}/campaigns/${json.data.id}`, { auth: t, body: { trigger: { code: 'Z' } } })).status).toBe(400);
		expect(sb.state().campaigns).toHaveLength(1);
	});

	test('list filters by name (partial, case-insensitive) and pages', async () => {
		await start();
		const t = await token();
		for (let i = 0; i < 12; i++) await call('POST', `${ACC}/campaigns`, { auth: t, body: body(i % 2 ? `Promo ${i}` : `Newsletter ${i}`) });
		const promos = await call('GET', `${ACC}/campaigns?name=PROMO`, { auth: t });
		expect(promos.json.data.map((c) => c.name)).toEqual(['Promo 1', 'Promo 3', 'Promo 5', 'Promo 7', 'Promo 9', 'Promo 11']);
		const last = await call('GET', `${ACC}/campaigns?offset=10&limit=5`, { auth: t });
		expect([last.json.data.length, last.json.pagination]).toEqual([2, { offset: 10, limit: 5, totalCount: 12, hasNext: false }]);
		expect((await call('GET', `${ACC}/campaigns?limit=101`, { auth: t })).status).toBe(400);
	});

	test('POST quickcampaigns makes a campaign for the list and a job counting its contacts, now or at sendAt', async () => {
		await start();
		const t = await token();
		await call('POST', `${ACC}/contacts`, { auth: t, body: contact('+13475550101', { lists: [{ id: 'lst_1' }] }) });
		await call('POST', `${ACC}/contacts`, { auth: t, body: contact('+13475550102') });
		const quick = { name: 'Flash', groupId: 'grp_1', listId: 'lst_1', message: { message: 'Hi' } };
		const now = await call('POST', `${ACC}/quickcampaigns`, { auth: t, body: quick });
		expect(now.status).toBe(200);
		expect(now.json.data).toEqual({
			campaign: expect.objectContaining({ name: 'Flash', template: 'Hi', trigger: { code: 'M', name: 'Manual' }, filters: { list: { id: 'lst_1' }, attributes: [], tags: [] }, phoneNumberFilter: { group: { id: 'grp_1' } } }),
			job: expect.objectContaining({ id: expect.stringMatching(/^job_/), status: 'Submitted', submitted: 1, failures: 0 }),
		});
		const sendAt = new Date(Date.now() + 3_600_000).toISOString();
		const later = await call('POST', `${ACC}/quickcampaigns`, { auth: t, body: { ...quick, sendAt, message: { media: [{ url: 'https://example.com/a.png' }] } } });
		expect(later.json.data).toMatchObject({ campaign: { nextExecution: sendAt, trigger: { code: 'S' }, template: '' }, job: { status: 'Scheduled' } });
		const past = await call('POST', `${ACC}/quickcampaigns`, { auth: t, body: { ...quick, sendAt: '2020-01-01T00:00:00Z' } });
		expect([past.status, past.json.error.code]).toEqual([400, 'CAMP-003']);
		for (const bad of [{ ...quick, groupId: '' }, { ...quick, listId: undefined }, { ...quick, message: {} }, { ...quick, message: { media: [{}] } }, { ...quick, sendAt: 'soon' }]) {
			const res = await call('POST', `${ACC}/quickcampaigns`, { auth: t, body: bad });
			expect([res.status, res.json.error.code]).toEqual([400, 'CAMP-002']);
		}
		expect(sb.state().campaigns).toHaveLength(2);
	});
});

describe('lead forms, links, available phone numbers', () => {
	test('lead form create (200, cloned from a template), update, activate, deactivate, delete', async () => {
		await start();
		const t = await token();
		const created = await call('POST', `${ACC}/forms?template=frmtpl_2`, { auth: t, body: { name: 'Sign-up', unknown: 'ignored' } });
		expect(created.status).toBe(200);
		const form = created.json.data;
		expect(form).toEqual({ id: expect.stringMatching(/^frm_/), name: 'Sign-up', impressions: 0, conversions: 0, created: expect.any(Object), updated: expect.any(Object) });
		expect((await call('PUT', `${ACC}/forms/${form.id}`, { auth: t, body: { name: 'Renamed' } })).json.data.name).toBe('Renamed');
		const active = (await call('PUT', `${ACC}/forms/${form.id}/activate`, { auth: t })).json.data.active;
		expect(Date.parse(active)).toBeGreaterThan(0);
		expect((await call('PUT', `${ACC}/forms/${form.id}/activate`, { auth: t })).json.data.active).toBe(active);
		expect((await call('PUT', `${ACC}/forms/${form.id}/deactivate`, { auth: t })).json.data).not.toHaveProperty('active');
		expect((await call('DELETE', `${ACC}/forms/${form.id}`, { auth: t })).json).toEqual({ success: true });
		const gone = await call('GET', `${ACC}/forms/${form.id}`, { auth: t });
		expect([gone.status, gone.json.error.code]).toEqual([404, 'FORM-001']);
		for (const [path, bad, code] of [['/forms', {}, 'FORM-002'], ['/forms', { name: ' ' }, 'FORM-002'], ['/forms?template=frmtpl_9', { name: 'x' }, 'FORM-003']]) {
			const res = await call('POST', `${ACC}${path}`, { auth: t, body: bad });
			expect(res.json.error.code).toBe(code);
		}
		expect(sb.state().forms).toEqual([]);
	});

	test('form templates and forms list with q and orderBy; /forms/templates is never a form id', async () => {
		await start();
		const t = await token();
		for (const name of ['Beta', 'alpha', 'Gamma']) await call('POST', `${ACC}/forms`, { auth: t, body: { name } });
		expect((await call('GET', `${ACC}/forms?orderBy=-name`, { auth: t })).json.data.map((f) => f.name)).toEqual(['Gamma', 'Beta', 'alpha']);
		expect((await call('GET', `${ACC}/forms?q=ALP`, { auth: t })).json.data.map((f) => f.name)).toEqual(['alpha']);
		const templates = await call('GET', `${ACC}/forms/templates?limit=2`, { auth: t });
		expect([templates.json.data.map((f) => f.id), templates.json.pagination.hasNext]).toEqual([['frmtpl_1', 'frmtpl_2'], true]);
	});

	test('analytics and conversions over a period, from visits made through the control API', async () => {
		await start();
		const t = await token();
		const form = (await call('POST', `${ACC}/forms`, { auth: t, body: { name: 'Sign-up' } })).json.data;
		const visits = await control('POST', '/forms/visits', { formId: form.id, impressions: 2, submissions: [{ firstName: 'Ada', mobile: '+13475550100' }], at: '2024-05-01T10:00:00Z' });
		expect(visits.json).toMatchObject({ impressions: 3, conversions: 1 });
		sb.visitForm(form.id, { submissions: [{ firstName: 'Bo' }], at: '2024-05-03T10:00:00Z' });
		const analytics = await call('GET', `${ACC}/forms/${form.id}/analytics?start=2024-05-01T00:00:00Z&end=2024-05-02T00:00:00Z`, { auth: t });
		expect(analytics.json.data).toEqual({ impressions: 3, conversions: 1, data: { data: [{ date: '2024-05-01', impressions: 3, conversions: 1 }] } });
		const conversions = await call('GET', `${ACC}/forms/${form.id}/conversions?start=2024-05-02T00:00:00Z`, { auth: t });
		expect(conversions.json.data).toEqual([expect.objectContaining({ contact: { firstName: 'Bo' }, submitted: '2024-05-03T10:00:00.000Z', submittedFields: '{"firstName":"Bo"}' })]);
		expect((await call('GET', `${ACC}/forms/${form.id}/analytics?start=soon`, { auth: t })).json.error.code).toBe('VAL-001');
		expect((await call('GET', `${ACC}/forms/${form.id}/conversions?start=2024-06-01&end=2024-05-01`, { auth: t })).status).toBe(400);
		expect((await control('POST', '/forms/visits', { formId: 'frm_nope' })).status).toBe(400);
		expect((await control('POST', '/forms/visits', { formId: form.id, impressions: -1 })).status).toBe(400);
	});

	test('links: made through the control API, listed with q, sources filtered', async () => {
		await start();
		const t = await token();
		const made = await control('POST', '/links', { count: 12 });
		expect(made.json).toEqual({ created: 12, ids: expect.arrayContaining(['lnk_000001', 'lnk_000012']) });
		const found = await call('GET', `${ACC}/links?q=offer/1`, { auth: t, body: undefined });
		expect(found.json.data.map((link) => link.id)).toEqual(['lnk_000001', 'lnk_000010', 'lnk_000011', 'lnk_000012']);
		const link = (await call('GET', `${ACC}/links/lnk_000002`, { auth: t })).json.data;
		expect(link).toMatchObject({ name: 'Offer 2', shortenedUrl: 'https://sak.ink/k2', domain: { name: 'sak.ink' }, stats: { totalClicks: expect.any(Number) } });
		const sources = await call('GET', `${ACC}/links/lnk_000002/sources?sources=web,lnk_000002_src1`, { auth: t });
		expect(sources.json.data.map((source) => source.name)).toEqual(['SMS campaign', 'Web']);
		expect((await call('GET', `${ACC}/links/lnk_404`, { auth: t })).json.error.code).toBe('LINK-001');
		expect((await control('POST', '/links', { count: -1 })).status).toBe(400);
	});

	test('available phone numbers: every documented filter narrows the fixed pool', async () => {
		await start();
		const t = await token();
		const all = (await call('GET', `${ACC}/availablephonenumbers`, { auth: t })).json;
		expect([all.data.length, all.pagination]).toEqual([11, undefined]);
		const numbers = async (query) => (await call('GET', `${ACC}/availablephonenumbers?${query}`, { auth: t })).json.data.map((n) => n.number);
		expect(await numbers('type=tollfree')).toEqual(['+18335550188', '+18885550199']);
		expect(await numbers('areaCode=212&features=sms,voice')).toEqual(['+12125550144', '+12125550155']);
		expect(await numbers('features=mms&areaCode=415')).toEqual(['+14155550177']);
		expect(await numbers('postalCode=m5h%202n2')).toEqual(['+14165550112']);
		expect(await numbers('contains=0199')).toEqual(['+18885550199']);
	});
});

describe('routing and bodies', () => {
	test('unknown route 404, wrong method 405, bad JSON 400, oversized body 413', async () => {
		await start();
		const t = await token();
		const unknown = await call('GET', `${ACC}/nothing`, { auth: t });
		expect(unknown.status).toBe(404);
		expect(unknown.json.success).toBe(false);
		const wrong = await call('PATCH', `${ACC}/contacts`, { auth: t, body: {} });
		expect(wrong.status).toBe(405);
		expect(wrong.headers.get('allow')).toContain('POST');
		const bad = await call('POST', `${ACC}/contacts`, { auth: t, raw: '{"mobile":', headers: { 'content-type': 'application/json' } });
		expect(bad.status).toBe(400);
		expect(bad.json.success).toBe(false);
		const big = await rawRequest(`${sb.url}${ACC}/contacts`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: 'x'.repeat(1024 * 1024 + 10) });
		expect(big.status).toBe(413);
	});
});

describe('webhooks', () => {
	let receiver;
	let received;
	beforeEach(async () => {
		received = [];
		receiver = http.createServer((req, res) => {
			let data = '';
			req.on('data', (c) => (data += c));
			req.on('end', () => {
				received.push({ path: req.url, headers: req.headers, body: JSON.parse(data) });
				res.writeHead(req.url === '/fail' ? 500 : 200).end('ok');
			});
		});
		await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
	});
	afterEach(() => new Promise((r) => receiver.close(r)));

	test('subscribe (a new subscription every time, also for a URL already subscribed), list, deliver, delete by url and by id', async () => {
		await start();
		const t = await token();
		const base = `http://127.0.0.1:${receiver.address().port}`;
		const sub = await call('POST', `${ACC}/webhooks`, { auth: t, body: { url: `${base}/hook`, eventTypes: ['message-received'] } });
		// The current reference's answer: {id, type, eventTypes, destination}, HTTP 200.
		expect(sub.status).toBe(200);
		expect(sub.json).toEqual({ success: true, data: { id: expect.any(String), type: 'webhook', eventTypes: ['message-received'], destination: `${base}/hook` } });
		await call('POST', `${ACC}/webhooks`, { auth: t, body: { url: `${base}/fail`, eventTypes: ['message-received', 'contact-created'] } });
		await call('POST', `${ACC}/webhooks`, { auth: t, body: { url: `${base}/other`, eventTypes: ['contact-created'] } });
		// Same URL again: a second subscription with its own id (nothing documents merging).
		const again = await call('POST', `${ACC}/webhooks`, { auth: t, body: { url: `${base}/other`, eventTypes: ['conversation-closed'] } });
		const list = await call('GET', `${ACC}/webhooks`, { auth: t });
		expect(list.json.data.map((h) => [h.destination, h.eventTypes])).toEqual([
			[`${base}/hook`, ['message-received']],
			[`${base}/fail`, ['message-received', 'contact-created']],
			[`${base}/other`, ['contact-created']],
			[`${base}/other`, ['conversation-closed']],
		]);
		expect(new Set(list.json.data.map((h) => h.id)).size).toBe(4);
		expect(list.json.data[3].id).toBe(again.json.data.id);
		expect((await call('POST', `${ACC}/webhooks`, { auth: t, body: { url: `${base}/x`, eventTypes: ['nope'] } })).status).toBe(400);
		expect((await call('POST', `${ACC}/webhooks`, { auth: t, body: { url: 'not a url', eventTypes: ['message-sent'] } })).status).toBe(400);

		const out = await control('POST', '/webhooks/deliver', { eventType: 'message-received' });
		expect(out.status).toBe(200);
		expect(out.json.deliveries.sort((a, b) => a.url.localeCompare(b.url))).toEqual([
			{ url: `${base}/fail`, status: 500 },
			{ url: `${base}/hook`, status: 200 },
		]);
		expect(received).toHaveLength(2);
		expect(received[0].body).toMatchObject({ accountId: 'acc_sandbox', eventType: 'message-received' });
		expect(received[0].headers['content-type']).toMatch(/application\/json/);

		// Each subscription of a URL delivers: two for /other subscribed to contact-created and conversation-closed.
		const custom = await sb.deliverWebhook('conversation-closed', { hello: 'world' });
		expect(custom.deliveries).toEqual([{ url: `${base}/other`, status: 200 }]);
		expect(received[2].body).toEqual({ accountId: 'acc_sandbox', eventType: 'conversation-closed', payload: { hello: 'world' } });

		const del = await call('DELETE', `${ACC}/webhooks/${encodeURIComponent(`${base}/hook`)}`, { auth: t });
		expect(del.status).toBe(204);
		expect(del.text).toBe('');
		// By URL: every subscription of it.
		expect((await call('DELETE', `${ACC}/webhooks/${encodeURIComponent(`${base}/other`)}`, { auth: t })).status).toBe(204);
		const failId = list.json.data[1].id;
		expect((await call('DELETE', `${ACC}/webhooks/${failId}`, { auth: t })).status).toBe(204);
		expect((await call('DELETE', `${ACC}/webhooks/${failId}`, { auth: t })).status).toBe(404);
		expect((await call('GET', `${ACC}/webhooks`, { auth: t })).json.data).toEqual([]);
	});

	test('shapes 1.0.1: subscriptions answer {url, eventTypes} without an id', async () => {
		await start({ shapes: '1.0.1' });
		const t = await token();
		const sub = await call('POST', `${ACC}/webhooks`, { auth: t, body: { url: 'https://x.example/hook', eventTypes: ['message-sent'] } });
		expect([sub.status, sub.json]).toEqual([200, { success: true, data: { url: 'https://x.example/hook', eventTypes: ['message-sent'] } }]);
		expect((await call('GET', `${ACC}/webhooks`, { auth: t })).json.data).toEqual([{ url: 'https://x.example/hook', eventTypes: ['message-sent'] }]);
		sb.configure({ shapes: 'current' });
		expect((await call('GET', `${ACC}/webhooks`, { auth: t })).json.data).toEqual([
			{ id: expect.any(String), type: 'webhook', eventTypes: ['message-sent'], destination: 'https://x.example/hook' },
		]);
	});

	test('deliveries are signed: an RS256 JWS over the payload (or the exact body) in X-Sakari-Signature, verifiable with the served key', async () => {
		await start();
		const t = await token();
		const base = `http://127.0.0.1:${receiver.address().port}`;
		await call('POST', `${ACC}/webhooks`, { auth: t, body: { url: `${base}/hook`, eventTypes: ['message-received'] } });
		const raw = [];
		receiver.removeAllListeners('request');
		receiver.on('request', (req, res) => {
			let data = '';
			req.on('data', (c) => (data += c));
			req.on('end', () => {
				raw.push({ headers: req.headers, text: data });
				res.end('ok');
			});
		});
		await sb.deliverWebhook('message-received', { hello: 'world' });
		await control('POST', '/webhooks/deliver', { eventType: 'message-received', signed: false });
		await control('POST', '/webhooks/deliver', { eventType: 'message-received', signedPart: 'delivery' });
		expect((await control('POST', '/webhooks/deliver', { eventType: 'message-received', signedPart: 'body' })).status).toBe(400);

		const pem = await fetch(sb.signingKeyUrl);
		expect(pem.status).toBe(200);
		expect(pem.headers.get('content-type')).toBe('application/x-pem-file');
		const key = crypto.createPublicKey(await pem.text());
		expect(key.asymmetricKeyType).toBe('rsa');
		expect(sb.signingKeyUrl).toBe(`${sb.url}/signing/prod.pem`);

		const [h, p, sig] = String(raw[0].headers['x-sakari-signature']).split('.');
		expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT' });
		// By default the JWS signs the payload (the message), as Sakari's Node SDK shows it.
		expect(Buffer.from(p, 'base64url').toString()).toBe(JSON.stringify(JSON.parse(raw[0].text).payload));
		expect(crypto.verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(sig, 'base64url'))).toBe(true);
		expect(crypto.verify('sha256', Buffer.from(`${h}.${p}x`), key, Buffer.from(sig, 'base64url'))).toBe(false);
		expect(raw[1].headers['x-sakari-signature']).toBeUndefined();
		// signedPart 'delivery': over the exact body text.
		const [h2, p2, sig2] = String(raw[2].headers['x-sakari-signature']).split('.');
		expect(Buffer.from(p2, 'base64url').toString()).toBe(raw[2].text);
		expect(crypto.verify('sha256', Buffer.from(`${h2}.${p2}`), key, Buffer.from(sig2, 'base64url'))).toBe(true);
		expect(sb.requests().map((r) => r.path)).toContain('/signing/prod.pem');
	});

	test('the webhook list pages (offset/limit, 100 by default)', async () => {
		await start();
		const t = await token();
		for (let i = 0; i < 105; i++) await call('POST', `${ACC}/webhooks`, { auth: t, body: { url: `https://x.example/${i}`, eventTypes: ['message-sent'] } });
		const first = await call('GET', `${ACC}/webhooks`, { auth: t });
		expect([first.json.data.length, first.json.pagination]).toEqual([100, { offset: 0, limit: 100, totalCount: 105, hasNext: true }]);
		const second = await call('GET', `${ACC}/webhooks?offset=100&limit=100`, { auth: t });
		expect(second.json.data.map((h) => h.destination)).toEqual([100, 101, 102, 103, 104].map((i) => `https://x.example/${i}`));
		// 1.0.1's pagination has no hasNext.
		sb.configure({ shapes: '1.0.1' });
		const old = await call('GET', `${ACC}/webhooks?offset=100`, { auth: t });
		expect([old.json.data.map((h) => h.url), old.json.pagination]).toEqual([
			[100, 101, 102, 103, 104].map((i) => `https://x.example/${i}`),
			{ offset: 100, limit: 100, totalCount: 105 },
		]);
	});

	test('unreachable receivers are reported, not thrown', async () => {
		await start();
		const t = await token();
		await call('POST', `${ACC}/webhooks`, { auth: t, body: { url: 'http://127.0.0.1:1/none', eventTypes: ['message-sent'] } });
		const out = await sb.deliverWebhook('message-sent');
		expect(out.deliveries[0].status).toMatch(/^error/);
		expect((await control('POST', '/webhooks/deliver', { eventType: 'bogus' })).status).toBe(400);
	});
});

describe('rate limiting', () => {
	test('per-second cap answers 429 RATE-001 with an integer Retry-After >= 1 and counts it', async () => {
		await start({ rateLimit: { perSecond: 5 } });
		const t = await token();
		// Start at the beginning of a second so all requests fall in one window.
		await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
		const results = await Promise.all(Array.from({ length: 12 }, () => call('GET', ACC, { auth: t })));
		const limited = results.filter((r) => r.status === 429);
		expect(results.filter((r) => r.status === 200)).toHaveLength(5);
		expect(limited).toHaveLength(7);
		for (const r of limited) {
			expect(r.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
			expect(r.json).toMatchObject({ success: false, error: { code: 'RATE-001' } });
		}
		expect(sb.stats().rateLimited).toBe(7);
		// Capacity returns in the next second.
		await new Promise((r) => setTimeout(r, Number(limited[0].headers.get('retry-after')) * 1000));
		expect((await call('GET', ACC, { auth: t })).status).toBe(200);
		// The token endpoint is not rate limited.
		expect((await getToken()).status).toBe(200);
	});

	test('in-flight cap answers 429 when too many requests are being processed', async () => {
		await start();
		const t = await token();
		await control('POST', '/config', { rateLimit: { maxInFlight: 2 }, latencyMs: 200 });
		const results = await Promise.all(Array.from({ length: 6 }, () => call('GET', ACC, { auth: t })));
		expect(results.filter((r) => r.status === 200)).toHaveLength(2);
		expect(results.filter((r) => r.status === 429)).toHaveLength(4);
		expect(sb.stats().maxInFlight).toBe(2);
		await control('POST', '/config', { rateLimit: null, latencyMs: 0 });
		const after = await Promise.all(Array.from({ length: 6 }, () => call('GET', ACC, { auth: t })));
		expect(after.every((r) => r.status === 200)).toBe(true);
	});
});

describe('faults', () => {
	test('one-shot status fault answers once, then the real answer returns', async () => {
		await start();
		const t = await token();
		sb.injectFault({ kind: 'status', status: 502, code: 'SYS-502', message: 'Bad gateway', match: { method: 'GET', path: '/balance' } });
		expect((await call('GET', ACC, { auth: t })).status).toBe(200); // does not match
		const faulted = await call('GET', `${ACC}/balance`, { auth: t });
		expect(faulted.status).toBe(502);
		expect(faulted.json).toEqual({ success: false, error: { code: 'SYS-502', message: 'Bad gateway' } });
		expect((await call('GET', `${ACC}/balance`, { auth: t })).status).toBe(200);
	});

	test('a status fault can redirect (Location)', async () => {
		await start();
		sb.injectFault({ kind: 'status', status: 307, location: 'http://elsewhere.example/x', match: { method: 'GET' } });
		const res = await rawRequest(`${sb.url}${ACC}`, { headers: { authorization: `Bearer ${await token()}` } });
		expect([res.status, res.headers.location]).toEqual([307, 'http://elsewhere.example/x']);
	});

	test('"after" faults process the request, then lose the answer', async () => {
		await start();
		const t = await token();
		sb.injectFault({ kind: 'reset', when: 'after', match: { method: 'POST', path: '/contacts' } });
		const lost = await rawRequest(`${sb.url}${ACC}/contacts`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: JSON.stringify(contact('3471234567')) });
		expect(lost.error).toBeDefined();
		expect(sb.state().contacts).toHaveLength(1); // created although the client saw a reset
		sb.injectFault({ kind: 'status', status: 500, when: 'before', match: { path: '/\\/contacts$/' } });
		expect((await call('POST', `${ACC}/contacts`, { auth: t, body: contact('3477654321') })).status).toBe(500);
		expect(sb.state().contacts).toHaveLength(1); // "before": not processed
		const rec = sb.requests().filter((r) => r.path.endsWith('/contacts'));
		expect(rec[0]).toMatchObject({ status: 0, fault: 'reset' });
	});

	test('429, malformed and slow one-shot faults over the control API', async () => {
		await start();
		const t = await token();
		await control('POST', '/faults', { kind: '429', retryAfter: 3 });
		const limited = await call('GET', ACC, { auth: t });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('3');
		await control('POST', '/faults', { kind: 'malformed', when: 'after', match: { path: '/contacts' } });
		const mal = await call('POST', `${ACC}/contacts`, { auth: t, body: contact('3471234567') });
		expect(mal.status).toBe(201);
		expect(mal.headers.get('content-type')).toMatch(/application\/json/);
		expect(mal.json).toBeUndefined(); // does not parse
		expect(mal.text.length).toBeGreaterThan(0);
		await control('POST', '/faults', { kind: 'slow', slowMs: 300 });
		const t0 = Date.now();
		expect((await call('GET', ACC, { auth: t })).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
		await control('POST', '/faults', { kind: 'status', status: 503, times: 5 });
		expect((await control('GET', '/faults')).json.faults).toHaveLength(1);
		await control('DELETE', '/faults');
		expect((await call('GET', ACC, { auth: t })).status).toBe(200);
		expect((await control('POST', '/faults', { kind: 'explode' })).status).toBe(400);
	});

	test('random faults are deterministic for a seed and only hit /v1', async () => {
		async function run() {
			await start({ faults: { seed: 42, rate5xx: 0.3, rateReset: 0.1, rateMalformed: 0.1 } });
			const t = await token();
			const outcomes = [];
			for (let i = 0; i < 40; i++) {
				const r = await rawRequest(`${sb.url}${ACC}`, { headers: { authorization: `Bearer ${t}` } });
				if (r.error) outcomes.push('reset');
				else {
					let parses = true;
					try { JSON.parse(r.body); } catch { parses = false; }
					outcomes.push(`${r.status}${parses ? '' : '-malformed'}`);
				}
			}
			expect((await getToken()).status).toBe(200); // token endpoint never faulted at random
			await sb.close();
			sb = undefined;
			return outcomes;
		}
		const a = await run();
		const b = await run();
		expect(a).toEqual(b);
		expect(a).toContain('503');
		expect(a).toContain('reset');
		expect(a).toContain('200-malformed');
		expect(a).toContain('200');
	});
});

describe('recording, stats and control', () => {
	test('records every non-control request with the documented shape', async () => {
		await start();
		const t = await token();
		await call('POST', `${ACC}/contacts?mergeStrategy=core&tags=a&tags=b`, { auth: t, body: contact('3471234567') });
		await call('GET', `${ACC}/contacts/none`, { auth: t });
		await control('GET', '/state');
		const recs = sb.requests();
		expect(recs.map((r) => r.path)).toEqual(['/oauth2/token', `${ACC}/contacts`, `${ACC}/contacts/none`]);
		const [tok, post, get] = recs;
		expect(tok).toMatchObject({ method: 'POST', status: 200, body: { grant_type: 'client_credentials' } });
		expect(post).toMatchObject({
			seq: expect.any(Number),
			method: 'POST',
			query: { mergeStrategy: 'core', tags: ['a', 'b'] },
			headers: expect.objectContaining({ 'content-type': 'application/json', authorization: `Bearer ${t}` }),
			body: contact('3471234567'),
			rawBody: JSON.stringify(contact('3471234567')),
			status: 201,
			startedAt: expect.any(Number),
			durationMs: expect.any(Number),
		});
		expect(get).toMatchObject({ status: 404, body: undefined, rawBody: '' });
		expect(post.seq).toBeGreaterThan(tok.seq);

		const since = await control('GET', `/requests?since=${post.seq}`);
		expect(since.json.requests.map((r) => r.seq)).toEqual([get.seq]);
		expect(sb.stats()).toMatchObject({ requests: 3, tokenRequests: 1, byStatus: { 200: 1, 201: 1, 404: 1 }, rateLimited: 0 });
		expect((await control('GET', '/stats')).json.requests).toBe(3);
		await control('DELETE', '/requests');
		expect(sb.requests()).toEqual([]);
	});

	test('reset clears data, tokens, faults and config; seeds on request', async () => {
		await start();
		const t = await token();
		await call('POST', `${ACC}/contacts`, { auth: t, body: contact('3471234567') });
		sb.configure({ latencyMs: 50 });
		sb.injectFault({ kind: 'status', status: 500 });
		const res = await control('POST', '/reset', { seedContacts: 25 });
		expect(res.status).toBe(200);
		const state = (await control('GET', '/state')).json;
		expect(state.contacts).toHaveLength(25);
		expect(new Set(state.contacts.map((c) => c.mobile.number)).size).toBe(25);
		expect(state).toMatchObject({ messages: [], conversations: [], templates: [], webhooks: [] });
		expect(sb.config().latencyMs).toBe(0);
		expect(sb.requests()).toEqual([]);
		expect((await call('GET', ACC, { auth: t })).status).toBe(401); // old token gone
		expect((await call('GET', ACC)).status).toBe(200); // no fault left
	});

	test('config rejects unknown keys and bad values', async () => {
		await start();
		expect((await control('POST', '/config', { tokenTTL: 5 })).status).toBe(400);
		expect((await control('POST', '/config', { rateLimit: { perSecond: -1 } })).status).toBe(400);
		expect(() => sb.configure({ latencyMs: -5 })).toThrow(/latencyMs/);
		expect((await control('POST', '/config', { tokenTtlSeconds: 5 })).json.tokenTtlSeconds).toBe(5);
		expect((await control('GET', '/nothing')).status).toBe(404);
	});

	test('control API refuses other hosts (DNS rebinding) and cross-origin browser requests, before acting', async () => {
		await start();
		await call('POST', `${ACC}/contacts`, { body: contact('3471234567') });
		const port = new URL(sb.url).port;
		const reset = (headers) => rawRequest(`${sb.url}/__sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
		for (const headers of [
			{ host: `evil.example:${port}` },
			{ origin: 'http://evil.example' },
			{ origin: 'null' },
			{ origin: `http://localhost:${Number(port) + 1}` },
			{ 'sec-fetch-site': 'cross-site' },
		]) {
			const res = await reset(headers);
			expect([res.status, JSON.parse(res.body).error.code]).toEqual([403, 'SANDBOX-403']);
		}
		const read = await rawRequest(`${sb.url}/__sandbox/state`, { headers: { host: `rebound.example:${port}` } });
		expect(read.status).toBe(403);
		expect(read.body).not.toContain('3471234567');
		expect(sb.state().contacts).toHaveLength(1); // nothing was reset
		// This machine's own tools: no Origin, or the sandbox's own origin, by any loopback name.
		expect((await reset({ host: `localhost:${port}`, origin: `http://localhost:${port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
		expect((await rawRequest(`${sb.url}/__sandbox/stats`, { headers: { host: `127.0.0.1:${port}` } })).status).toBe(200);
		expect(sb.state().contacts).toHaveLength(0);
	});

	test('a bad reset or seed body is refused before any state is wiped or added', async () => {
		await start();
		await call('POST', `${ACC}/contacts`, { body: contact('3471234567') });
		sb.configure({ latencyMs: 1 });
		for (const body of [{ seedContacts: -1 }, { seedContacts: 2, optedOutMobiles: ['+13475550123', 'nope'] }, { seedContact: 5 }, { optedOutMobiles: '+13475550123' }, [3]]) {
			const res = await control('POST', '/reset', body);
			expect([res.status, res.json.error.code]).toEqual([400, 'SANDBOX-400']);
		}
		expect(() => sb.reset(/** @type {any} */ ('x'))).toThrow(/reset body/);
		const seeded = await control('POST', '/seed', { contacts: 3, optedOutMobiles: ['12'] });
		expect(seeded.status).toBe(400);
		expect(sb.state().contacts.map((c) => c.mobile.number)).toEqual(['+13471234567']);
		expect(sb.config().latencyMs).toBe(1);
		expect((await control('POST', '/reset', { seedContacts: 2, optedOutMobiles: ['3475550123'] })).status).toBe(200);
		expect(sb.state().contacts).toHaveLength(3);
	});

	test('kept request bodies are capped (oldest dropped first); the rest of each record stays', async () => {
		await start({ maxRecordedBodyBytes: 1000 });
		const t = await token();
		const bodies = [];
		for (let i = 0; i < 6; i++) {
			const body = contact(`+1347${2000000 + i + 1}`, { firstName: 'x'.repeat(250) });
			bodies.push(JSON.stringify(body));
			await call('POST', `${ACC}/contacts`, { auth: t, body });
		}
		const posts = sb.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/contacts'));
		expect(posts).toHaveLength(6);
		const kept = posts.filter((r) => !r.bodyDropped);
		expect(kept.reduce((n, r) => n + Buffer.byteLength(r.rawBody), 0)).toBeLessThanOrEqual(1000);
		expect(kept.map((r) => r.rawBody)).toEqual(bodies.slice(6 - kept.length)); // the newest, intact
		expect(kept.length).toBeGreaterThanOrEqual(2);
		for (const r of posts.filter((p) => p.bodyDropped)) expect(r).toMatchObject({ rawBody: '', body: undefined, status: 201, method: 'POST' });
		sb.clearRequests();
		await call('POST', `${ACC}/contacts`, { auth: t, body: contact('3471234567') });
		expect(sb.requests().at(-1)).toMatchObject({ body: contact('3471234567') });
	});

	test('handles a burst of 2,000 requests on loopback', async () => {
		await start();
		const t = await token();
		const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
		const t0 = Date.now();
		const statuses = await Promise.all(
			Array.from({ length: 2000 }, (_, i) =>
				new Promise((resolve) => {
					const body = JSON.stringify(contact(`+1347${2000000 + i + 1}`));
					const req = http.request(`${sb.url}${ACC}/contacts`, { method: 'POST', agent, headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' } }, (res) => {
						res.resume();
						res.on('end', () => resolve(res.statusCode));
					});
					req.on('error', () => resolve(0));
					req.end(body);
				}),
			),
		);
		agent.destroy();
		expect(statuses.every((s) => s === 201)).toBe(true);
		expect(sb.state().contacts).toHaveLength(2000);
		expect(Date.now() - t0).toBeLessThan(10000);
	});
});
