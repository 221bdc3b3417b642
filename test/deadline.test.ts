/**
 * Every request has an overall deadline per attempt (Request Options > Timeout, default 60 s): a server that
 * trickles its answer a byte at a time cannot hold a run, and no redirect is followed (the token stays with the Base URL).
 */
/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: timers trickle answers or watch the sandbox */
import { backoff } from '../nodes/Sakari/shared/retryPolicy';
import { startHostile, sendJson, jwtLikeToken, type HostileServer } from './helpers/hostile';
import { rejectionOf } from './helpers/leaks';
import { CredentialStore, runSakari } from './helpers/routing';
import { SANDBOX_ACCOUNT } from './helpers/sandbox';
import { restoreTiming } from './helpers/suite';

let server: HostileServer;
let other: HostileServer;

const tricklers: NodeJS.Timeout[] = [];

beforeAll(async () => {
	Object.assign(backoff, { baseMs: 10, maxMs: 20 });
	other = await startHostile((_request, response) => sendJson(response, 200, { success: true, data: [] }), 'localhost');
	server = await startHostile((request, response) => {
		if (request.path === '/oauth2/token') return sendJson(response, 200, { access_token: jwtLikeToken('t1'), token_type: 'bearer' });
		if (request.method === 'GET') {
			response.writeHead(302, { Location: `${other.url}/v1/accounts/acc_sandbox/contacts` });
			return response.end();
		}
		// Headers at once, then one byte every 100 ms: never a gap long enough for an idle timeout.
		response.writeHead(201, { 'Content-Type': 'application/json' });
		const body = JSON.stringify({ success: true, data: [{ id: 'ct_1', mobile: { number: '+13475559001', country: 'US' } }] });
		let sent = 0;
		const trickle = setInterval(() => {
			if (sent >= body.length || response.destroyed) {
				clearInterval(trickle);
				if (!response.destroyed) response.end();
				return;
			}
			response.write(body[sent++]);
		}, 100);
		tricklers.push(trickle);
	});
});

afterAll(async () => {
	restoreTiming();
	tricklers.forEach(clearInterval);
	await server.close();
	await other.close();
});

const create = { resource: 'contact', operation: 'create', mobileNumber: '+13475559001', mobileCountry: 'US' };

it('gives up on an attempt that is not answered completely within Request Options > Timeout, and retries a create', async () => {
	const credentials = new CredentialStore({ ...SANDBOX_ACCOUNT, baseUrl: server.url });
	const started = Date.now();
	const output = await runSakari({
		parameters: { ...create, requestOptions: { timeout: 700, maxRetries: 1 } },
		credentials,
		continueOnFail: true,
	});
	const elapsed = Date.now() - started;
	// Two attempts of 0.7 s each (plus the token), not the ~20 s the trickled answer takes.
	expect(elapsed).toBeLessThan(5_000);
	expect(output[0].error?.description).toContain('ETIMEDOUT');
	expect(server.requests.filter((request) => request.path.endsWith('/contacts'))).toHaveLength(2);
}, 20_000);

it('never repeats a send whose answer did not arrive in time: it may have been sent', async () => {
	const credentials = new CredentialStore({ ...SANDBOX_ACCOUNT, baseUrl: server.url });
	const before = server.requests.length;
	const output = await runSakari({
		parameters: { resource: 'message', operation: 'send', toMobileNumber: '+13475559001', message: 'Hi', requestOptions: { timeout: 500 } },
		credentials,
		continueOnFail: true,
	});
	expect(output[0].error?.description).toContain('not retried');
	expect(server.requests.slice(before).filter((request) => request.path.endsWith('/messages'))).toHaveLength(1);
}, 20_000);

it('does not follow a redirect at all: the token never leaves the Base URL, and the error says why', async () => {
	const credentials = new CredentialStore({ ...SANDBOX_ACCOUNT, baseUrl: server.url });
	const error = await rejectionOf(
		runSakari({ parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: 5, filters: {} }, credentials }),
	);
	expect(other.requests).toEqual([]);
	expect(error.message).toBe('Sakari answered HTTP 302');
	expect(error.description).toContain('does not follow redirects');
	expect(server.requests.filter((request) => request.method === 'GET')).toHaveLength(1);
}, 20_000);
