/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: a local HTTP server between the node and the sandbox */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CredentialStore } from './routing';
import { SANDBOX_ACCOUNT, type Sandbox } from './sandbox';

/** Rewrites one JSON answer of the sandbox: its request's method, path and content type, and the parsed answer. */
export type AnswerRewrite = (request: { method: string; path: string; contentType: string }, answer: { data?: unknown }) => void;

/**
 * A proxy between the node and the sandbox for the test file, for answers Sakari could give but the sandbox does
 * not (a row listed twice, a contact dropped): each test sets `rewrite` and reaches the sandbox through
 * `credentials()`. Returns what the tests use.
 */
export function useAnswerProxy(sandbox: () => Sandbox): { credentials: () => CredentialStore; rewrite: (rewrite: AnswerRewrite | undefined) => void } {
	let proxy: Server;
	let url = '';
	let current: AnswerRewrite | undefined;
	beforeAll(async () => {
		proxy = createServer((incoming, outgoing) => {
			const target = new URL(incoming.url ?? '/', sandbox().url);
			const upstream = httpRequest(target, { method: incoming.method, headers: incoming.headers }, (answer) => {
				const chunks: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => chunks.push(chunk));
				answer.on('end', () => {
					let body = Buffer.concat(chunks).toString();
					if (current && /json/.test(String(answer.headers['content-type'])) && target.pathname.startsWith('/v1/')) {
						const envelope = JSON.parse(body) as { data?: unknown };
						current({ method: incoming.method ?? 'GET', path: target.pathname, contentType: incoming.headers['content-type'] ?? '' }, envelope);
						body = JSON.stringify(envelope);
					}
					outgoing.writeHead(answer.statusCode ?? 500, { 'content-type': String(answer.headers['content-type'] ?? 'application/json') });
					outgoing.end(body);
				});
			});
			incoming.pipe(upstream);
		});
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise((resolve) => proxy.close(resolve)));
	afterEach(() => {
		current = undefined;
	});
	return {
		credentials: () => new CredentialStore({ ...SANDBOX_ACCOUNT, baseUrl: url }),
		rewrite: (rewrite) => {
			current = rewrite;
		},
	};
}
