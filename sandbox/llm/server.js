// @ts-check
'use strict';
// A small OpenAI-compatible fake for tests and demos: answers GET /v1/models (the credential test), POST
// /v1/chat/completions and POST /v1/responses with a scripted conversation (script.js), and records every request.
// Loopback only; any API key is accepted. Not OpenAI: it answers what the script says, whatever the prompt.
//   const llm = await startLlm({ script: [{ tools: [{ name: 'Text_customer', arguments: { phone, text } }] }, { answer: 'Done' }] });
//   node sandbox/llm/server.js --port 4020 --script script.json
const fs = require('node:fs');
const http = require('node:http');
const { complete, streamed } = require('./chat');
const { respond } = require('./responses');

const MODELS = ['gpt-4o-mini', 'gpt-4.1-mini'];
const BODY_LIMIT = 4 * 1024 * 1024;

/**
 * @param {{ port?: number, host?: string, script?: import('./script').Turn[] }} [options]
 * @returns {Promise<{ url: string, port: number, requests: () => Array<{ method: string, path: string, body: any }>,
 *   clearRequests: () => void, setScript: (script: import('./script').Turn[]) => void, close: () => Promise<void> }>}
 */
async function startLlm({ port = 0, host = '127.0.0.1', script = [] } = {}) {
	let turns = script;
	/** @type {Array<{ method: string, path: string, body: any }>} */
	let recorded = [];
	let seq = 0;

	const server = http.createServer((request, response) => {
		const chunks = [];
		let size = 0;
		request.on('data', (chunk) => {
			size += chunk.length;
			if (size > BODY_LIMIT) request.destroy();
			else chunks.push(chunk);
		});
		request.on('end', () => {
			const path = (request.url ?? '/').split('?')[0];
			let body;
			try {
				body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
			} catch {
				return send(response, 400, { error: { message: 'The body is not JSON', type: 'invalid_request_error' } });
			}
			recorded.push({ method: request.method ?? 'GET', path, body });
			seq += 1;
			if (request.method === 'GET' && path === '/v1/models') {
				return send(response, 200, { object: 'list', data: MODELS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'sandbox' })) });
			}
			if (request.method === 'POST' && path === '/v1/chat/completions') {
				const completion = complete(turns, body, seq);
				if (body?.stream === true) return sendEvents(response, streamed(completion));
				return send(response, 200, completion);
			}
			if (request.method === 'POST' && path === '/v1/responses') {
				if (body?.stream === true) return send(response, 400, { error: { message: 'Streaming is not scripted for /v1/responses', type: 'invalid_request_error' } });
				return send(response, 200, respond(turns, body, seq));
			}
			return send(response, 404, { error: { message: `No route ${request.method} ${path}`, type: 'invalid_request_error' } });
		});
	});
	await new Promise((resolve) => server.listen(port, host, () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://${host}:${address.port}`,
		port: address.port,
		requests: () => structuredClone(recorded),
		clearRequests: () => {
			recorded = [];
		},
		setScript: (script) => {
			turns = script;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

function send(response, status, body) {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}

function sendEvents(response, events) {
	response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	for (const event of events) response.write(`data: ${JSON.stringify(event)}\n\n`);
	response.end('data: [DONE]\n\n');
}

if (require.main === module) {
	const args = process.argv.slice(2);
	const option = (name) => {
		const index = args.indexOf(name);
		return index >= 0 ? args[index + 1] : undefined;
	};
	const scriptFile = option('--script');
	startLlm({ port: Number(option('--port') ?? 4020), script: scriptFile ? JSON.parse(fs.readFileSync(scriptFile, 'utf8')) : [] }).then(
		(llm) => {
			console.log(`OpenAI-compatible fake listening on ${llm.url}/v1`);
			const stop = () => void llm.close().then(() => process.exit(0));
			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
		},
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}

module.exports = { startLlm };
