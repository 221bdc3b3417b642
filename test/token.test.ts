/**
 * The credential's token request through n8n's RoutingNode: it never follows a redirect (the client secret is in
 * its body), it ends within its own deadline however slowly a server answers, it is retried a bounded number of
 * times, and the token cache forgets what no longer applies and stays bounded.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: timers trickle answers or watch the sandbox */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { backoff } from '../nodes/Sakari/shared/retryPolicy';
import { MAX_CACHED_CREDENTIALS, cachedCredentials } from '../nodes/Sakari/shared/token';
import { tokenTiming } from '../nodes/Sakari/shared/tokenRequest';
import { jwtLikeToken, sendJson, startHostile, type HostileServer } from './helpers/hostile';
import { everythingShownOf, expectNoSecrets, rejectionOf } from './helpers/leaks';
import { CredentialStore, runSakari } from './helpers/routing';
import { SANDBOX_ACCOUNT, apiRequests, tokenRequests, type Sandbox } from './helpers/sandbox';
import { restoreTiming, useSandbox } from './helpers/suite';

const getAccount = { resource: 'account', operation: 'get' };
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- made up, so the test can look for it in errors and logs
const SECRET = 'token-test-secret-4f9a2c71';

let sandbox: Sandbox;
let credentials: CredentialStore;
const servers: HostileServer[] = [];

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

async function hostile(...args: Parameters<typeof startHostile>): Promise<HostileServer> {
	const server = await startHostile(...args);
	servers.push(server);
	return server;
}

afterEach(async () => {
	restoreTiming();
	jest.restoreAllMocks();
	await Promise.all(servers.splice(0).map(async (server) => await server.close()));
});

const credentialsFor = (baseUrl: string, clientSecret = SECRET) =>
	new CredentialStore({ ...SANDBOX_ACCOUNT, clientSecret, baseUrl });

describe('the token request never follows a redirect', () => {
	it.each([307, 308])('a %i to another origin: the client secret is not sent there, and the error says why', async (status) => {
		const elsewhere = await hostile((_request, response) => sendJson(response, 200, { access_token: jwtLikeToken('x') }), 'localhost');
		const origin = await hostile((request, response) => {
			if (request.path === '/oauth2/token') response.writeHead(status, { Location: `${elsewhere.url}/oauth2/token` }).end();
			else sendJson(response, 404, { success: false });
		});

		const error = await rejectionOf(runSakari({ parameters: getAccount, credentials: credentialsFor(origin.url) }));

		expect(elsewhere.requests).toEqual([]);
		// A redirect is an answer, not a failure to retry.
		expect(origin.requests.map((request) => request.path)).toEqual(['/oauth2/token']);
		expect(error.message).toContain(`answered with a redirect (HTTP ${status})`);
		expect(error.message).toContain('Base URL');
		expectNoSecrets(everythingShownOf(error), [SECRET]);
	});
});

describe('the token request has its own deadline and a bounded number of attempts', () => {
	beforeEach(() => {
		// Production: 10 s per attempt, 20 s in all; the same shape, shorter.
		Object.assign(tokenTiming, { attemptMs: 400, totalMs: 1000 });
		Object.assign(backoff, { baseMs: 10, maxMs: 50 });
	});

	it('a server that trickles its answer a byte at a time is cut off at the deadline', async () => {
		// Headers at once, then a byte every 40 ms for 5 s: never idle long enough for an idle timeout to fire.
		const answer = JSON.stringify({ access_token: jwtLikeToken('slow'), token_type: 'bearer', padding: 'x'.repeat(200) });
		const origin = await hostile((_request, response) => {
			response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer) });
			let sent = 0;
			const timer = setInterval(() => {
				if (response.destroyed || sent >= answer.length) return clearInterval(timer);
				response.write(answer.slice(sent, sent + 2));
				sent += 2;
				if (sent >= answer.length) response.end();
			}, 40);
			response.on('close', () => clearInterval(timer));
		});
		const started = Date.now();

		const error = await rejectionOf(runSakari({ parameters: getAccount, credentials: credentialsFor(origin.url) }));

		expect(Date.now() - started).toBeLessThan(2500);
		expect(error.message).toMatch(/did not answer in time \([23] attempt\(s\) of at most 0.4 s, 1 s in all\)/);
		expect(origin.requests.length).toBeGreaterThanOrEqual(2);
		expect(origin.requests.length).toBeLessThanOrEqual(3);
		expectNoSecrets(everythingShownOf(error), [SECRET]);
	});

	it('a server that never answers: at most 3 attempts, all within the overall limit', async () => {
		const origin = await hostile(() => {
			// Holds every request open.
		});
		const started = Date.now();

		const error = await rejectionOf(runSakari({ parameters: getAccount, credentials: credentialsFor(origin.url) }));

		expect(Date.now() - started).toBeLessThan(2500);
		expect(error.message).toContain('did not answer in time');
		expect(origin.requests.length).toBeGreaterThanOrEqual(2);
		expect(origin.requests.length).toBeLessThanOrEqual(3);
	});

	it('a token endpoint failing with 503: asked 3 times, then one clear error', async () => {
		sandbox.injectFault({ kind: 'status', status: 503, times: 100, match: { path: 'oauth2/token' } });

		const error = await rejectionOf(runSakari({ parameters: getAccount, credentials }));

		expect(tokenRequests(sandbox)).toHaveLength(3);
		expect(apiRequests(sandbox)).toHaveLength(0);
		expect(error.message).toContain("Sakari's token endpoint");
		expect(error.message).toContain('answered HTTP 503');
	});

	it('production limits: 10 s per attempt (also as the idle timeout), no redirects, an abort signal', async () => {
		restoreTiming();
		const sent: IHttpRequestOptions[] = [];
		const httpRequest = async (options: IHttpRequestOptions) => {
			sent.push(options);
			return { access_token: jwtLikeToken('defaults') };
		};

		await credentials.runPreAuthentication({ helpers: { httpRequest } } as never, credentials.data);

		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ method: 'POST', disableFollowRedirect: true, timeout: 10_000 });
		expect(sent[0].abortSignal).toBeInstanceOf(AbortSignal);
	});
});

describe('the token cache', () => {
	const wrongCredentials = (index: number) => credentialsFor(sandbox.url, `wrong-secret-${index}`);
	const clock = (offsetMs: number) => {
		const now = Date.now.bind(Date);
		jest.spyOn(Date, 'now').mockImplementation(() => now() + offsetMs);
	};

	it('forgets a failure once it no longer applies, and a token once it expired', async () => {
		await runSakari({ parameters: getAccount, credentials });
		await rejectionOf(runSakari({ parameters: getAccount, credentials: wrongCredentials(1) }));
		expect(cachedCredentials()).toBe(2);

		// Two hours on: the sandbox's token (one hour) and the refusal (remembered 10 s) no longer apply.
		clock(2 * 3600_000);
		await rejectionOf(runSakari({ parameters: getAccount, credentials: wrongCredentials(2) }));

		expect(cachedCredentials()).toBe(1);
	});

	it(`holds at most ${MAX_CACHED_CREDENTIALS} credentials, dropping the least recently used first`, async () => {
		await runSakari({ parameters: getAccount, credentials });
		for (let index = 1; index < MAX_CACHED_CREDENTIALS; index++) {
			await rejectionOf(runSakari({ parameters: getAccount, credentials: wrongCredentials(index) }));
		}
		expect(cachedCredentials()).toBe(MAX_CACHED_CREDENTIALS);
		// The valid credential is used again (from the cache: no new token), so it is the most recent now.
		await runSakari({ parameters: getAccount, credentials: credentialsFor(sandbox.url, SANDBOX_ACCOUNT.clientSecret) });
		expect(tokenRequests(sandbox)).toHaveLength(MAX_CACHED_CREDENTIALS);

		for (let index = MAX_CACHED_CREDENTIALS; index < MAX_CACHED_CREDENTIALS + 50; index++) {
			await rejectionOf(runSakari({ parameters: getAccount, credentials: wrongCredentials(index) }));
		}

		expect(cachedCredentials()).toBe(MAX_CACHED_CREDENTIALS);
		const asked = () => tokenRequests(sandbox).length;
		const before = asked();
		// Still cached: the valid token, and a recent refusal (answered again without asking Sakari).
		await runSakari({ parameters: getAccount, credentials: credentialsFor(sandbox.url, SANDBOX_ACCOUNT.clientSecret) });
		await rejectionOf(runSakari({ parameters: getAccount, credentials: wrongCredentials(120) }));
		expect(asked()).toBe(before);
		// Dropped: the oldest refusal, so Sakari is asked again.
		await rejectionOf(runSakari({ parameters: getAccount, credentials: wrongCredentials(1) }));
		expect(asked()).toBe(before + 1);
	});
});

describe('the Base URL and what a refusal of the token request says (issue 21 item 5)', () => {
	it.each([
		['/v1', 'ends in /v1: use https://api.sakari.io without /v1 (the node adds /v1 to every request itself)'],
		['/v1/', 'ends in /v1: use https://api.sakari.io without /v1 (the node adds /v1 to every request itself)'],
		['/V1/accounts', 'ends in /v1: use https://api.sakari.io without /v1 (the node adds /v1 to every request itself)'],
		['/sakari', 'has a path (/sakari): use Sakari\'s address without one, https://api.sakari.io (the node adds /v1 and /oauth2/token itself)'],
	])('a Base URL ending in %s is refused before the Client Secret goes anywhere, saying what to use', async (path, advice) => {
		const error = await rejectionOf(runSakari({ parameters: getAccount, credentials: credentialsFor(`${sandbox.url}${path}`) }));
		expect(error.message).toBe(`The credential's Base URL ${sandbox.url}${path.replace(/\/+$/, '')} ${advice}`);
		expect(sandbox.requests()).toEqual([]);
		expectNoSecrets(everythingShownOf(error), [SECRET]);
	});

	it('a Base URL that is no http(s) address is refused, naming it', async () => {
		const error = await rejectionOf(runSakari({ parameters: getAccount, credentials: credentialsFor('api.sakari.io') }));
		expect(error.message).toBe('The credential\'s Base URL "api.sakari.io" is not an http(s) address: use https://api.sakari.io');
	});

	it('a 401 asking for a bearer token is not called a wrong secret: it says the address is not the token endpoint', async () => {
		// An API answering for every path as Sakari's API answers a request without a token (sandbox: AUTH-010).
		const gateway = await hostile((_request, response) => {
			response.setHeader('WWW-Authenticate', 'Bearer');
			sendJson(response, 401, { success: false, error: { code: 'AUTH-010', message: 'Authorization bearer token is missing' } });
		});
		const error = await rejectionOf(runSakari({ parameters: getAccount, credentials: credentialsFor(gateway.url) }));
		expect(error.message).toBe(
			`The token endpoint ${gateway.url}/oauth2/token answered HTTP 401 asking for an access token (an Authorization header), which a token request never carries. Sakari says: Authorization bearer [redacted] is missing (AUTH-010). So this is not Sakari's token endpoint, and the Client ID and Secret were not checked: set the credential's Base URL to https://api.sakari.io.`,
		);
		expectNoSecrets(everythingShownOf(error), [SECRET]);
	});

	it('a 401 refusing the client credentials still says to copy them again', async () => {
		const error = await rejectionOf(runSakari({ parameters: getAccount, credentials: credentialsFor(sandbox.url, 'wrong-secret') }));
		expect(error.message).toBe(
			'Sakari rejected the Client ID or Client Secret (HTTP 401). Sakari says: Invalid client credentials (AUTH-001). Copy both again from Sakari: Settings > Account Settings > API.',
		);
	});
});
