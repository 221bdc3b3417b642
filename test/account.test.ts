import type { INodeParameters } from 'n8n-workflow';

import { rejectionOf } from './helpers/leaks';
import { CredentialStore, runSakari } from './helpers/routing';
import { SANDBOX_ACCOUNT, apiRequests, sakariAnswer, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;
const getAccount = { resource: 'account', operation: 'get' };
const getAccounts = (parameters: INodeParameters = {}) => ({ resource: 'account', operation: 'getAll', ...parameters });
const sandboxAccount = async () => await sakariAnswer(sandbox, 'GET', '/v1/accounts/acc_sandbox');

useSandbox(
	(started, fresh) => {
		sandbox = started;
		credentials = fresh;
	},
	{ checkContract: true },
);

describe('Account → Get', () => {
	it('gets the account and its balance, as one item paired to the input: balance a number, the balance answer beside it, no API credentials', async () => {
		const output = await runSakari({ parameters: getAccount, credentials });

		expect(apiRequests(sandbox).map(({ method, path, query }) => ({ method, path, query })).sort((a, b) => a.path.localeCompare(b.path))).toEqual([
			{ method: 'GET', path: '/v1/accounts/acc_sandbox', query: {} },
			{ method: 'GET', path: '/v1/accounts/acc_sandbox/balance', query: {} },
		]);
		expect(output).toEqual([
			{
				json: expect.objectContaining({
					id: 'acc_sandbox',
					name: 'Sakari Sandbox',
					plan: expect.objectContaining({ name: 'Sandbox' }),
					balance: 100,
					balanceDetails: { balance: 100, country: 'US', segmentPrice: 0.0079, segments: 12658 },
				}),
				pairedItem: { item: 0 },
			},
		]);
		// Sakari's account answer carries the API client's ID and secret (Fetch account): never output.
		expect(await sandboxAccount()).toMatchObject({ apiCredentials: { id: SANDBOX_ACCOUNT.clientId, secret: SANDBOX_ACCOUNT.clientSecret } });
		expect(output[0].json).not.toHaveProperty('apiCredentials');
		expect(JSON.stringify(output)).not.toContain(SANDBOX_ACCOUNT.clientSecret);
	});

	it('reads an account answer without a balance (no account endpoint in OpenAPI 1.0.1): balance from the balance answer', async () => {
		sandbox.configure({ shapes: '1.0.1' });
		const output = await runSakari({ parameters: getAccount, credentials });
		expect(output).toEqual([{ json: { id: 'acc_sandbox', name: 'Sakari Sandbox', balance: 100, balanceDetails: { balance: 100 } }, pairedItem: { item: 0 } }]);
	});

	it('outputs one account per input item', async () => {
		const output = await runSakari({ parameters: getAccount, items: [{ json: {} }, { json: {} }], credentials });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(apiRequests(sandbox)).toHaveLength(4);
	});

	it('retries a failed balance request like any other read', async () => {
		sandbox.injectFault({ kind: 'status', status: 503, times: 1, match: { path: '/balance' } });
		const output = await runSakari({ parameters: getAccount, credentials });
		expect(output[0].json).toMatchObject({ balance: 100, balanceDetails: { balance: 100 } });
		expect(apiRequests(sandbox).filter((request) => request.path.endsWith('/balance')).map((request) => request.status)).toEqual([503, 200]);
	});

	it('reports a wrong account ID as ACCT-008', async () => {
		credentials = new CredentialStore({ ...SANDBOX_ACCOUNT, accountId: 'acc_other', baseUrl: sandbox.url });
		const error = await rejectionOf(runSakari({ parameters: getAccount, credentials }));
		expect(error.message).toBe('Account ID is invalid (ACCT-008)');
		expect(error.description).toContain('Account ID');
	});

	it('with continue-on-fail, a failed balance request makes the item an error item, not an account without balance', async () => {
		sandbox.injectFault({ kind: 'status', status: 403, code: 'ACCT-016', message: 'Insufficient access to this API', match: { path: '/balance' } });
		const output = await runSakari({ parameters: getAccount, credentials, continueOnFail: true });
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({});
		expect(output[0].error?.message).toBe('Insufficient access to this API (ACCT-016)');
	});
});

describe('Account → Get Many', () => {
	const secrets = (accounts: unknown) => (accounts as Array<{ apiCredentials: { secret: string } }>).map((account) => account.apiCredentials.secret);

	it('lists the accounts from GET {base}/v1/accounts page by page, paired, without any account\'s API credentials', async () => {
		sandbox.configure({ otherAccounts: 104 });
		const output = await runSakari({ parameters: getAccounts({ returnAll: true }), credentials });

		expect(apiRequests(sandbox).map(({ method, path, query }) => ({ method, path, query }))).toEqual([
			{ method: 'GET', path: '/v1/accounts', query: { offset: '0', limit: '100' } },
			{ method: 'GET', path: '/v1/accounts', query: { offset: '100', limit: '100' } },
		]);
		expect(output).toHaveLength(105);
		expect(output[0].json).toMatchObject({ id: 'acc_sandbox', name: 'Sakari Sandbox', balance: 100 });
		expect(output[104].json).toMatchObject({ id: 'acc_sandbox_105' });
		expect(new Set(output.map((item) => JSON.stringify(item.pairedItem)))).toEqual(new Set([JSON.stringify({ item: 0 })]));
		for (const item of output) expect(item.json).not.toHaveProperty('apiCredentials');
		expect(JSON.stringify(output)).not.toMatch(/secret/);
		// Sakari lists every account with its own client's ID and secret (Get all of your Sakari Accounts).
		expect(secrets(await sakariAnswer(sandbox, 'GET', '/v1/accounts?limit=3'))).toEqual(['sandbox-secret', 'other-secret-2', 'other-secret-3']);
	});

	it('stops at the Limit, and reads the Base URL as typed (trailing slash, spaces)', async () => {
		sandbox.configure({ otherAccounts: 5 });
		credentials = new CredentialStore({ ...SANDBOX_ACCOUNT, baseUrl: ` ${sandbox.url}/ ` });
		const output = await runSakari({ parameters: getAccounts({ limit: 2 }), credentials });
		expect(apiRequests(sandbox).map(({ path, query }) => ({ path, query }))).toEqual([{ path: '/v1/accounts', query: { offset: '0', limit: '2' } }]);
		expect(output.map((item) => item.json.id)).toEqual(['acc_sandbox', 'acc_sandbox_2']);
	});

	it('with continue-on-fail, a refusal is an error item with Sakari\'s code paired to its input, and the other input items list the accounts', async () => {
		sandbox.injectFault({ kind: 'status', status: 403, code: 'ACCT-016', message: 'Insufficient access to this API', match: { path: '/^\\/v1\\/accounts$/' } });
		const output = await runSakari({ parameters: getAccounts({ returnAll: true }), items: [{ json: {} }, { json: {} }], credentials, continueOnFail: true });

		// The items run concurrently: whichever asked first met the refusal.
		const [failed, ...listed] = [...output].sort((a, b) => Number(!a.error) - Number(!b.error));
		expect(failed.error?.message).toBe('Insufficient access to this API (ACCT-016)');
		expect(failed.json).toEqual({});
		const other = { item: (failed.pairedItem as { item: number }).item === 0 ? 1 : 0 };
		expect(listed.map((item) => [item.json.id, item.pairedItem, item.error])).toEqual([
			['acc_sandbox', other, undefined],
			['acc_sandbox_2', other, undefined],
		]);
	});
});
