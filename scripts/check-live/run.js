// @ts-check
'use strict';
// `npm run check:live`: runs the package in real n8n against a Sakari account (or a sandbox) and holds every
// request and answer against the contract. Read-only unless asked: `--write` adds Contact → Create/Update/Delete
// of a number the user names (`--mobile`, never an existing contact) and a webhook subscribe/unsubscribe under a
// URL the user names (`--webhook-url`); only `--send NUMBER` sends a text.
const fs = require('node:fs');
const path = require('node:path');
const n8n = require('../n8n');
const { startProxy } = require('./proxy');
const { CREDENTIAL, readPart, contactParts, sendPart, webhookPart } = require('./checks');
const { redact, rowFor, skipped, table } = require('./report');

const DEFAULT_BASE_URL = 'https://api.sakari.io';
const REQUIRED = ['SAKARI_ACCOUNT_ID', 'SAKARI_CLIENT_ID', 'SAKARI_CLIENT_SECRET'];
const E164 = /^\+[1-9]\d{6,14}$/;

const USAGE = `npm run check:live -- [--write [--mobile +NUMBER] [--webhook-url https://…]] [--send +NUMBER] [--country XX] [--report FILE]

Runs this package in real n8n against your Sakari account and checks every answer against the contract
(sandbox/contract: Sakari's documented shapes). Read-only by default.
  environment  SAKARI_ACCOUNT_ID, SAKARI_CLIENT_ID, SAKARI_CLIENT_SECRET (Sakari → Settings → API);
               SAKARI_BASE_URL (optional, default ${DEFAULT_BASE_URL})
  --write      also create, update and delete a contact with --mobile (a number none of your contacts has),
               and subscribe then unsubscribe a webhook under --webhook-url (the base URL your n8n would use)
  --send       also send one text to this number (it costs a message)
  --country    ISO country of --mobile and --send when they are not in +E.164 (default US)
  --report     where to write the JSON report (default check-live-report.json)`;

/**
 * @param {string[]} argv
 * @returns {{write: boolean, mobile?: string, webhookUrl?: string, send?: string, country: string, report: string, help: boolean}}
 */
function parseArgs(argv) {
	const options = { write: false, country: 'US', report: 'check-live-report.json', help: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s);
		const value = () => {
			const next = inline ?? argv[++i];
			if (next === undefined || next === '') throw new Error(`${flag} needs a value`);
			return next;
		};
		if (flag === '--write') options.write = true;
		else if (flag === '--mobile') options.mobile = value();
		else if (flag === '--webhook-url') options.webhookUrl = value();
		else if (flag === '--send') options.send = value();
		else if (flag === '--country') options.country = value().toUpperCase();
		else if (flag === '--report') options.report = value();
		else if (flag === '--help' || flag === '-h') options.help = true;
		else throw new Error(`Unknown argument ${argv[i]}`);
	}
	for (const [flag, number] of [['--mobile', options.mobile], ['--send', options.send]]) {
		if (number !== undefined && !E164.test(number) && !/^[\d\s().-]{6,}$/.test(number)) throw new Error(`${flag} ${number}: not a phone number`);
	}
	if ((options.mobile || options.webhookUrl) && !options.write) throw new Error('--mobile and --webhook-url are for --write');
	if (options.webhookUrl) {
		const url = new URL(options.webhookUrl);
		if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('--webhook-url must be an http(s) URL');
	}
	if (!/^[A-Z]{2}$/.test(options.country)) throw new Error('--country must be a two-letter ISO code, like US or GB');
	return options;
}

/** What to set when the variables are missing (the check then exits 0). */
function missingVariables(env) {
	const missing = REQUIRED.filter((name) => !env[name]);
	return missing.length ? `check:live needs ${missing.join(', ')}.\n\n${USAGE}` : '';
}

/**
 * Runs the checks. `tarball` is a packed package (default: built and packed privately from this checkout).
 * @param {{accountId: string, clientId: string, clientSecret: string, baseUrl?: string}} account
 * @param {ReturnType<typeof parseArgs>} options
 * @param {{tarball?: string, log?: (line: string) => void}} [setup]
 */
async function runLiveCheck(account, options, { tarball, log = () => {} } = {}) {
	const baseUrl = (account.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
	const proxy = await startProxy(baseUrl);
	const secrets = new Set([account.clientSecret]);
	let packed = tarball ? null : n8n.packPrivately();
	let folder;
	/** @type {import('./report').Row[]} */
	const rows = [];
	try {
		log('preparing n8n (fresh user folder, the package, the credential)');
		folder = await n8n.freshUserFolder({ label: 'check-live', tarball: tarball ?? packed?.tarball });
		const credential = { ...CREDENTIAL, type: n8n.CREDENTIAL_TYPE, data: { accountId: account.accountId, clientId: account.clientId, clientSecret: account.clientSecret, baseUrl: proxy.url, accessToken: '' } };
		await n8n.importCredentials(folder, [credential]);
		const read = readPart({ proxyUrl: proxy.url, accountId: account.accountId });
		const contacts = options.write && options.mobile ? contactParts(options.mobile, options.country) : null;
		const send = options.send ? sendPart(options.send, options.country) : null;
		const hook = options.write && options.webhookUrl ? webhookPart() : null;
		await n8n.importWorkflows(folder, [read.workflow, ...(contacts ? [contacts.lookup, contacts.crud] : []), ...(send ? [send.workflow] : []), ...(hook ? [hook.workflow] : [])]);

		const execute = async (phase, workflow) => {
			proxy.setPhase(phase);
			log(`running "${workflow.name}" in n8n`);
			const result = await n8n.executeWorkflow(folder, workflow.id, { timeoutMs: 180_000 });
			return result.run ? { run: result.run } : { failure: `n8n execute failed (exit ${result.code}): ${result.output.slice(-600)}` };
		};

		const readOutcome = await execute('read', read.workflow);
		rows.push(...read.checks.map((check) => rowFor(check, proxy.exchanges, readOutcome)));

		if (!options.write) rows.push(skipped('Contact → Create, Update, Delete', 'read-only: add --write --mobile +NUMBER'));
		else if (!contacts) rows.push(skipped('Contact → Create, Update, Delete', 'needs --mobile +NUMBER (a number none of your contacts has)'));
		else {
			const lookup = await execute('lookup', contacts.lookup);
			const [lookupCheck, ...crudChecks] = contacts.checks;
			rows.push(rowFor(lookupCheck, proxy.exchanges, lookup));
			const found = lookup.run ? n8n.nodeItems(lookup.run, 'Contact → Get Many (number)').filter((item) => item.json?.id) : [];
			if (!lookup.run) rows.push(skipped('Contact → Create, Update, Delete', 'the number could not be looked up first'));
			else if (found.length) rows.push(skipped('Contact → Create, Update, Delete', `a contact with ${options.mobile} exists: pass a number none of your contacts has (this check deletes what it creates)`));
			else {
				const crud = await execute('contact', contacts.crud);
				rows.push(...crudChecks.map((check) => rowFor(check, proxy.exchanges, crud)));
			}
		}

		if (!options.write) rows.push(skipped('Webhook → Subscribe, Unsubscribe', 'read-only: add --write --webhook-url https://…'));
		else if (!hook) rows.push(skipped('Webhook → Subscribe, Unsubscribe', 'needs --webhook-url (the public base URL of an n8n)'));
		else rows.push(...(await webhookChecks(folder, proxy, hook, /** @type {string} */ (options.webhookUrl), log)));

		if (!send) rows.push(skipped('Message → Send', 'sends nothing unless --send +NUMBER'));
		else {
			const outcome = await execute('send', send.workflow);
			rows.push(...send.checks.map((check) => rowFor(check, proxy.exchanges, outcome)));
		}
	} finally {
		await proxy.close();
		if (folder) n8n.removeUserFolder(folder);
		if (packed) fs.rmSync(packed.stage, { recursive: true, force: true });
		packed = null;
	}
	const report = {
		tool: 'n8n-nodes-sakari npm run check:live',
		package: JSON.parse(fs.readFileSync(path.join(n8n.ROOT, 'package.json'), 'utf8')).version,
		n8n: n8n.runtime().n8nVersion,
		baseUrl: new URL(baseUrl).origin,
		checkedAt: new Date().toISOString(),
		options: { write: options.write, contact: Boolean(options.mobile), webhook: Boolean(options.webhookUrl), send: Boolean(options.send) },
		rows,
		exchanges: [...proxy.exchanges].sort((a, b) => a.seq - b.seq),
	};
	const text = redact(table(rows), secrets);
	const json = redact(JSON.stringify(report, null, 2), secrets);
	return { rows, text, json, ok: rows.every((row) => row.result === 'ok' || row.result === 'ok (1.0.1 shapes)' || row.result === 'skipped') };
}

/**
 * Publishes the Sakari Trigger in `n8n start` with the user's webhook base URL (so the trigger subscribes
 * `<url>/webhook/…`), then unpublishes it (it unsubscribes).
 */
async function webhookChecks(folder, proxy, hook, webhookUrl, log) {
	const base = webhookUrl.endsWith('/') ? webhookUrl : `${webhookUrl}/`;
	const [subscribeCheck, unsubscribeCheck] = hook.checks;
	const server = await n8n.startServer(folder, { logFile: path.join(folder, 'n8n.log'), env: { WEBHOOK_URL: base, N8N_WEBHOOK_URL: base } });
	const waitFor = async (phase, method) => {
		const deadline = Date.now() + 30_000;
		while (Date.now() < deadline) {
			if (proxy.exchanges.some((exchange) => exchange.phase === phase && exchange.method === method)) return;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	};
	/** @type {import('./report').Row[]} */
	const rows = [];
	try {
		await server.login();
		log(`publishing the Sakari Trigger (subscribes ${base}${hook.path})`);
		proxy.setPhase('subscribe');
		const { data } = await server.rest.expectOk('GET', `/rest/workflows/${hook.workflow.id}`);
		const published = await server.rest.request('POST', `/rest/workflows/${hook.workflow.id}/activate`, { versionId: data.versionId });
		await waitFor('subscribe', 'POST');
		const subscribeFailure = published.status >= 400 ? `publishing failed: ${JSON.stringify(published.json?.message ?? published.status)}` : undefined;
		rows.push(rowFor(subscribeCheck, proxy.exchanges, { run: {}, failure: subscribeFailure }));
		log('unpublishing it (unsubscribes)');
		proxy.setPhase('unsubscribe');
		const unpublished = await server.rest.request('POST', `/rest/workflows/${hook.workflow.id}/deactivate`, {});
		await waitFor('unsubscribe', 'DELETE');
		const unsubscribeFailure = unpublished.status >= 400 ? `unpublishing failed: ${JSON.stringify(unpublished.json?.message ?? unpublished.status)}` : undefined;
		rows.push(rowFor(unsubscribeCheck, proxy.exchanges, { run: {}, failure: unsubscribeFailure }));
	} finally {
		await server.stop();
	}
	return rows;
}

module.exports = { USAGE, DEFAULT_BASE_URL, parseArgs, missingVariables, runLiveCheck };
