'use strict';
// One benchmark client in its own process (so its memory is its own): `plain` sends the token request and
// N creates with Node's http and a keep-alive agent; `node` runs the built Sakari node through n8n-core's
// RoutingNode; `bare` runs it without the node's request wrapper (n8n alone, every item at once).
// Prints one JSON line of results.
const http = require('node:http');

const [mode, configJson] = process.argv.slice(2);
const { url, n, concurrency, account, firstNumber } = JSON.parse(configJson);
const phone = (index) => `+1347${String(firstNumber + index).padStart(7, '0')}`;

let peakHeap = 0;
const sampler = setInterval(() => {
	peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 50);

async function plain() {
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const base = new URL(url);
	const post = (path, body, headers = {}) =>
		new Promise((resolve, reject) => {
			const data = JSON.stringify(body);
			const request = http.request(
				{
					agent,
					host: base.hostname,
					port: base.port,
					method: 'POST',
					path,
					headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(data), ...headers },
				},
				(response) => {
					let text = '';
					response.setEncoding('utf8');
					response.on('data', (chunk) => (text += chunk));
					response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(text) }));
				},
			);
			request.on('error', reject);
			request.end(data);
		});
	const token = await post('/oauth2/token', {
		grant_type: 'client_credentials',
		client_id: account.clientId,
		client_secret: account.clientSecret,
	});
	const authorization = `Bearer ${token.body.access_token}`;
	const results = new Array(n);
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < n) {
				const index = next++;
				const answer = await post(
					`/v1/accounts/${account.accountId}/contacts`,
					{ mobile: { number: phone(index), country: 'US' } },
					{ authorization },
				);
				results[index] = answer.status === 201 ? answer.body.data[0] : { error: answer.status };
			}
		}),
	);
	agent.destroy();
	return { outputs: results.length, errors: results.filter((result) => result.error).length };
}

// Loaded before the clock starts: module loading is not what is measured.
const routing = mode === 'plain' ? undefined : require('./routing.cjs');

async function node(bare) {
	const { CredentialStore, runSakari } = routing;
	const credentials = new CredentialStore({ ...account, baseUrl: url });
	const items = Array.from({ length: n }, (_, index) => ({ json: { phone: phone(index) } }));
	const output = await runSakari({
		parameters: {
			resource: 'contact',
			operation: 'create',
			mobileNumber: '={{ $json.phone }}',
			mobileCountry: 'US',
			rateLimiting: { maxConcurrentRequests: concurrency },
		},
		items,
		credentials,
		continueOnFail: true,
		bare,
	});
	const misplaced = output.filter((item, index) => item.error || item.json.mobile?.number !== phone(index)).length;
	return {
		outputs: output.length,
		errors: output.filter((item) => item.error).length,
		misplaced,
		firstError: output.find((item) => item.error)?.error?.message,
	};
}

(async () => {
	const startedAt = Date.now();
	const result = await (mode === 'plain' ? plain() : node(mode === 'bare'));
	const ms = Date.now() - startedAt;
	clearInterval(sampler);
	peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
	process.stdout.write(
		`${JSON.stringify({ mode, startedAt, ms, ...result, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), peakHeapMb: Math.round(peakHeap / 2 ** 20) })}\n`,
	);
})().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
