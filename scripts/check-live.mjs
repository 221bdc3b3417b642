#!/usr/bin/env node
// @ts-check
// `npm run check:live`: the package in real n8n against your Sakari account, every answer held against the
// contract (see scripts/check-live/run.js and README › Check against your Sakari account). Prints one table and
// writes a JSON report; exits 0 when every check is ok (or without the variables, saying what to set), else 1.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { USAGE, parseArgs, missingVariables, runLiveCheck } = require('./check-live/run.js');

let options;
try {
	options = parseArgs(process.argv.slice(2));
} catch (error) {
	console.error(`${/** @type {Error} */ (error).message}\n\n${USAGE}`);
	process.exit(2);
}
if (options.help) {
	console.log(USAGE);
	process.exit(0);
}
const missing = missingVariables(process.env);
if (missing) {
	console.log(missing);
	process.exit(0);
}

const env = /** @type {Record<string, string>} */ (process.env);
const { text, json, ok } = await runLiveCheck(
	{ accountId: env.SAKARI_ACCOUNT_ID, clientId: env.SAKARI_CLIENT_ID, clientSecret: env.SAKARI_CLIENT_SECRET, baseUrl: env.SAKARI_BASE_URL },
	options,
	{ log: (line) => console.error(`[check:live] ${line}`) },
);
console.log(text);
fs.writeFileSync(options.report, `${json}\n`);
console.log(`\nReport: ${options.report} (no secrets or tokens in it). Attach it to a bug report.`);
process.exit(ok ? 0 : 1);
