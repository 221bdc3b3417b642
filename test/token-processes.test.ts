/**
 * The token cache when several n8n processes share one credential (queue mode: main and workers, one database).
 * n8n stores the token a process fetched in the credential, so a process may send a token another process
 * fetched while its own cache holds a different one. When Sakari revokes tokens, the 401 names the stored token,
 * and the cached one must not be handed back unchecked: it is revoked too. Found by `npm run test:queue`.
 */
import { credentialFingerprint } from '../credentials/SakariOAuth2Api.credentials';
import { tokenTiming } from '../nodes/Sakari/shared/tokenRequest';
import { CredentialStore, runSakari } from './helpers/routing';
import { SANDBOX_ACCOUNT, apiRequests, tokenRequests, type Sandbox } from './helpers/sandbox';
import { restoreTiming, useSandbox } from './helpers/suite';

const getAccount = { resource: 'account', operation: 'get' };

let sandbox: Sandbox;
let credentials: CredentialStore;

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

afterEach(() => {
	restoreTiming();
});

/** A token fetched by "another process": straight from the token endpoint, as that process would store it. */
async function tokenOfAnotherProcess(): Promise<string> {
	const answer = await fetch(`${sandbox.url}/oauth2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ grant_type: 'client_credentials', client_id: SANDBOX_ACCOUNT.clientId, client_secret: SANDBOX_ACCOUNT.clientSecret }),
	});
	return ((await answer.json()) as { access_token: string }).access_token;
}

/** This process fetched and cached a token; then another process stored its own token in the credential. */
async function storedByAnotherProcess(store: CredentialStore): Promise<{ cached: string; stored: string }> {
	await runSakari({ parameters: getAccount, credentials: store });
	const cached = String(store.data.accessToken);
	const stored = await tokenOfAnotherProcess();
	store.data = { ...store.data, accessToken: stored, accessTokenFor: credentialFingerprint(store.data) };
	sandbox.clearRequests();
	return { cached, stored };
}

it('after tokens are revoked, a 401 for the stored token also renews the older token cached here', async () => {
	// The cached token was received before this wave of 401s (no waiting: the window is 0 here).
	Object.assign(tokenTiming, { reuseAfterRejectionMs: 0 });
	const { cached, stored } = await storedByAnotherProcess(credentials);
	expect(cached).not.toBe(stored);
	sandbox.expireTokens();

	const [account] = await runSakari({ parameters: getAccount, credentials });

	expect(account.json).toMatchObject({ id: SANDBOX_ACCOUNT.accountId });
	expect(tokenRequests(sandbox)).toHaveLength(1);
	// Account → Get reads the account and its balance: each request with the stored token was refused, each
	// retry carried the renewed token.
	const renewed = String(credentials.data.accessToken);
	const sent = apiRequests(sandbox).map((request) => [request.headers.authorization, request.status]);
	expect(sent.filter(([token]) => token === `Bearer ${stored}`).map(([, status]) => status)).toEqual([401, 401]);
	expect(sent.filter(([token]) => token !== `Bearer ${stored}`)).toEqual([
		[`Bearer ${renewed}`, 200],
		[`Bearer ${renewed}`, 200],
	]);
	expect([cached, stored]).not.toContain(renewed);
});

it('a token this process received in the same wave of 401s is handed back without another token request', async () => {
	const { stored } = await storedByAnotherProcess(credentials);
	// Sakari rejects the stored token (revoked elsewhere); the one cached here was received seconds ago.
	sandbox.injectFault({ kind: 'status', status: 401, code: 'AUTH-012', message: 'Authorization token has expired', match: { path: 'v1/accounts' } });

	const [account] = await runSakari({ parameters: getAccount, credentials });

	expect(account.json).toMatchObject({ id: SANDBOX_ACCOUNT.accountId });
	expect(tokenRequests(sandbox)).toHaveLength(0);
	const refused = apiRequests(sandbox).filter((request) => request.status === 401);
	expect(refused.map((request) => request.headers.authorization)).toEqual([`Bearer ${stored}`]);
	expect(apiRequests(sandbox).filter((request) => request.status === 200)).toHaveLength(2);
});
