/**
 * Text a server sends back is shown to the user (error message, description, continue-on-fail item, the cached
 * token failure), so it must never carry the client secret or a token, even from a server that echoes the
 * request, and is capped in length. Through n8n's RoutingNode against servers that echo on purpose.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { MAX_SERVER_TEXT } from '../nodes/Sakari/shared/redact';
import { clearTokenCache } from '../nodes/Sakari/shared/token';
import { jwtLikeToken, sendJson, startHostile, type HostileServer } from './helpers/hostile';
import { everythingShownOf, expectNoSecrets, rejectionOf } from './helpers/leaks';
import { CredentialStore, runSakari } from './helpers/routing';
import { SANDBOX_ACCOUNT } from './helpers/sandbox';

const getAccount = { resource: 'account', operation: 'get' };
// Shaped like nothing in particular, so only knowing it (not a pattern) can remove it.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- made up, so the test can look for it in errors
const SECRET = 'hunter2-Qm7x-secret-91c4';
// Long enough that an error repeating it whole would be far over the cap.
const PADDING = ' and more'.repeat(300);

let server: HostileServer;

const credentialsFor = (baseUrl: string) => new CredentialStore({ ...SANDBOX_ACCOUNT, clientSecret: SECRET, baseUrl });

/** Everything a user or a log could see of this run's output items and their errors. */
function shownOfItems(items: INodeExecutionData[]): string {
	return [JSON.stringify(items), ...items.map((item) => everythingShownOf(item.error))].join('\n');
}

beforeEach(() => clearTokenCache());

afterEach(async () => {
	await server.close();
});

describe('a token endpoint that echoes the request in its error', () => {
	beforeEach(async () => {
		server = await startHostile((request, response) =>
			sendJson(response, 401, {
				success: false,
				// The JSON body as it came, the secret alone, and its URL-encoded form.
				error: {
					code: 'AUTH-001',
					message: `Invalid client credentials in ${request.body}; secret ${SECRET} / ${encodeURIComponent(SECRET)}${PADDING}`,
				},
			}),
		);
	});

	it('no secret in the error, the continue-on-fail items, or what later callers get from the cache', async () => {
		const items = await runSakari({
			parameters: getAccount,
			items: [{ json: {} }, { json: {} }, { json: {} }],
			credentials: credentialsFor(server.url),
			continueOnFail: true,
		});
		// A later run within the failure window is answered from the cache, without asking again.
		const later = await rejectionOf(runSakari({ parameters: getAccount, credentials: credentialsFor(server.url) }));

		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].body).toContain(SECRET);
		expect(items.map((item) => item.error?.message)).toEqual(Array(3).fill(later.message));
		expect(later.message).toContain('Sakari rejected the Client ID or Client Secret (HTTP 401). Sakari says: Invalid client credentials in');
		expect(later.message).toContain('"client_secret":"[redacted]"');
		expect(later.message).toContain('secret [redacted] / [redacted]');
		expect(later.message).toContain('(AUTH-001)');
		expect(later.message.length).toBeLessThan(MAX_SERVER_TEXT + 250);
		expectNoSecrets(shownOfItems(items), [SECRET, encodeURIComponent(SECRET)]);
		expectNoSecrets(everythingShownOf(later), [SECRET, encodeURIComponent(SECRET)]);
	});
});

describe('an API error that echoes the Authorization header', () => {
	it.each([
		['a JWT', jwtLikeToken('echo')],
		['an opaque token', 'opaque-7f3a9c2e5b1d8f40aa'],
	])('%s: not in the error or the continue-on-fail item, and the text is capped', async (_kind, token) => {
		server = await startHostile((request, response) => {
			if (request.path === '/oauth2/token') return sendJson(response, 200, { access_token: token, token_type: 'bearer' });
			const authorization = String(request.headers.authorization);
			sendJson(response, 400, {
				success: false,
				error: {
					code: 'REQ-400',
					message: `Bad request with authorization=${authorization}, token ${authorization.replace('Bearer ', '')}, {"access_token":"${token}"}${PADDING}`,
				},
			});
		});

		const items = await runSakari({ parameters: getAccount, credentials: credentialsFor(server.url), continueOnFail: true });
		const thrown = await rejectionOf(runSakari({ parameters: getAccount, credentials: credentialsFor(server.url) }));

		// The token really was sent and echoed.
		expect(server.requests.filter((request) => request.headers.authorization === `Bearer ${token}`).length).toBeGreaterThan(0);
		for (const error of [items[0].error, thrown]) {
			expect(error?.message).toMatch(/^Bad request with authorization=Bearer \[redacted\], token \[redacted\], /);
			expect(error?.message).toContain('(REQ-400)');
			expect(error?.message.length).toBeLessThanOrEqual(MAX_SERVER_TEXT + ' (REQ-400)'.length);
		}
		expectNoSecrets(shownOfItems(items), [token]);
		expectNoSecrets(everythingShownOf(thrown), [token]);
	});
});
