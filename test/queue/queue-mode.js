// @ts-check
'use strict';
// `npm run test:queue`: this package in n8n's queue mode, the way n8n scales out. PostgreSQL and Redis (Debian
// packages), an n8n main process and two workers (each with its own user folder holding the packed package as
// n8n installs community packages), and the Sakari sandbox limited to 50 requests/s shared by all. Checks:
// 1. four webhook-started executions of 500 Contact → Create rows each, at once: every execution succeeds on a
//    worker, every contact is created once, and no more token requests than worker processes;
// 2. the access token expires mid-run (the sandbox expires it while both workers use it): each worker renews
//    it at most once and no execution fails;
// 3. Sakari Trigger: publishing subscribes once, deliveries reach the main process and run on workers,
//    unpublishing unsubscribes.
// Prints one summary line; exits 1 on the first failed check. Everything listens on 127.0.0.1, every process
// and temporary folder is removed at the end, and the whole run is bounded.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const n8n = require('../../scripts/n8n');
const { startSandbox } = require('../../sandbox/server');
const { CREDENTIALS, credentialsFor, node, sakari, workflow } = require('../e2e/workflows');
const { ensureDebianPackages, startPostgres, startRedis } = require('./services');

const WORKERS = 2;
const EXECUTIONS = 4;
const ROWS = 500;
const RATE_PER_SECOND = 50;
const TIME_LIMIT_MS = 20 * 60_000;
const PROCESS_LIFETIME_MS = TIME_LIMIT_MS + 60_000;

const LOAD_WORKFLOW = 'sakariQueueLoad1';
const LOAD_PATH = 'sakari-queue-load';
const TRIGGER_WORKFLOW = 'sakariQueueTrig1';
const TRIGGER_TYPE = `${n8n.PACKAGE_NAME}.sakariTrigger`;

/** @param {string} message */
const say = (message) => process.stderr.write(`[queue] ${message}\n`);
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Distinct valid US mobile numbers, `ROWS` per batch (none ends in 0000, which the sandbox treats as a landline). */
const mobile = (/** @type {number} */ batch, /** @type {number} */ row) => `+1347${6100001 + batch * 1000 + row}`;
const batchRows = (/** @type {number} */ batch) =>
	Array.from({ length: ROWS }, (_, row) => ({ phone: mobile(batch, row), first: `Queue${batch}-${row}` }));

function workflows() {
	const webhook = node(
		'Webhook',
		'n8n-nodes-base.webhook',
		2,
		{ httpMethod: 'POST', path: LOAD_PATH, responseMode: 'onReceived', options: {} },
		[0, 0],
		{ webhookId: '6f1d2c3b-4a5e-4f60-8a7b-8c9d0e1f2a3b' },
	);
	const split = node('Rows', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'body.rows', options: {} }, [220, 0]);
	const create = sakari('Create contact', { mobileNumber: '={{ $json.phone }}', additionalFields: { firstName: '={{ $json.first }}' } }, [440, 0]);
	const load = workflow(LOAD_WORKFLOW, 'Queue: create contacts from a webhook', [webhook, split, create], [
		['Webhook', 'Rows'],
		['Rows', 'Create contact'],
	]);
	const trigger = node(
		'Sakari Trigger',
		TRIGGER_TYPE,
		1,
		{ events: ['message-received'], simplify: true, options: {} },
		[0, 0],
		{ webhookId: '7a2e3d4c-5b6f-4a71-9b8c-9d0e1f2a3b4c', credentials: { [n8n.CREDENTIAL_TYPE]: CREDENTIALS.main } },
	);
	return [load, workflow(TRIGGER_WORKFLOW, 'Queue: Sakari Trigger', [trigger], [])];
}

/** Everything started, stopped in reverse order at the end whatever happens. */
const cleanup = [];
async function stopAll() {
	for (const step of cleanup.reverse()) await step().catch((error) => say(`cleanup: ${error.message}`));
	cleanup.length = 0;
}

function temporaryFolder(/** @type {string} */ label) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), `sakari-queue-${label}-`));
	cleanup.push(async () => n8n.removeUserFolder(folder));
	return folder;
}

async function main() {
	const started = Date.now();
	ensureDebianPackages();
	const { n8nVersion } = n8n.runtime();
	const tarball = n8n.packPackage(temporaryFolder('pack'));

	const sandbox = await startSandbox({ port: 0, rateLimit: { perSecond: RATE_PER_SECOND } });
	cleanup.push(() => sandbox.close());
	const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
	cleanup.push(postgres.stop, redis.stop);
	say(`sandbox ${sandbox.url} (${RATE_PER_SECOND} req/s), PostgreSQL :${postgres.port}, Redis :${redis.port}`);

	// What every n8n process of the instance shares (as on separate machines: same database, Redis and key).
	const queueEnv = {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
	};
	// Each process has its own user folder with the package installed from the tarball.
	const mainFolder = temporaryFolder('main');
	const workerFolders = Array.from({ length: WORKERS }, (_, index) => temporaryFolder(`worker${index + 1}`));
	for (const folder of [mainFolder, ...workerFolders]) n8n.installPackage(folder, tarball);

	// The first CLI command migrates the empty database.
	await n8n.importCredentials(mainFolder, credentialsFor(sandbox), { env: queueEnv, timeoutMs: 300_000 });
	await n8n.importWorkflows(mainFolder, workflows(), { env: queueEnv });
	const main = await n8n.startServer(mainFolder, {
		env: queueEnv,
		logFile: path.join(mainFolder, 'n8n-main.log'),
		maxLifetimeMs: PROCESS_LIFETIME_MS,
	});
	cleanup.push(() => main.stop());
	await main.setupOwner();
	await main.login();
	const workers = await Promise.all(
		workerFolders.map((folder, index) =>
			n8n.startWorker(folder, { env: queueEnv, logFile: path.join(folder, `n8n-worker${index + 1}.log`), maxLifetimeMs: PROCESS_LIFETIME_MS }),
		),
	);
	for (const worker of workers) cleanup.push(() => worker.stop());
	say(`n8n ${n8nVersion}: main ${main.url} and ${WORKERS} workers up after ${seconds(started)} s`);

	/** Which worker's log says it started each execution (`Worker started execution <id>`). */
	const workerOf = (/** @type {string} */ executionId) => {
		const index = workers.findIndex((worker) =>
			new RegExp(`Worker started execution ${executionId}\\b`).test(fs.readFileSync(/** @type {string} */ (worker.logFile), 'utf8')),
		);
		return index < 0 ? undefined : index + 1;
	};
	const onWorkers = (/** @type {{ id: string }[]} */ executions) => {
		const where = executions.map((execution) => workerOf(execution.id));
		assert.ok(where.every(Boolean), `executions not started by a worker: ${executions.filter((_, i) => !where[i]).map((e) => e.id)}`);
		return Array.from({ length: WORKERS }, (_, index) => where.filter((worker) => worker === index + 1).length);
	};

	/** Waits until the workflow has `count` finished executions; returns them. */
	async function finishedExecutions(/** @type {string} */ workflowId, /** @type {number} */ count, timeoutMs = 300_000) {
		let finished = [];
		await n8n.waitFor(
			async () => {
				const list = await main.executions(workflowId);
				finished = list.filter((execution) => ['success', 'error', 'crashed', 'canceled'].includes(execution.status));
				return finished.length >= count;
			},
			{ timeoutMs, intervalMs: 500, what: `${count} finished executions of ${workflowId}` },
		);
		return finished;
	}

	/** POSTs to the published webhook; a 404 means n8n has not registered it yet (nothing started): try again. */
	async function startLoad(/** @type {number} */ batch) {
		const deadline = Date.now() + 30_000;
		for (;;) {
			const response = await fetch(`${main.url}/webhook/${LOAD_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ rows: batchRows(batch) }),
				signal: AbortSignal.timeout(30_000),
			});
			if (response.status === 200) return;
			if (response.status !== 404 || Date.now() > deadline) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
			await sleep(250);
		}
	}

	const tokenRequests = () => Number(sandbox.stats().tokenRequests);
	const contactCreates = () => sandbox.requests().filter((request) => request.method === 'POST' && /\/contacts$/.test(request.path));
	/** Asserts that each batch's numbers were each created by exactly one successful request. */
	function assertCreatedOnce(/** @type {number[]} */ batches) {
		const created = new Map();
		for (const request of contactCreates()) {
			if (request.status < 200 || request.status >= 300) continue;
			const number = request.body?.mobile?.number;
			created.set(number, (created.get(number) ?? 0) + 1);
		}
		const expected = batches.flatMap((batch) => batchRows(batch).map((row) => row.phone));
		const missing = expected.filter((number) => !created.has(number));
		const twice = expected.filter((number) => created.get(number) > 1);
		assert.deepEqual({ missing: missing.length, twice: twice.length }, { missing: 0, twice: 0 }, `missing ${missing.slice(0, 5)}, twice ${twice.slice(0, 5)}`);
		const stored = new Set(sandbox.state().contacts.map((contact) => contact.mobile?.number));
		assert.ok(expected.every((number) => stored.has(number)), 'a created contact is missing from the sandbox');
		return expected.length;
	}

	// 1. Four executions of 500 rows at once, 50 requests/s for all of them.
	await activate(main, LOAD_WORKFLOW);
	sandbox.clearRequests();
	const tokensBefore = tokenRequests();
	const loadStarted = Date.now();
	await Promise.all(Array.from({ length: EXECUTIONS }, (_, batch) => startLoad(batch)));
	const loadRuns = await finishedExecutions(LOAD_WORKFLOW, EXECUTIONS);
	const loadSeconds = seconds(loadStarted);
	assert.deepEqual(loadRuns.map((execution) => execution.status), Array(EXECUTIONS).fill('success'), 'every execution succeeds');
	const perWorker = onWorkers(loadRuns);
	const contacts = assertCreatedOnce([0, 1, 2, 3]);
	const loadTokens = tokenRequests() - tokensBefore;
	assert.ok(loadTokens <= WORKERS, `${loadTokens} token requests for ${WORKERS} worker processes`);
	const limited = contactCreates().filter((request) => request.status === 429).length;
	say(`${contacts} contacts in ${loadSeconds} s, ${limited} answers 429 retried, ${loadTokens} token requests, executions per worker ${perWorker}`);

	// 2. The access token expires mid-run: once 150 creates of this run went through, the sandbox expires every
	//    token it issued (the one each worker process holds, and the one n8n stored in the credential). Each
	//    worker renews it at most once for all its executions, and nothing fails.
	sandbox.clearRequests();
	const tokensBeforeExpiry = tokenRequests();
	const expiryBatches = [4, 5];
	await Promise.all(expiryBatches.map((batch) => startLoad(batch)));
	await n8n.waitFor(async () => contactCreates().filter((request) => request.status === 201).length >= 150, {
		timeoutMs: 120_000,
		intervalMs: 50,
		what: '150 creates before the token expiry',
	});
	const expiredAt = Math.max(...sandbox.requests().map((request) => request.seq));
	sandbox.expireTokens();
	const allRuns = await finishedExecutions(LOAD_WORKFLOW, EXECUTIONS + expiryBatches.length);
	const expiryRuns = allRuns.filter((execution) => !loadRuns.some((run) => run.id === execution.id));
	assert.deepEqual(expiryRuns.map((execution) => execution.status), ['success', 'success'], 'executions around the expiry succeed');
	const expiryPerWorker = onWorkers(expiryRuns);
	const rejected = contactCreates().filter((request) => request.status === 401);
	assert.ok(rejected.length >= 1, 'the expired token was used (and refused) after the expiry');
	const renewals = tokenRequests() - tokensBeforeExpiry;
	assert.ok(renewals >= 1 && renewals <= WORKERS, `the token is renewed once per worker at most (${renewals} token requests for ${WORKERS} workers)`);
	assertCreatedOnce(expiryBatches);
	const afterExpiry = contactCreates().filter((request) => request.seq > expiredAt && request.status === 201);
	say(
		`token expired mid-run: ${rejected.length} request(s) refused with it, ${renewals} token request(s), ` +
			`${afterExpiry.length} creates after it, both executions succeeded (per worker ${expiryPerWorker})`,
	);

	// 3. Sakari Trigger: subscribed once by the main process, deliveries run on workers, unsubscribed once.
	sandbox.clearRequests();
	const hookRequests = (/** @type {string} */ method) =>
		sandbox.requests().filter((request) => request.method === method && /\/webhooks(\/|$)/.test(request.path));
	const triggerUrl = `${main.url}/webhook/7a2e3d4c-5b6f-4a71-9b8c-9d0e1f2a3b4c/webhook`;
	await activate(main, TRIGGER_WORKFLOW);
	await n8n.waitFor(async () => sandbox.state().webhooks.some((hook) => hook.url === triggerUrl), {
		timeoutMs: 30_000,
		what: 'the Sakari subscription',
	});
	await sleep(3000); // long enough for a second subscriber (a worker) to show up if there were one
	assert.equal(hookRequests('POST').length, 1, 'publishing subscribes once');
	assert.equal(sandbox.state().webhooks.length, 1, 'one subscription');
	const deliveries = [];
	for (let index = 0; index < 3; index++) deliveries.push(...(await sandbox.deliverWebhook('message-received')).deliveries);
	assert.deepEqual(deliveries.map((delivery) => [delivery.url, delivery.status]), Array(3).fill([triggerUrl, 200]), 'deliveries reach the main process');
	const triggerRuns = await finishedExecutions(TRIGGER_WORKFLOW, 3, 60_000);
	assert.deepEqual(triggerRuns.map((execution) => execution.status), ['success', 'success', 'success'], 'trigger executions succeed');
	const triggerPerWorker = onWorkers(triggerRuns);
	await main.rest.expectOk('POST', `/rest/workflows/${TRIGGER_WORKFLOW}/deactivate`, {});
	await n8n.waitFor(async () => sandbox.state().webhooks.length === 0, { timeoutMs: 30_000, what: 'the subscription to go' });
	assert.equal(hookRequests('DELETE').length, 1, 'unpublishing unsubscribes once');

	return (
		`queue mode OK (n8n ${n8nVersion}, main + ${WORKERS} workers, PostgreSQL, Redis; ${seconds(started)} s): ` +
		`${EXECUTIONS}×${ROWS} contacts created once in ${loadSeconds} s at ≤${RATE_PER_SECOND} req/s (${limited} × 429 retried), ` +
		`${EXECUTIONS}/${EXECUTIONS} executions succeeded on workers (${perWorker.join('+')}), ${loadTokens} token request(s) for ${WORKERS} workers; ` +
		`token expired mid-run → ${renewals} renewal(s) for ${WORKERS} workers, ${expiryBatches.length}/${expiryBatches.length} executions succeeded; ` +
		`trigger subscribed once, ${triggerRuns.length} deliveries via main ran on workers (${triggerPerWorker.join('+')}), unsubscribed once`
	);
}

/** Publishes a workflow as the editor does (n8n 2.x: activate the current version). */
async function activate(/** @type {{ rest: import('../../scripts/n8n/rest').RestClient }} */ server, /** @type {string} */ workflowId) {
	const { data } = await server.rest.expectOk('GET', `/rest/workflows/${workflowId}`);
	await server.rest.expectOk('POST', `/rest/workflows/${workflowId}/activate`, { versionId: data.versionId });
}

const seconds = (/** @type {number} */ since) => Math.round((Date.now() - since) / 100) / 10;

/** @returns {Promise<never>} */
const timeLimit = () =>
	sleep(TIME_LIMIT_MS).then(() => {
		throw new Error(`queue-mode test exceeded ${TIME_LIMIT_MS / 60_000} min`);
	});

Promise.race([main(), timeLimit()])
	.then(async (summary) => {
		await stopAll();
		process.stdout.write(`${summary}\n`);
		process.exit(0);
	})
	.catch(async (error) => {
		say(`FAILED: ${error.stack ?? error.message}`);
		await stopAll();
		process.stdout.write(`queue mode FAILED: ${String(error.message).split('\n')[0]}\n`);
		process.exit(1);
	});
