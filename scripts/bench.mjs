#!/usr/bin/env node
// @ts-check
// `npm run bench [-- --only rate,bulk,large,cost,send --rows 2000 --large-rows 10000 --cost-rows 4000
//                    --send-rows 2000 --rate 50 --batch-sizes 1,5,10,50 --time-limit SECONDS --reverse]`
// The Sakari node beside n8n's HTTP Request node built by hand, both in the same real n8n (`n8n execute`, the
// runtime of scripts/runtime.mjs, its default isolated-vm expression engine) against the same sandbox
// (its own process; counted through its control API). Prints one table; docs/performance.md explains it.
// Cases (--only):
//   rate   --rows contacts at --rate requests/s: HTTP Request (token request, Batching at exactly the rate,
//          Retry On Fail) vs the Sakari node per row, defaults, and per row with Request Options → Batching
//          N items per 1 ms for each N of --batch-sizes (n8n then sends while it prepares the next rows)
//   bulk   the same rows with the node's Import in Bulk (`bulkImport: true`) vs the same HTTP Request run
//   large  --large-rows contacts with Import in Bulk at --rate: done, paired, time, n8n's peak RSS
//   cost   --cost-rows contacts, no rate limit: HTTP Request without batching vs the node per row (defaults, and
//          Batching at the smallest of --batch-sizes per 1 ms), ms per row
//   send   Message → Send to --send-rows numbers, one text, at --rate: HTTP Request (as in rate) vs the node per row
//          and with Send in Bulk (`bulkSend`): time, and Send in Bulk's requests vs per row
// --reverse runs the same runs in the opposite order (the HTTP Request builds last), so a load that changes during
// an invocation favours neither side when both orders are run.
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const n8n = require('./n8n');
const { startSandboxProcess } = require('./bench/sandbox.cjs');
const { credentialRef, prepareInstance, executeMeasured, nodesMs } = require('./bench/real-n8n.cjs');
const { phoneOf, sakariContactWorkflow, sakariSendWorkflow, httpRequestContactWorkflow, httpRequestSendWorkflow } = require('./bench/workflows.cjs');

const CASES = ['rate', 'bulk', 'large', 'cost', 'send'];

function parseArgs(argv) {
	const options = { only: CASES, rows: 2000, largeRows: 10_000, costRows: 4000, sendRows: 2000, rate: 50, batchSizes: [1, 5, 10, 50], timeLimitS: undefined, reverse: false };
	const counts = { '--rows': 'rows', '--large-rows': 'largeRows', '--cost-rows': 'costRows', '--send-rows': 'sendRows', '--rate': 'rate', '--time-limit': 'timeLimitS' };
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split('=');
		const value = () => inline ?? argv[++index];
		if (flag === '--reverse') options.reverse = true;
		else if (flag === '--only') {
			options.only = value().split(',');
			const unknown = options.only.filter((name) => !CASES.includes(name));
			if (unknown.length > 0) throw new Error(`--only: unknown case ${unknown.join(', ')} (cases: ${CASES.join(', ')})`);
		} else if (flag === '--batch-sizes') {
			options.batchSizes = value().split(',').map(Number);
			if (!options.batchSizes.every((size) => Number.isInteger(size) && size >= 1)) throw new Error('--batch-sizes: whole numbers above 0, comma-separated');
		} else if (counts[flag]) {
			const number = Number(value());
			if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} must be a whole number above 0`);
			options[counts[flag]] = number;
		} else throw new Error(`Unknown argument ${argv[index]} (see the top of scripts/bench.mjs)`);
	}
	return options;
}

/**
 * What the built node offers (dist/, as packed into n8n): whether the bulk parameters exist, and Message →
 * Send's parameter names, looked up by what the editor shows so a rename of the internal names needs no change here.
 */
function inspectNode() {
	const { Sakari } = require(join(n8n.ROOT, 'dist', 'nodes', 'Sakari', 'Sakari.node.js'));
	const properties = new Sakari().description.properties;
	const has = (name) => properties.some((property) => property.name === name);
	const sendField = (displayName) =>
		properties.find(
			(property) =>
				property.displayName === displayName &&
				property.displayOptions?.show?.resource?.includes('message') &&
				property.displayOptions?.show?.operation?.includes('send'),
		)?.name;
	return { bulkImport: has('bulkImport'), bulkSend: has('bulkSend'), send: { mobile: sendField('Mobile Number'), text: sendField('Message') } };
}

const batchedBuild = (size) => `Sakari node, per row, Batching ${size} per 1 ms`;

/** The runs the selected cases need, each `{ key, build, kind, rows, limited, workflow(credential, sandbox), outputNode, workNodes }`. */
function plan(options, node) {
	const runs = [];
	const add = (run) => {
		if (!runs.some((existing) => existing.key === run.key)) runs.push(run);
	};
	const sakariContact = (key, build, rows, limited, extraParameters) =>
		add({ key, build, kind: 'contact', rows, limited, outputNode: 'Sakari', workNodes: ['Sakari'], workflow: (id, credential) => sakariContactWorkflow({ id, rows, credential, extraParameters }) });
	const httpContact = (key, build, rows, limited) =>
		add({
			key,
			build,
			kind: 'contact',
			rows,
			limited,
			outputNode: 'Create',
			workNodes: ['Token', 'Create'],
			workflow: (id, _credential, sandbox) =>
				httpRequestContactWorkflow({ id, rows, sandbox, batching: limited ? { batchSize: options.rate, batchInterval: 1000 } : undefined }),
		});
	const sakariSend = (key, build, extraParameters) =>
		add({
			key,
			build,
			kind: 'send',
			rows: options.sendRows,
			limited: true,
			outputNode: 'Sakari',
			workNodes: ['Sakari'],
			workflow: (id, credential) => sakariSendWorkflow({ id, rows: options.sendRows, credential, names: node.send, extraParameters }),
		});
	const only = new Set(options.only);
	if (only.has('rate') || only.has('bulk')) httpContact('httpRate', `HTTP Request, Batching ${options.rate}/1000 ms, Retry On Fail`, options.rows, true);
	if (only.has('rate')) {
		sakariContact('sakariRate', 'Sakari node, per row, defaults', options.rows, true, {});
		for (const size of options.batchSizes) {
			sakariContact(`sakariRateBatched${size}`, batchedBuild(size), options.rows, true, {
				requestOptions: { batching: { batch: { batchSize: size, batchInterval: 1 } } },
			});
		}
	}
	if (only.has('bulk') && node.bulkImport) sakariContact('sakariBulk', 'Sakari node, Import in Bulk', options.rows, true, { bulkImport: true });
	if (only.has('large') && node.bulkImport) sakariContact('sakariLarge', 'Sakari node, Import in Bulk', options.largeRows, true, { bulkImport: true });
	if (only.has('cost')) {
		httpContact('httpCost', 'HTTP Request, no batching', options.costRows, false);
		sakariContact('sakariCost', 'Sakari node, per row, defaults', options.costRows, false, {});
		const finest = Math.min(...options.batchSizes);
		sakariContact('sakariCostBatched', batchedBuild(finest), options.costRows, false, {
			requestOptions: { batching: { batch: { batchSize: finest, batchInterval: 1 } } },
		});
	}
	if (only.has('send') && node.send.mobile && node.send.text) {
		add({
			key: 'httpSend',
			build: `HTTP Request, Batching ${options.rate}/1000 ms, Retry On Fail`,
			kind: 'send',
			rows: options.sendRows,
			limited: true,
			outputNode: 'Send',
			workNodes: ['Token', 'Send'],
			workflow: (id, _credential, sandbox) =>
				httpRequestSendWorkflow({ id, rows: options.sendRows, sandbox, batching: { batchSize: options.rate, batchInterval: 1000 } }),
		});
		sakariSend('sendRow', 'Sakari node, per row, defaults', {});
		if (node.bulkSend) sakariSend('sendBulk', 'Sakari node, Send in Bulk', { bulkSend: true });
	}
	return options.reverse ? runs.reverse() : runs;
}

/** A time limit per run: generous over the rate floor (or per row without a limit) plus n8n's start-up. */
function timeLimitMs(run, options) {
	if (options.timeLimitS) return options.timeLimitS * 1000;
	const workS = run.limited ? (4 * run.rows) / options.rate : 0.05 * run.rows;
	return Math.round((120 + workS) * 1000);
}

const numberOf = (json) =>
	json?.mobile?.number ?? json?.data?.[0]?.mobile?.number ?? json?.contact?.mobile?.number ?? json?.data?.messages?.[0]?.contact?.mobile?.number;

/** What the sandbox received and stored, and what n8n output, for one run. */
async function observe(sandbox, run, result) {
	const [stats, state] = await Promise.all([sandbox.stats(), sandbox.state()]);
	// Contacts created (or texted) per number: each row's number should appear exactly once.
	const seen = new Map();
	const stored = run.kind === 'send' ? state.messages.map((message) => message.contact.mobile.number) : state.contacts.map((contact) => contact.mobile.number);
	for (const number of stored) seen.set(number, (seen.get(number) ?? 0) + 1);
	let once = 0;
	for (let index = 0; index < run.rows; index++) if (seen.get(phoneOf(index)) === 1) once++;
	const items = n8n.nodeItems(result.run, run.outputNode);
	const paired = items.filter((item, index) => numberOf(item.json) === phoneOf(index) && item.pairedItem?.item === index).length;
	return {
		workMs: nodesMs(result.run, run.workNodes),
		apiRequests: stats.requests - stats.tokenRequests,
		tokenRequests: stats.tokenRequests,
		rateLimited: stats.rateLimited,
		once,
		outputs: items.length,
		paired,
		error: n8n.nodeError(result.run, run.outputNode)?.message ?? result.error,
	};
}

const seconds = (ms) => (ms === undefined ? '' : (ms / 1000).toFixed(1));
const times = (ratio) => (ratio === undefined || !Number.isFinite(ratio) ? '' : `${ratio.toFixed(2)}×`);
const verdict = (ok) => (ok === undefined ? '' : ok ? 'met' : 'NOT met');

/** The table's rows: each case's runs, with its comparison on the Sakari row. */
function tableRows(options, node, runs, results) {
	const rows = [];
	const get = (key) => results.get(key);
	const line = (caseName, key, extra = {}) => {
		const run = runs.find((candidate) => candidate.key === key);
		const result = get(key);
		if (!run || !result) return;
		const failed = !result.ok ? (result.timedOut ? `timed out (${seconds(timeLimitMs(run, options))} s limit)` : 'failed (see below)') : undefined;
		rows.push({
			case: caseName,
			build: run.build,
			rows: run.rows,
			time: failed ?? seconds(result.workMs),
			msPerRow: result.workMs === undefined ? '' : (result.workMs / run.rows).toFixed(2),
			requests: result.apiRequests,
			tokens: result.tokenRequests,
			'429s': result.rateLimited,
			once: `${result.once}/${run.rows}`,
			paired: `${result.paired}/${run.rows}`,
			rss: result.peakRssMb ?? '',
			load: result.loadAtStart,
			...extra,
		});
	};
	const missing = (caseName, build, parameter) => rows.push({ case: caseName, build, time: `n/a (node has no ${parameter} yet)` });
	const timeRatio = (key, baseKey) => (get(key)?.ok && get(baseKey)?.ok ? get(key).workMs / get(baseKey).workMs : undefined);
	const at = `${options.rate}/s`;
	const only = new Set(options.only);

	if (only.has('rate') || only.has('bulk')) line(`${options.rows} contacts at ${at}`, 'httpRate', { ratio: 'baseline' });
	if (only.has('rate')) {
		const ratio = timeRatio('sakariRate', 'httpRate');
		line(`${options.rows} contacts at ${at}`, 'sakariRate', { ratio: times(ratio), target: '≤ 1.0× time', met: verdict(ratio === undefined ? undefined : ratio <= 1) });
		for (const size of options.batchSizes) {
			const key = `sakariRateBatched${size}`;
			line(`${options.rows} contacts at ${at}`, key, { ratio: times(timeRatio(key, 'httpRate')), target: '(setting, no target)', met: '' });
		}
	}
	if (only.has('bulk')) {
		if (!node.bulkImport) missing(`${options.rows} contacts at ${at}`, 'Sakari node, Import in Bulk', 'bulkImport');
		else {
			const ratio = timeRatio('sakariBulk', 'httpRate');
			const result = get('sakariBulk');
			const ok = ratio === undefined ? undefined : ratio <= 0.35 && result.once === options.rows && result.tokenRequests === 1;
			line(`${options.rows} contacts at ${at}`, 'sakariBulk', { ratio: times(ratio), target: '≤ 0.35× time, each once, 1 token', met: verdict(ok) });
		}
	}
	if (only.has('large')) {
		if (!node.bulkImport) missing(`${options.largeRows} contacts at ${at}`, 'Sakari node, Import in Bulk', 'bulkImport');
		else {
			const result = get('sakariLarge');
			const ok = result.ok && result.once === options.largeRows && result.paired === options.largeRows;
			line(`${options.largeRows} contacts at ${at}`, 'sakariLarge', { target: 'done, paired', met: verdict(ok) });
		}
	}
	if (only.has('cost')) {
		line(`cost per row, ${options.costRows} contacts, no limit`, 'httpCost', { ratio: 'baseline' });
		const ratio = timeRatio('sakariCost', 'httpCost');
		line(`cost per row, ${options.costRows} contacts, no limit`, 'sakariCost', { ratio: times(ratio), target: '≤ 3× ms/row', met: verdict(ratio === undefined ? undefined : ratio <= 3) });
		line(`cost per row, ${options.costRows} contacts, no limit`, 'sakariCostBatched', {
			ratio: times(timeRatio('sakariCostBatched', 'httpCost')),
			target: '(setting, no target)',
			met: '',
		});
	}
	if (only.has('send')) {
		const caseName = `text ${options.sendRows} numbers at ${at}`;
		if (!node.send.mobile || !node.send.text) missing(caseName, 'Sakari node, Message → Send', 'Message → Send "Mobile Number"/"Message" field');
		else {
			line(caseName, 'httpSend', { ratio: 'baseline' });
			line(caseName, 'sendRow', { ratio: times(timeRatio('sendRow', 'httpSend')) });
			if (!node.bulkSend) missing(caseName, 'Sakari node, Send in Bulk', 'bulkSend');
			else {
				const base = get('sendRow');
				const bulk = get('sendBulk');
				const ok = base.ok && bulk.ok ? bulk.apiRequests * 20 <= base.apiRequests : undefined;
				const fewer = base.ok && bulk.ok && bulk.apiRequests > 0 ? `${bulk.apiRequests} vs ${base.apiRequests} per row` : '';
				line(caseName, 'sendBulk', { ratio: times(timeRatio('sendBulk', 'httpSend')), target: `≤ 1/20 requests (${fewer})`, met: verdict(ok) });
			}
		}
	}
	return rows;
}

const COLUMNS = [
	['case', 'case'],
	['build', 'build'],
	['rows', 'rows'],
	['time s', 'time'],
	['ms/row', 'msPerRow'],
	['vs baseline', 'ratio'],
	['target', 'target'],
	['target met', 'met'],
	['requests', 'requests'],
	['tokens', 'tokens'],
	['429s', '429s'],
	['rows done once', 'once'],
	['output paired', 'paired'],
	['n8n peak RSS MB', 'rss'],
	['load at start', 'load'],
];

function printTable(rows) {
	const cells = rows.map((row) => COLUMNS.map(([, key]) => String(row[key] ?? '')));
	const widths = COLUMNS.map(([name], index) => Math.max(name.length, ...cells.map((row) => row[index].length)));
	const format = (values) => `| ${values.map((value, index) => value.padEnd(widths[index])).join(' | ')} |`;
	console.log(format(COLUMNS.map(([name]) => name)));
	console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
	for (const row of cells) console.log(format(row));
}

const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const node = inspectNode();
	const { n8nVersion } = n8n.runtime();
	const runs = plan(options, node);
	console.log(`Sakari bench: n8n ${n8nVersion} (n8n execute), bench on Node ${process.version}, ${os.cpus().length} cores, load average at start ${load()}`);
	const results = new Map();
	if (runs.length > 0) {
		const sandbox = await startSandboxProcess();
		let instance;
		try {
			const credentials = runs.map((run, index) => credentialRef(index + 1, run.key));
			runs.forEach((run, index) => {
				run.id = `sakariBenchWf${String(index).padStart(3, '0')}`;
				run.imported = run.workflow(run.id, credentials[index], sandbox);
			});
			console.error(`[bench] preparing an n8n user folder with ${runs.length} workflows`);
			instance = await prepareInstance({ sandbox, credentials, workflows: runs.map((run) => run.imported) });
			for (const run of runs) {
				await sandbox.reset({ rateLimit: run.limited ? { perSecond: options.rate } : null });
				const limitMs = timeLimitMs(run, options);
				const loadAtStart = os.loadavg()[0].toFixed(2);
				console.error(`[bench] ${run.key}, ${run.build}: ${run.rows} rows${run.limited ? ` at ${options.rate}/s` : ''} (limit ${seconds(limitMs)} s, load ${load()})`);
				const result = await executeMeasured(instance.folder, run.id, { timeoutMs: limitMs });
				results.set(run.key, { ...result, ...(await observe(sandbox, run, result)), loadAtStart });
			}
		} finally {
			instance?.dispose();
			await sandbox.close();
		}
	}
	console.log(
		`\nEach row: one \`n8n execute\` run${options.reverse ? ' (run in reverse order, bottom up)' : ''}; time = n8n's executionTime of the nodes that call Sakari; load at start = 1-minute load average; load average at end ${load()}\n`,
	);
	printTable(tableRows(options, node, runs, results));
	const perRow = ['sakariRate', ...options.batchSizes.map((size) => `sakariRateBatched${size}`)].filter((key) => results.get(key)?.ok);
	if (perRow.length > 1) {
		const fastest = perRow.reduce((best, key) => (results.get(key).workMs < results.get(best).workMs ? key : best));
		console.log(`\nFastest per-row setting at ${options.rate}/s: ${runs.find((run) => run.key === fastest)?.build}`);
	}
	for (const run of runs) {
		const result = results.get(run.key);
		if (!result.ok || result.error) console.log(`\n${run.build} (${run.rows} rows): ${result.error ?? 'failed'}`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
