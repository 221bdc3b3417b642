import { rejectionOf } from './helpers/leaks';
import { CredentialStore, runSakari } from './helpers/routing';
import { SANDBOX_ACCOUNT, apiRequests, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;
const getAccount = { resource: 'account', operation: 'get' };

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

describe('Account → Get', () => {
	it('gets the account and its balance, as one item paired to the input', async () => {
		const output = await runSakari({ parameters: getAccount, credentials });

		expect(apiRequests(sandbox).map(({ method, path, query }) => ({ method, path, query })).sort((a, b) => a.path.localeCompare(b.path))).toEqual([
			{ method: 'GET', path: '/v1/accounts/acc_sandbox', query: {} },
			{ method: 'GET', path: '/v1/accounts/acc_sandbox/balance', query: {} },
		]);
		expect(output).toEqual([
			{
				json: expect.objectContaining({ id: 'acc_sandbox', name: 'Sakari Sandbox', balance: { balance: 100, currency: 'USD', autoTopup: false } }),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('outputs one account per input item', async () => {
		const output = await runSakari({ parameters: getAccount, items: [{ json: {} }, { json: {} }], credentials });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(apiRequests(sandbox)).toHaveLength(4);
	});

	it('retries a failed balance request like any other read', async () => {
		sandbox.injectFault({ kind: 'status', status: 503, times: 1, match: { path: '/balance' } });
		const output = await runSakari({ parameters: getAccount, credentials });
		expect(output[0].json.balance).toEqual({ balance: 100, currency: 'USD', autoTopup: false });
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
