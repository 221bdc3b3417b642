/**
 * Request Options (Batching, Proxy, Timeout, Ignore SSL Issues): n8n's loader adds them to a declarative node only
 * when it has no `webhook` method (n8n-core `DirectoryLoader.applyDeclarativeNodeOptionParameters`). Send and Wait
 * gives the Sakari node one, so the node declares them itself: this file proves they are offered, and that an
 * operation run with Batching, Proxy and Timeout set honours each of them.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: a local HTTP proxy stands between the node and the sandbox */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INodeProperties } from 'n8n-workflow';

import { CredentialStore, loadedSakari, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

/** A forward HTTP proxy on 127.0.0.1 that relays to wherever the absolute-form request line points. */
async function startProxy(): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
	const seen: string[] = [];
	const proxy = http.createServer((request, response) => {
		seen.push(`${request.method} ${request.url}`);
		const target = new URL(request.url ?? '');
		const upstream = http.request(
			{ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: request.method, headers: request.headers },
			(answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			},
		);
		upstream.on('error', () => response.destroy());
		request.pipe(upstream);
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const { port } = proxy.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		seen,
		close: async () => await new Promise<void>((resolve) => proxy.close(() => resolve())),
	};
}

const requestOptionsOf = (properties: INodeProperties[]) => properties.find((property) => property.name === 'requestOptions');

describe('Request Options', () => {
	it("offers n8n's Batching, Ignore SSL Issues, Proxy and Timeout beside the node's own pacing settings", () => {
		const options = requestOptionsOf(loadedSakari().description.properties);
		expect(options).toMatchObject({ type: 'collection', isNodeSetting: true, default: {} });
		expect((options?.options as INodeProperties[]).map((option) => option.name)).toEqual([
			'batching',
			'allowUnauthorizedCerts',
			'maxConcurrentRequests',
			'maxRetries',
			'proxy',
			'timeout',
		]);
	});

	it('an operation run with Batching, Proxy and Timeout set sends through the proxy, a batch at a time', async () => {
		const proxy = await startProxy();
		// A token first, so that the batched run below waits for no token request and its timing is the batching's.
		await runSakari({ parameters: { resource: 'account', operation: 'get' }, credentials });
		sandbox.clearRequests();
		try {
			const rows = ['+13475550601', '+13475550602', '+13475550603'];
			const output = await runSakari({
				parameters: {
					resource: 'contact',
					operation: 'create',
					mobileNumber: '={{ $json.phone }}',
					mobileCountry: 'US',
					requestOptions: { batching: { batch: { batchSize: 1, batchInterval: 1000 } }, proxy: proxy.url, timeout: 5000 },
				},
				items: rows.map((phone) => ({ json: { phone } })),
				credentials,
			});

			expect(output.map((item) => (item.json.mobile as { number: string }).number)).toEqual(rows);
			const creates = apiRequests(sandbox);
			expect(creates).toHaveLength(3);
			// Every API request went through the proxy (the token request is the credential's own, sent directly).
			expect(proxy.seen).toEqual(creates.map(() => `POST ${sandbox.url}/v1/accounts/acc_sandbox/contacts`));
			// One item per batch, a second apart: without batching the three go out within a few ms.
			expect(creates[2].startedAt - creates[0].startedAt).toBeGreaterThanOrEqual(1500);
		} finally {
			await proxy.close();
		}
	});

	it('Timeout bounds the wait for an answer', async () => {
		sandbox.injectFault({ kind: 'slow', slowMs: 3000, match: { method: 'GET' } });
		const started = Date.now();
		const failure = await runSakari({
			parameters: { resource: 'account', operation: 'get', requestOptions: { timeout: 500, maxRetries: 0 } },
			credentials,
		}).catch((error: Error & { description?: string }) => error);
		// The answer takes 3 s: the run gave up at the 500 ms Timeout.
		expect(Date.now() - started).toBeLessThan(2500);
		expect(failure).toMatchObject({ message: 'Could not get an answer from Sakari', description: expect.stringContaining('ETIMEDOUT') });
	});
});
