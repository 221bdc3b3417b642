/**
 * Values that expressions, AI agents or pasted data can put into fields: each is refused before any request
 * with an error naming the field, or sent as the user meant it; none is slow to check.
 */
import type { INodeParameters } from 'n8n-workflow';

import { rejectionOf } from './helpers/leaks';
import { CredentialStore, byId, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useQuickRetries, useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

useQuickRetries({ maxMs: 50 });

const create = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'contact',
	operation: 'create',
	mobileNumber: '+13475557001',
	mobileCountry: 'US',
	...parameters,
});

describe('numbers from expressions', () => {
	it.each([0, -3, 'abc', 2.5, 1e12])('Get Many refuses Limit %p instead of silently returning nothing', async (limit) => {
		const error = await rejectionOf(
			runSakari({ parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit }, credentials }),
		);
		expect(error.message).toMatch(/^Limit: must be a whole number from 1 to 1000000, got /);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('takes a Limit given as a numeric string', async () => {
		await runSakari({ parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: '3' }, credentials });
		expect(apiRequests(sandbox).map((request) => request.query)).toEqual([{ offset: '0', limit: '3' }]);
	});

	it.each([
		[{ maxRetries: 1e9 }, 'Request Options > Max Retries: must be a whole number from 0 to 10, got 1000000000'],
		[{ maxConcurrentRequests: 0 }, 'Request Options > Max Concurrent Requests: must be a whole number from 1 to 100, got 0'],
	])('refuses Request Options %j', async (requestOptions, message) => {
		const error = await rejectionOf(runSakari({ parameters: create({ requestOptions }), credentials }));
		expect(error.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('refuses Rows per Upload outside 1..1000', async () => {
		const error = await rejectionOf(runSakari({ parameters: create({ bulkImport: true, bulkSize: 5000 }), credentials }));
		expect(error.message).toBe('Rows per Upload: must be a whole number from 1 to 1000, got 5000');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('sends a numeric Message as text instead of calling it empty', async () => {
		await runSakari({
			parameters: { resource: 'message', operation: 'send', toMobileNumber: '+13475557002', message: '={{ 42 }}' },
			credentials,
		});
		expect((apiRequests(sandbox)[0].body as { template: unknown }).template).toBe('42');
	});
});

describe('names and long values', () => {
	it('takes attribute names such as toString and hasOwnProperty as ordinary names', async () => {
		const names = ['toString', 'hasOwnProperty', 'valueOf'];
		await runSakari({
			parameters: create({ additionalFields: { attributes: { attribute: names.map((name) => ({ name, value: `v-${name}` })) } } }),
			credentials,
		});
		const { attributes } = apiRequests(sandbox)[0].body as { attributes: Record<string, string> };
		expect(attributes).toEqual({ toString: 'v-toString', hasOwnProperty: 'v-hasOwnProperty', valueOf: 'v-valueOf' });
	});

	it.each(['constructor', '__proto__', 'prototype'])('refuses the attribute name %s, which n8n would drop, naming why', async (name) => {
		const error = await rejectionOf(
			runSakari({ parameters: create({ additionalFields: { attributes: { attribute: [{ name, value: 'x' }] } } }), credentials }),
		);
		expect(error.message).toBe(`Attributes: "${name}" is a name n8n cannot send (it drops __proto__, constructor and prototype)`);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it.each([
		['Email', { additionalFields: { email: `${'a@'.repeat(20_000)}x` } }, 'Email: "'],
		['Email', { additionalFields: { email: `${'a'.repeat(40_000)}@x` } }, 'Email: "'],
	])('checks a 40,000-character %s in linear time and quotes only a short prefix', async (_field, parameters, start) => {
		const started = Date.now();
		const error = await rejectionOf(runSakari({ parameters: create(parameters), credentials }));
		expect(Date.now() - started).toBeLessThan(1000);
		expect(error.message.startsWith(start)).toBe(true);
		expect(error.message.length).toBeLessThan(160);
	});

	it('checks 40,000 characters of Media URLs quickly, naming the field', async () => {
		const started = Date.now();
		const error = await rejectionOf(
			runSakari({
				parameters: {
					resource: 'message',
					operation: 'send',
					toMobileNumber: '+13475557003',
					message: 'Hi',
					messageOptions: { mediaUrls: `http://${'a'.repeat(40_000)}` },
				},
				credentials,
			}),
		);
		expect(Date.now() - started).toBeLessThan(1000);
		expect(error.message).toMatch(/^Media URLs: "http:\/\/a{10,}…" \(40007 characters\) is not an http\(s\) URL$/);
	});
});

describe('a delete whose first answer was lost', () => {
	it('is reported as deleted when the retry finds the contact gone', async () => {
		const [created] = await runSakari({ parameters: create(), credentials });
		sandbox.injectFault({ kind: 'reset', when: 'after', match: { method: 'DELETE', path: '/contacts/' } });
		const output = await runSakari({ parameters: { resource: 'contact', operation: 'delete', contactId: byId(created.json.id as string) }, credentials });
		expect(output).toEqual([
			{ json: { success: true, note: expect.stringContaining('first attempt deleted it') }, pairedItem: { item: 0 } },
		]);
		expect(apiRequests(sandbox).filter((request) => request.method === 'DELETE')).toHaveLength(2);
	});

	it('is still an error when the very first answer is a 404', async () => {
		const error = await rejectionOf(runSakari({ parameters: { resource: 'contact', operation: 'delete', contactId: byId('ct_missing') }, credentials }));
		expect(error.message).toBe('Invalid contact id (CONT-003)');
	});
});
