#!/usr/bin/env node
// `npm run bench [-- --n 2000 --concurrency 5 --rate 50 --latency 0,20 --only a,b --real-n8n --batch 50:1000]`
// Creates N contacts through the Sakari node against the local sandbox and prints what it cost:
//  (a) unlimited sandbox: the node (n8n-core's RoutingNode, in process, built dist/) vs a plain keep-alive
//      HTTP client doing the same token request + N creates at the same concurrency;
//  (b) sandbox limited to --rate requests/s: the node's wall time vs the floor N / rate;
//  (c) --real-n8n: N items through `n8n execute` (default settings) against the rate-limited sandbox;
//      --batch SIZE:MS sets the node's Request Options → Batching (n8n then starts requests between batches
//      instead of only after resolving every item).
// Each client runs in its own process (its peak memory is its own); the sandbox runs in this one.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const { startSandbox } = require('../sandbox/server.js');

function parseArgs(argv) {
	const options = { n: 2000, concurrency: 5, rate: 50, latency: [0, 20], only: ['a', 'b'], realN8n: false, batch: undefined };
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split('=');
		const value = () => inline ?? argv[++index];
		if (flag === '--n') options.n = Number(value());
		else if (flag === '--concurrency') options.concurrency = Number(value());
		else if (flag === '--rate') options.rate = Number(value());
		else if (flag === '--latency') options.latency = value().split(',').map(Number);
		else if (flag === '--only') options.only = value().split(',');
		else if (flag === '--real-n8n') options.realN8n = true;
		else if (flag === '--batch') {
			const [batchSize, batchInterval] = value().split(':').map(Number);
			options.batch = { batchSize, batchInterval };
		}
		else throw new Error(`Unknown argument ${argv[index]}`);
	}
	if (options.realN8n && !options.only.includes('c')) options.only.push('c');
	return options;
}

const account = { accountId: 'acc_sandbox', clientId: 'sandbox-client', clientSecret: 'sandbox-secret' };
const FIRST_NUMBER = 2_000_000;

/** Runs one client process; resolves its JSON result line. */
function worker(mode, config) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(here, 'bench', 'worker.cjs'), mode, JSON.stringify(config)], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) reject(new Error(`${mode} client exited with ${code}`));
			else resolve(JSON.parse(out.trim().split('\n').pop()));
		});
	});
}

/** What the sandbox saw: creates, duplicates, losses, token requests, 429s, retries, first request time. */
function observe(sandbox, n) {
	const stats = sandbox.stats();
	const byNumber = new Map();
	for (const contact of sandbox.state().contacts) byNumber.set(contact.mobile.number, (byNumber.get(contact.mobile.number) ?? 0) + 1);
	const api = sandbox.requests().filter((request) => request.path.startsWith('/v1/'));
	return {
		created: byNumber.size,
		duplicates: [...byNumber.values()].filter((count) => count > 1).length,
		lost: n - byNumber.size,
		tokenRequests: stats.tokenRequests,
		rateLimited: stats.rateLimited,
		retries: api.length - n,
		maxInFlight: stats.maxInFlight,
		firstRequestAt: api[0]?.startedAt,
	};
}

async function measure(sandbox, mode, options, config) {
	sandbox.reset();
	sandbox.configure(config);
	const result = await worker(mode, { url: sandbox.url, n: options.n, concurrency: options.concurrency, account, firstNumber: FIRST_NUMBER });
	const seen = observe(sandbox, options.n);
	return { ...result, ...seen, setupMs: seen.firstRequestAt - result.startedAt };
}

function table(title, columns, rows) {
	const cells = rows.map((row) => columns.map(([, get]) => String(get(row) ?? '')));
	const widths = columns.map(([name], index) => Math.max(name.length, ...cells.map((row) => row[index].length)));
	const line = (values) => `| ${values.map((value, index) => value.padEnd(widths[index])).join(' | ')} |`;
	console.log(`\n${title}\n${line(columns.map(([name]) => name))}\n|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
	for (const row of cells) console.log(line(row));
}

const seconds = (ms) => (ms === undefined ? '' : (ms / 1000).toFixed(2));
const common = [
	['created', (row) => row.created],
	['lost', (row) => row.lost],
	['dupes', (row) => row.duplicates],
	['tokens', (row) => row.tokenRequests],
	['429s', (row) => row.rateLimited],
	['retries', (row) => row.retries],
	['max in flight', (row) => row.maxInFlight],
	['peak RSS MB', (row) => row.peakRssMb],
	['peak heap MB', (row) => row.peakHeapMb],
];

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const sandbox = await startSandbox({ port: 0, ...account });
	console.log(`Sakari bench: N=${options.n}, concurrency ${options.concurrency}, Node ${process.version}`);
	try {
		if (options.only.includes('a')) {
			const rows = [];
			for (const latencyMs of options.latency) {
				const plain = await measure(sandbox, 'plain', options, { rateLimit: null, latencyMs });
				const bare = await measure(sandbox, 'bare', options, { rateLimit: null, latencyMs });
				const node = await measure(sandbox, 'node', options, { rateLimit: null, latencyMs });
				rows.push({ ...plain, client: 'plain http', latencyMs });
				rows.push({ ...bare, client: 'n8n alone (no wrapper, unbounded)', latencyMs, ratio: bare.ms / plain.ms });
				rows.push({ ...node, client: 'Sakari node', latencyMs, ratio: node.ms / plain.ms, vsBare: node.ms / bare.ms });
			}
			table(
				`(a) unlimited sandbox: the node vs a plain keep-alive client, same requests, same concurrency (target ratio <= 1.25)`,
				[
					['sandbox latency ms', (row) => row.latencyMs],
					['client', (row) => row.client],
					['wall s', (row) => seconds(row.ms)],
					['vs plain', (row) => row.ratio?.toFixed(2)],
					['vs n8n alone', (row) => row.vsBare?.toFixed(2)],
					['before 1st request s', (row) => seconds(row.setupMs)],
					...common,
				],
				rows,
			);
		}
		if (options.only.includes('b')) {
			const floorMs = (options.n / options.rate) * 1000;
			const node = await measure(sandbox, 'node', options, { rateLimit: { perSecond: options.rate }, latencyMs: 0 });
			table(
				`(b) sandbox limited to ${options.rate} requests/s: the node vs the floor N / rate = ${seconds(floorMs)} s (target <= 1.3)`,
				[
					['client', () => 'Sakari node'],
					['wall s', (row) => seconds(row.ms)],
					['vs floor', (row) => (row.ms / floorMs).toFixed(2)],
					['before 1st request s', (row) => seconds(row.setupMs)],
					['errors', (row) => row.errors],
					...common,
				],
				[node],
			);
		}
		if (options.only.includes('c')) {
			const { runRealN8n } = require('./bench/real-n8n.cjs');
			const floorMs = (options.n / options.rate) * 1000;
			sandbox.reset();
			sandbox.configure({ rateLimit: { perSecond: options.rate }, latencyMs: 0 });
			const extraParameters = options.batch ? { requestOptions: { batching: { batch: options.batch } } } : undefined;
			const run = await runRealN8n({ sandbox, n: options.n, firstNumber: FIRST_NUMBER, extraParameters });
			const seen = observe(sandbox, options.n);
			const misplaced = run.items.filter((item, index) => item.json?.mobile?.number !== run.expected[index] || item.pairedItem?.item !== index).length;
			table(
				`(c) real n8n (n8n execute, ${options.batch ? `batching ${options.batch.batchSize} items / ${options.batch.batchInterval} ms` : 'default settings'}), sandbox limited to ${options.rate} requests/s: floor ${seconds(floorMs)} s (target <= 1.3)`,
				[
					['run ok', () => run.ok],
					['n8n process s', () => seconds(run.processMs)],
					['Sakari node s', () => seconds(run.nodeMs)],
					['node vs floor', () => (run.nodeMs / floorMs).toFixed(2)],
					['output items', () => run.items.length],
					['misplaced', () => misplaced],
					...common.filter(([name]) => !name.startsWith('peak')),
				],
				[seen],
			);
			if (run.error) console.log(`error: ${run.error}`);
		}
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
