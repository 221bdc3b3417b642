import type { INodeParameters } from 'n8n-workflow';

import { everythingShownOf, expectNoSecrets, rejectionOf } from './helpers/leaks';
import { CredentialStore, runSakari } from './helpers/routing';
import { SANDBOX_ACCOUNT, apiRequests, startSandbox, tokenRequests, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

const create = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'contact',
	operation: 'create',
	mobileNumber: '+13475550101',
	mobileCountry: 'US',
	...parameters,
});

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

describe('Contact → Create: what Sakari receives', () => {
	it('sends only the mobile number and country for a minimal contact, with the bearer token', async () => {
		const output = await runSakari({ parameters: create(), credentials });

		const [request] = apiRequests(sandbox);
		expect(apiRequests(sandbox)).toHaveLength(1);
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/v1/accounts/acc_sandbox/contacts');
		expect(request.query).toEqual({});
		expect(request.body).toEqual({ mobile: { number: '+13475550101', country: 'US' } });
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		const [token] = tokenRequests(sandbox);
		expect(token.body).toEqual({
			grant_type: 'client_credentials',
			client_id: 'sandbox-client',
			client_secret: 'sandbox-secret',
		});
		expect(credentials.data.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
		expect(request.headers.authorization).toBe(`Bearer ${credentials.data.accessToken as string}`);

		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ id: expect.any(String), mobile: { number: '+13475550101', country: 'US' } });
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends every filled field: names, email, attributes as an object, list IDs as [{id}], and the merge strategy', async () => {
		const output = await runSakari({
			parameters: create({
				mobileNumber: ' (347) 555-0102 ',
				mobileCountry: 'us',
				mergeStrategy: 'append',
				additionalFields: {
					firstName: 'Ada',
					lastName: 'Lovelace',
					email: 'ada@example.com',
					attributes: { attribute: [{ name: 'plan', value: 'gold' }, { name: 'tier', value: '2' }] },
					lists: 'list_1, list_2,',
				},
			}),
			credentials,
		});

		const [request] = apiRequests(sandbox);
		expect(request.query).toEqual({ mergeStrategy: 'append' });
		expect(request.body).toEqual({
			mobile: { number: '(347) 555-0102', country: 'US' },
			firstName: 'Ada',
			lastName: 'Lovelace',
			email: 'ada@example.com',
			attributes: { plan: 'gold', tier: '2' },
			lists: [{ id: 'list_1' }, { id: 'list_2' }],
		});
		expect(output[0].json).toMatchObject({ firstName: 'Ada', email: 'ada@example.com', attributes: { plan: 'gold' } });
	});

	it.each(['append', 'core', 'remove'])('sends mergeStrategy=%s as a query parameter', async (mergeStrategy) => {
		await runSakari({ parameters: create({ mergeStrategy }), credentials });
		expect(apiRequests(sandbox)[0].query).toEqual({ mergeStrategy });
	});

	it('sends no mergeStrategy at all for "Sakari Default"', async () => {
		await runSakari({ parameters: create({ mergeStrategy: 'default' }), credentials });
		expect(apiRequests(sandbox)[0].query).not.toHaveProperty('mergeStrategy');
	});

	it('URL-encodes the account ID into the path', async () => {
		credentials = new CredentialStore({ ...SANDBOX_ACCOUNT, accountId: 'acc/x y', baseUrl: `${sandbox.url}/` });
		const output = await runSakari({ parameters: create(), credentials, continueOnFail: true });
		expect(apiRequests(sandbox)[0].path).toBe('/v1/accounts/acc%2Fx%20y/contacts');
		expect(output[0].error?.message).toContain('ACCT-008');
	});
});

describe('Contact → Create: items in, items out', () => {
	it('creates one contact per input item, in input order, each output paired to its input', async () => {
		const items = ['+13475550111', '+13475550112', '+13475550113'].map((phone, index) => ({
			json: { phone, name: `Person ${index}` },
		}));
		const output = await runSakari({
			parameters: create({
				mobileNumber: '={{ $json.phone }}',
				additionalFields: { firstName: '={{ $json.name }}' },
			}),
			items,
			credentials,
		});

		expect(output.map((item) => item.json.firstName)).toEqual(['Person 0', 'Person 1', 'Person 2']);
		expect(output.map((item) => (item.json.mobile as { number: string }).number)).toEqual([
			'+13475550111',
			'+13475550112',
			'+13475550113',
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sandbox.state().contacts).toHaveLength(3);
	});

	it('merges a repeated mobile number into the same contact', async () => {
		await runSakari({ parameters: create({ additionalFields: { firstName: 'Ada' } }), credentials });
		const [again] = await runSakari({ parameters: create({ additionalFields: { lastName: 'L' } }), credentials });
		expect(sandbox.state().contacts).toHaveLength(1);
		expect(again.json).toMatchObject({ firstName: 'Ada', lastName: 'L' });
	});
});

describe('Contact → Create: the OAuth2 token', () => {
	it('fetches one token for many concurrent items and reuses it in the next run', async () => {
		const items = Array.from({ length: 25 }, (_, index) => ({ json: { phone: `+1347555${String(1000 + index)}` } }));
		await runSakari({ parameters: create({ mobileNumber: '={{ $json.phone }}' }), items, credentials });
		await runSakari({ parameters: create(), credentials });

		expect(tokenRequests(sandbox)).toHaveLength(1);
		expect(apiRequests(sandbox)).toHaveLength(26);
		expect(new Set(apiRequests(sandbox).map((request) => request.headers.authorization)).size).toBe(1);
	});

	it('gets a new token once when Sakari rejects the stored one as expired, and retries the request', async () => {
		await runSakari({ parameters: create(), credentials });
		const firstToken = credentials.data.accessToken;
		sandbox.expireTokens();

		const items = Array.from({ length: 10 }, (_, index) => ({ json: { phone: `+1347555${String(2000 + index)}` } }));
		const output = await runSakari({ parameters: create({ mobileNumber: '={{ $json.phone }}' }), items, credentials });

		expect(output).toHaveLength(10);
		expect(tokenRequests(sandbox)).toHaveLength(2);
		expect(credentials.data.accessToken).not.toBe(firstToken);
		const rejected = apiRequests(sandbox).filter((request) => request.status === 401);
		expect(rejected.length).toBeGreaterThan(0);
		expect(rejected.every((request) => request.headers.authorization === `Bearer ${firstToken as string}`)).toBe(true);
		expect(sandbox.state().contacts).toHaveLength(11);
	});

	it('fetches a new token before using one whose exp has passed', async () => {
		const shortLived = await startSandbox({ tokenTtlSeconds: 1 });
		try {
			credentials = new CredentialStore({ ...SANDBOX_ACCOUNT, baseUrl: shortLived.url });
			await runSakari({ parameters: create(), credentials });
			// A token within a minute of its exp is not handed out again, so the next asker gets a fresh one.
			credentials.data.accessToken = '';
			await runSakari({ parameters: create({ mobileNumber: '+13475550199' }), credentials });
			expect(tokenRequests(shortLived)).toHaveLength(2);
		} finally {
			await shortLived.close();
		}
	});

	it('never sends a token after the client secret was changed: the new secret is really used', async () => {
		await runSakari({ parameters: create(), credentials });
		const oldToken = credentials.data.accessToken as string;
		credentials.data = { ...credentials.data, clientSecret: 'edited-wrong-secret' };

		const error = await rejectionOf(runSakari({ parameters: create({ mobileNumber: '+13475550198' }), credentials }));

		expect(error.message).toContain('Sakari rejected the Client ID or Client Secret (HTTP 401)');
		const afterEdit = sandbox.requests().slice(2);
		expect(afterEdit.map((request) => `${request.path} ${request.status}`)).toEqual([
			'/v1/accounts/acc_sandbox/contacts 401',
			'/oauth2/token 401',
		]);
		expect(afterEdit.some((request) => (request.headers.authorization ?? '').includes(oldToken))).toBe(false);
	});

	it('never sends a token to another Base URL than the one it was issued by', async () => {
		await runSakari({ parameters: create(), credentials });
		const firstToken = credentials.data.accessToken as string;
		const other = await startSandbox();
		try {
			credentials.data = { ...credentials.data, baseUrl: other.url };
			const output = await runSakari({ parameters: create(), credentials });

			expect(output).toHaveLength(1);
			expect(other.requests().some((request) => (request.headers.authorization ?? '').includes(firstToken))).toBe(false);
			expect(tokenRequests(other)).toHaveLength(1);
			expect(credentials.data.accessToken).not.toBe(firstToken);
		} finally {
			await other.close();
		}
	});

	it('reports a wrong client secret clearly, without the secret', async () => {
		// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up wrong secret the error must not show
		const secret = 'wrong-secret-4f7a9c';
		credentials = new CredentialStore({ ...SANDBOX_ACCOUNT, clientSecret: secret, baseUrl: sandbox.url });
		const error = await rejectionOf(runSakari({ parameters: create(), credentials }));
		expect(error.message).toContain('Sakari rejected the Client ID or Client Secret (HTTP 401)');
		expect(apiRequests(sandbox)).toHaveLength(0);
		expectNoSecrets(everythingShownOf(error), [secret]);
	});
});

describe('Contact → Create: errors', () => {
	it("turns Sakari's CONT-001 into an error naming the code and message, without retrying", async () => {
		const error = await rejectionOf(runSakari({ parameters: create({ mobileNumber: '+1555012' }), credentials }));
		expect(error.message).toBe('Invalid mobile number (CONT-001)');
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain('E.164');
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it.each([
		[{ mobileNumber: '   ' }, 'Mobile Number: is empty'],
		[{ mobileNumber: 'call me' }, 'Mobile Number: "call me" may only contain digits'],
		[{ mobileCountry: 'XX' }, 'Mobile Country: "XX" is not an ISO 3166 alpha-2 country code'],
		[{ additionalFields: { email: 'ada@' } }, 'Email: "ada@" is not a valid email address'],
		[
			{ additionalFields: { attributes: { attribute: [{ name: 'plan', value: 'a' }, { name: 'plan', value: 'b' }] } } },
			'Attributes: "plan" is given more than once',
		],
	])('rejects %j before sending anything', async (parameters, message) => {
		const error = await rejectionOf(runSakari({ parameters: create(parameters as INodeParameters), credentials }));
		expect(error.message).toContain(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('with continue-on-fail, a failed item becomes an error item and the others still succeed', async () => {
		const items = [{ json: { phone: '+13475550121' } }, { json: { phone: '+1555012' } }, { json: { phone: '' } }, { json: { phone: '+13475550124' } }];
		const output = await runSakari({
			parameters: create({ mobileNumber: '={{ $json.phone }}' }),
			items,
			credentials,
			continueOnFail: true,
		});

		expect(output).toHaveLength(4);
		expect(output[0].json.mobile).toMatchObject({ number: '+13475550121' });
		expect(output[1].json).toEqual({});
		expect(output[1].error?.message).toBe('Invalid mobile number (CONT-001)');
		expect(output[2].error?.message).toContain('Mobile Number: is empty');
		expect(output[3].json.mobile).toMatchObject({ number: '+13475550124' });
		expect(sandbox.state().contacts).toHaveLength(2);
	});

	it('without continue-on-fail, one bad item fails the run with its item index', async () => {
		const items = [{ json: { phone: '+13475550131' } }, { json: { phone: '+1555012' } }];
		const error = await rejectionOf(
			runSakari({ parameters: create({ mobileNumber: '={{ $json.phone }}' }), items, credentials }),
		);
		expect(error.message).toBe('Invalid mobile number (CONT-001)');
		expect((error.context as { itemIndex?: number }).itemIndex).toBe(1);
	});

	it('never shows the client secret or a token in any error', async () => {
		const errors: unknown[] = [];
		const items = [{ json: { phone: '+1555012' } }, { json: { phone: 'x' } }];
		const output = await runSakari({
			parameters: create({ mobileNumber: '={{ $json.phone }}' }),
			items,
			credentials,
			continueOnFail: true,
		});
		errors.push(...output.map((item) => item.error));
		sandbox.expireTokens();
		sandbox.injectFault({ kind: 'status', status: 401, times: 10, match: { path: '/contacts' } });
		errors.push(await rejectionOf(runSakari({ parameters: create(), credentials })));
		sandbox.injectFault({ kind: 'status', status: 503, times: 20, match: { path: '/contacts' } });
		errors.push(
			await rejectionOf(runSakari({ parameters: create({ requestOptions: { maxRetries: 0 } }), credentials })),
		);

		const tokens = sandbox
			.requests()
			.map((request) => (request.headers.authorization ?? '').replace(/^Bearer /, ''))
			.filter(Boolean);
		expect(tokens.length).toBeGreaterThan(0);
		for (const error of errors) {
			expect(error).toBeDefined();
			expectNoSecrets(everythingShownOf(error), [SANDBOX_ACCOUNT.clientSecret, ...tokens]);
		}
	});
});
