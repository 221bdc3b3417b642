// @ts-check
'use strict';
// The live check's findings: one row per check (result, what differed from the contract), as a table for the
// terminal and as JSON for a bug report. Neither ever holds a secret: every known secret and anything shaped
// like a token is replaced before a line is written.

const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;

/**
 * Replaces the secrets (client secret, tokens, any secret an answer carried) and anything shaped like a JWT.
 * @param {string} text
 * @param {Iterable<string>} secrets
 */
function redact(text, secrets) {
	let out = String(text);
	for (const secret of secrets) {
		if (typeof secret === 'string' && secret.length >= 4) out = out.split(secret).join('[secret]');
	}
	return out.replace(JWT, '[token]');
}

/**
 * @typedef {import('./proxy').Exchange} Exchange
 * @typedef {import('./checks').Check} Check
 * @typedef {{check: string, result: 'ok' | 'ok (1.0.1 shapes)' | 'differs' | 'failed' | 'skipped', details: string[], sources: string[]}} Row
 */

/** An endpoint of the contract belongs to a check when its name is the check's or starts with it and " (". */
const belongs = (endpoint, names) => endpoint !== null && names.some((name) => endpoint === name || endpoint.startsWith(`${name} (`));

/**
 * The outcome of a node in a run: its error message, or null when it produced items without one.
 * @param {any} run
 * @param {string} node
 * @returns {string | null | undefined} undefined when the node did not run
 */
function nodeOutcome(run, node) {
	const task = run?.data?.resultData?.runData?.[node]?.[0];
	if (!task) return undefined;
	if (task.error) return String(task.error.message ?? task.error);
	for (const item of task.data?.main?.[0] ?? []) {
		const error = item.error ?? item.json?.error;
		if (error) return String(typeof error === 'string' ? error : error.message ?? JSON.stringify(error));
	}
	return null;
}

/**
 * One row: failed when the node failed or no exchange happened, differs when an exchange broke the contract,
 * otherwise ok (noting when the answers matched OpenAPI 1.0.1's shapes rather than today's).
 * @param {Check} check
 * @param {Exchange[]} exchanges
 * @param {{run?: any, failure?: string}} outcome `failure`: why the part itself did not run
 * @returns {Row}
 */
function rowFor(check, exchanges, { run, failure }) {
	const mine = exchanges.filter((exchange) => exchange.phase === check.phase && belongs(exchange.endpoint, check.endpoints));
	const details = [];
	const sources = new Set();
	for (const exchange of mine) {
		for (const problem of exchange.problems) details.push(`${exchange.method} ${exchange.path} → ${exchange.status}: ${problem}`);
		if (exchange.problems.length && exchange.source) sources.add(exchange.source);
	}
	const refused = (exchange) => exchange.status === 0 || exchange.status >= 400;
	const answered = (exchange) => `${exchange.method} ${exchange.path} answered ${exchange.status || 'nothing'}`;
	// Without a node to ask, the last exchange tells (the trigger may try one way, then another).
	const last = mine[mine.length - 1];
	const nodeError = failure ?? (check.node ? nodeOutcome(run, check.node) : null);
	let result = /** @type {Row['result']} */ ('ok');
	if (nodeError !== null || mine.length === 0 || (!check.node && refused(last))) {
		result = 'failed';
		if (nodeError) details.unshift(nodeError);
		else if (nodeError === undefined) details.unshift(`the node ${check.node} did not run`);
		else if (mine.length === 0) details.unshift('no request for it reached Sakari');
		else details.unshift(answered(last));
	} else if (details.length) result = 'differs';
	else if (mine.some((exchange) => exchange.shape === '1.0.1')) result = 'ok (1.0.1 shapes)';
	// Refused exchanges the row does not already name (a retry, the trigger's second way to unsubscribe).
	const named = details[0] === answered(last ?? {}) ? last : null;
	details.push(...mine.filter((exchange) => refused(exchange) && exchange !== named).map((exchange) => `(${answered(exchange)})`));
	return { check: check.name, result, details, sources: [...sources] };
}

/**
 * @param {string} check
 * @param {string} reason
 * @returns {Row}
 */
const skipped = (check, reason) => ({ check, result: 'skipped', details: [reason], sources: [] });

/**
 * The table the terminal shows: check, result, what differed (one line per difference).
 * @param {Row[]} rows
 */
function table(rows) {
	const width = Math.max(5, ...rows.map((row) => row.check.length));
	const resultWidth = Math.max(6, ...rows.map((row) => row.result.length));
	const line = (a, b, c) => `${a.padEnd(width)}  ${b.padEnd(resultWidth)}  ${c}`.trimEnd();
	const out = [line('check', 'result', 'what differed from the contract'), line('-'.repeat(width), '-'.repeat(resultWidth), '-'.repeat(31))];
	for (const row of rows) {
		const [first = '', ...rest] = row.details;
		out.push(line(row.check, row.result, first));
		for (const detail of rest) out.push(line('', '', detail));
		for (const source of row.sources) out.push(line('', '', `see ${source}`));
	}
	return out.join('\n');
}

module.exports = { redact, rowFor, skipped, table, nodeOutcome };
