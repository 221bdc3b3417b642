/**
 * A small hostile or broken server on loopback, for what the sandbox will not do: redirect elsewhere, echo the
 * request back in its errors, trickle an answer. Records every request it gets.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: a local HTTP server */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface HostileServer {
	url: string;
	requests: HostileRequest[];
	close(): Promise<void>;
}

/** Starts a server on `host` (127.0.0.1, or `localhost` for a second origin) that answers with `answer`. */
export async function startHostile(
	answer: (request: HostileRequest, response: ServerResponse) => void,
	host = '127.0.0.1',
): Promise<HostileServer> {
	const requests: HostileRequest[] = [];
	const server = createServer((incoming, response) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const request = {
				method: incoming.method ?? '',
				path: incoming.url ?? '',
				headers: incoming.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(request);
			answer(request, response);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://${host}:${port}`,
		requests,
		close: async () => {
			// Trickling or held answers would keep close() waiting.
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Answers JSON with this status (and headers). */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
	const payload = JSON.stringify(body);
	response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), ...headers });
	response.end(payload);
}

/** A token shaped like Sakari's (a JWT that expires in an hour); `seed` makes each one different. */
export function jwtLikeToken(seed: string): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: seed, exp: Math.floor(Date.now() / 1000) + 3600 })}.${Buffer.from(`sig-${seed}`).toString('base64url')}`;
}
