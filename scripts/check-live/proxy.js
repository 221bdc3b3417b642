// @ts-check
'use strict';
// The live check's window on the traffic: n8n's credential points at this proxy on 127.0.0.1, which forwards
// every request to Sakari (or a sandbox) unchanged and holds each request and answer against the contract
// (sandbox/contract). It keeps no headers and no bodies, only what the report needs: the endpoint, the status,
// which documented shape the answer matched and what differed.
const http = require('node:http');
const contract = require('../../sandbox/contract');

// Hop-by-hop and length headers are recomputed on each side; fetch decompresses, so the encoding goes too.
const DROPPED_REQUEST = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'accept-encoding']);
const DROPPED_ANSWER = new Set(['connection', 'content-length', 'transfer-encoding', 'keep-alive', 'content-encoding']);

/**
 * @typedef {object} Exchange
 * @property {number} seq
 * @property {string} phase which part of the check made it (read, contact, webhook, send)
 * @property {string} method
 * @property {string} path
 * @property {number} status 0 when Sakari could not be reached
 * @property {string | null} endpoint the contract's name for it
 * @property {'current' | '1.0.1' | null} shape the documented shape the answer matched (null: neither)
 * @property {string[]} problems what differed from the contract (request and answer)
 * @property {string | null} source the page the differing part comes from
 */

/** @param {Buffer} bytes */
function json(bytes) {
	try {
		return bytes.length ? JSON.parse(bytes.toString('utf8')) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Holds one exchange against the contract: the request (current shapes), then the answer in the current
 * shapes, else OpenAPI 1.0.1's.
 * @param {{method: string, path: string, query: Record<string, string | string[]>, headers: Record<string, unknown>, rawBody: string, body: unknown}} request
 * @param {{status: number, text: string, body: unknown}} answer
 * @returns {Pick<Exchange, 'endpoint' | 'shape' | 'problems' | 'source'>}
 */
function judge(request, answer) {
	const endpoint = contract.endpointFor(request.method, request.path);
	const requestViolation = contract.checkRequest({ ...request, status: answer.status }, 'current');
	const problems = requestViolation ? requestViolation.problems.map((p) => `request: ${p}`) : [];
	let source = requestViolation?.source ?? null;
	/** @type {'current' | '1.0.1' | null} */
	let shape = null;
	if (answer.status !== 0) {
		const current = contract.checkAnswer(request, answer, 'current');
		const older = current ? contract.checkAnswer(request, answer, '1.0.1') : null;
		if (!current) shape = 'current';
		else if (!older) shape = '1.0.1';
		else {
			problems.push(...current.problems);
			source ??= current.source;
		}
	}
	return { endpoint: endpoint?.name ?? null, shape, problems, source };
}

/**
 * Starts the proxy. `phase` is set by the caller before each part of the check, so exchanges can be told apart.
 * @param {string} baseUrl where Sakari is (https://api.sakari.io, or a sandbox)
 */
async function startProxy(baseUrl) {
	const target = new URL(baseUrl);
	const prefix = target.pathname.replace(/\/+$/, '');
	/** @type {Exchange[]} */
	const exchanges = [];
	const state = { phase: 'read', seq: 0 };
	const server = http.createServer((req, res) => {
		const chunks = /** @type {Buffer[]} */ ([]);
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const bytes = Buffer.concat(chunks);
			const url = new URL(req.url ?? '/', 'http://proxy');
			/** @type {Record<string, string>} */
			const headers = {};
			for (const [name, value] of Object.entries(req.headers)) {
				if (!DROPPED_REQUEST.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
			}
			const query = Object.fromEntries(url.searchParams);
			const request = { method: req.method ?? 'GET', path: url.pathname, query, headers, rawBody: bytes.toString('utf8'), body: json(bytes) };
			const seq = ++state.seq;
			const phase = state.phase;
			let status = 0;
			let answerBytes = Buffer.alloc(0);
			try {
				const answer = await fetch(`${target.origin}${prefix}${url.pathname}${url.search}`, {
					method: request.method,
					headers,
					body: bytes.length ? bytes : undefined,
					redirect: 'manual',
					signal: AbortSignal.timeout(60_000),
				});
				status = answer.status;
				answerBytes = Buffer.from(await answer.arrayBuffer());
				/** @type {Record<string, string>} */
				const back = {};
				answer.headers.forEach((value, name) => {
					if (!DROPPED_ANSWER.has(name)) back[name] = value;
				});
				res.writeHead(status, back);
				res.end(answerBytes);
			} catch (error) {
				res.writeHead(502, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ success: false, error: { code: 'LIVE-502', message: `Could not reach ${target.origin}: ${/** @type {Error} */ (error).message}` } }));
			}
			const text = answerBytes.toString('utf8');
			exchanges.push({ seq, phase, method: request.method, path: url.pathname, status, ...judge(request, { status, text, body: json(answerBytes) }) });
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${port}`,
		exchanges,
		/** @param {string} phase */
		setPhase(phase) {
			state.phase = phase;
		},
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			}),
	};
}

module.exports = { startProxy, judge };
