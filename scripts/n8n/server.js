// @ts-check
'use strict';
// `n8n start` on 127.0.0.1: the editor and REST API, with a handle to log in, read executions and stop it.
const fs = require('node:fs');
const path = require('node:path');
const { OWNER } = require('./fixtures');
const { freePort, listenerProcessGroup, log, spawnService, waitFor } = require('./processes');
const { RestClient } = require('./rest');
const { n8nEnv, runtime } = require('./runtime');

/**
 * `n8n start` on 127.0.0.1 with free ports (unless `port` is given); resolves once the REST API answers. The returned handle has
 * `url`, `rest` (a RestClient), `setupOwner()`, `login()`, `testCredential()` and `stop()`.
 * @param {string} userFolder
 * @param {{ port?: number, logFile?: string, env?: Record<string, string>, startTimeoutMs?: number,
 *   maxLifetimeMs?: number, stdio?: import('node:child_process').StdioOptions }} [options]
 */
async function startServer(
	userFolder,
	{ port, logFile, env = {}, startTimeoutMs = 120_000, maxLifetimeMs, stdio } = {},
) {
	const { n8nBin } = runtime();
	const httpPort = port ?? (await freePort());
	const brokerPort = await freePort();
	const service = spawnService(n8nBin, ['start'], {
		cwd: userFolder,
		env: n8nEnv(userFolder, {
			N8N_PORT: String(httpPort),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_WEBHOOK_URL: `http://127.0.0.1:${httpPort}/`,
			...env,
		}),
		logFile,
		maxLifetimeMs,
		stdio,
	});
	const url = `http://127.0.0.1:${httpPort}`;
	const rest = new RestClient(url);
	/**
	 * Seen under heavy load right after start (2.41.1, also in queue mode): /rest/settings answers while other
	 * controllers are not mounted yet (a 404 "Cannot POST"), a 503 "Database is not ready" (a restart on an existing
	 * folder), or a 200 without the JSON body. Retry those briefly (30 x 1 s), then explain.
	 * @param {string} method @param {string} route @param {unknown} body @param {(json: any) => boolean} answered
	 */
	async function untilMounted(method, route, body, answered) {
		for (let attempt = 1; ; attempt++) {
			const response = await rest.request(method, route, body);
			if (response.status < 400 && answered(response.json)) return response.json.data;
			const transient = response.status === 404 || response.status === 503 || response.status < 400;
			if (!transient || attempt >= 30) {
				const listener = listenerProcessGroup(httpPort);
				throw new Error(
					`${method} ${route} answered ${response.status} (n8n pid ${service.pid} ${service.exited() ? 'exited' : 'running'}, ` +
						`port ${httpPort} held by process group ${listener ?? 'unknown'}): ${response.text.slice(0, 300)}`,
				);
			}
			log(`${method} ${route} on ${url} answered ${response.status} without its data (attempt ${attempt}); retrying`);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
	const server = {
		url,
		port: httpPort,
		pid: service.pid,
		userFolder,
		rest,
		logFile,
		exit: service.exit,
		stop: service.stop,
		async setupOwner(owner = OWNER) {
			return await untilMounted('POST', '/rest/owner/setup', owner, (json) => json?.data !== undefined);
		},
		async login(owner = OWNER) {
			const body = { emailOrLdapLoginId: owner.email, password: owner.password };
			return await untilMounted('POST', '/rest/login', body, (json) => Boolean(json?.data));
		},
		/** A workflow's executions as the Executions list shows them, newest first. */
		async executions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			return (await rest.expectOk('GET', `/rest/executions?filter=${filter}`)).data.results;
		},
		/** One execution's `resultData` (`runData[node][0].data.main[0]` are a node's output items, `error`). */
		async executionResult(executionId) {
			const { data } = await rest.expectOk('GET', `/rest/executions/${executionId}`);
			// The REST API returns execution data in n8n's "flatted" form; n8n ships the parser.
			const flatted = require(path.join(runtime().dir, 'node_modules', 'flatted'));
			return (typeof data.data === 'string' ? flatted.parse(data.data) : data.data).resultData;
		},
		/** The editor's "Test" button: `{status: 'OK' | 'Error', message}` for a stored credential and edited data. */
		async testCredential(credential) {
			return (await rest.expectOk('POST', '/rest/credentials/test', { credentials: credential })).data;
		},
	};
	try {
		await waitFor(
			async () => {
				const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
				if (health.status !== 200) return false;
				// /healthz answers before every controller is mounted: wait for the REST API too.
				const settings = await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(2000) });
				if (settings.status !== 200) return false;
				const editor = await fetch(`${url}/`, { headers: { accept: 'text/html' }, signal: AbortSignal.timeout(2000) });
				return editor.status === 200;
			},
			{ timeoutMs: startTimeoutMs, what: `n8n on ${url}`, gaveUp: service.exited },
		);
		// A free port is only free when checked: make sure the n8n answering is this one, not another process's.
		const owner = listenerProcessGroup(httpPort);
		if (owner !== undefined && owner !== service.pid) {
			throw new Error(`port ${httpPort} is held by another process (group ${owner})`);
		}
	} catch (error) {
		await server.stop();
		const tail = logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : '';
		throw new Error(`n8n start failed: ${service.exited() ? 'the process exited' : /** @type {Error} */ (error).message}\n${tail}`);
	}
	return server;
}

/**
 * `n8n worker` (queue mode: `env` carries the shared database, Redis and EXECUTIONS_MODE=queue); resolves once its
 * health check answers. The handle has `pid`, `logFile`, `exit` and `stop()`.
 * @param {string} userFolder
 * @param {{ logFile?: string, env?: Record<string, string>, concurrency?: number, startTimeoutMs?: number,
 *   maxLifetimeMs?: number }} [options]
 */
async function startWorker(userFolder, { logFile, env = {}, concurrency = 5, startTimeoutMs = 120_000, maxLifetimeMs } = {}) {
	const { n8nBin } = runtime();
	const healthPort = await freePort();
	const service = spawnService(n8nBin, ['worker', `--concurrency=${concurrency}`], {
		cwd: userFolder,
		env: n8nEnv(userFolder, {
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			...env,
		}),
		logFile,
		maxLifetimeMs,
	});
	const worker = { pid: service.pid, userFolder, logFile, exit: service.exit, stop: service.stop };
	try {
		await waitFor(
			async () => (await fetch(`http://127.0.0.1:${healthPort}/healthz`, { signal: AbortSignal.timeout(2000) })).status === 200,
			{ timeoutMs: startTimeoutMs, what: `n8n worker health check on port ${healthPort}`, gaveUp: service.exited },
		);
	} catch (error) {
		await service.stop();
		const tail = logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : '';
		throw new Error(`n8n worker failed: ${service.exited() ? 'the process exited' : /** @type {Error} */ (error).message}\n${tail}`);
	}
	return worker;
}

module.exports = { startServer, startWorker };
