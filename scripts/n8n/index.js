// @ts-check
'use strict';
// Drives real n8n (the runtime cached by scripts/runtime.mjs) for the end-to-end tests and `npm start`:
// user folders copied from a pre-migrated template, this package installed the way n8n installs a community
// package, CLI imports and runs, and an `n8n start` server with an owner account. Everything listens on
// 127.0.0.1; every child process has a time limit and is killed when this process exits.
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const RUNTIME_SCRIPT = path.join(ROOT, 'scripts', 'runtime.mjs');
const PACKAGE_NAME = 'n8n-nodes-sakari';
const NODE_TYPE = `${PACKAGE_NAME}.sakari`;
const CREDENTIAL_TYPE = 'sakariOAuth2Api';

// The throwaway local instance's login and encryption key: nothing they protect leaves 127.0.0.1.
const OWNER = Object.freeze({
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'SakariDemo1',
});
const ENCRYPTION_KEY = 'n8n-nodes-sakari-local-instance';
// Bump when the template's recipe changes, so a stale cached template is not reused.
const TEMPLATE_RECIPE = 'owner-v1';

const live = new Set();
process.on('exit', () => {
	for (const child of live) killGroup(child, 'SIGKILL');
});

function log(message) {
	process.stderr.write(`[n8n] ${message}\n`);
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

let cachedRuntime;
/** Installs the runtime when missing (progress on stderr) and returns where it is. */
function runtime() {
	if (cachedRuntime) return cachedRuntime;
	const result = spawnSync(process.execPath, [RUNTIME_SCRIPT], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
		timeout: 30 * 60_000,
	});
	if (result.status !== 0) {
		throw new Error(`scripts/runtime.mjs failed (exit ${result.status}${result.signal ? `, ${result.signal}` : ''})`);
	}
	const n8nBin = result.stdout.trim().split('\n').pop() ?? '';
	const dir = path.dirname(path.dirname(n8nBin));
	const n8nVersion = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
	cachedRuntime = { n8nBin, nodeBin: path.join(dir, 'bin', 'node'), dir, cacheBase: path.dirname(dir), n8nVersion };
	return cachedRuntime;
}

const handedOut = new Set();
/** A port free on 127.0.0.1 now, never one this process handed out before (n8n's HTTP and broker ports differ). */
async function freePort() {
	for (;;) {
		const port = await kernelFreePort();
		if (handedOut.has(port)) continue;
		handedOut.add(port);
		return port;
	}
}

async function kernelFreePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/** The environment of an n8n process: only this folder's settings, none inherited from the caller's n8n. */
function n8nEnv(userFolder, extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		// NODE_ENV=test (set by jest) makes n8n refuse to load nodes; the rest would configure another n8n.
		if (!/^(N8N_|DB_|EXECUTIONS_|QUEUE_|npm_|JEST_|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$|WEBHOOK_URL$)/.test(key)) {
			env[key] = value;
		}
	}
	const noProxy = [env.NO_PROXY || env.no_proxy, '127.0.0.1', 'localhost'].filter(Boolean).join(',');
	return {
		...env,
		NO_PROXY: noProxy,
		no_proxy: noProxy,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		EXECUTIONS_DATA_PRUNE: 'false',
		...extra,
	};
}

/**
 * Runs `n8n <args>` on a user folder; resolves with its exit code and output (never rejects on a non-zero exit).
 * A distinct task-runner broker port lets several n8n processes run at once.
 */
async function runCli(userFolder, args, { timeoutMs = 120_000, env = {} } = {}) {
	const { n8nBin } = runtime();
	const brokerPort = await freePort();
	const started = Date.now();
	return await new Promise((resolve, reject) => {
		// coreutils `timeout` bounds the command even if this process dies without cleaning up.
		const child = spawn('timeout', ['--kill-after=5', `${Math.ceil(timeoutMs / 1000) + 5}`, n8nBin, ...args], {
			cwd: userFolder,
			env: n8nEnv(userFolder, { N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env }),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		live.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			killGroup(child, 'SIGKILL');
			reject(new Error(`n8n ${args[0]} timed out after ${timeoutMs} ms\n${stderr.slice(-2000)}`));
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			live.delete(child);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			live.delete(child);
			// The task runner lives in the same process group: make sure nothing outlives the command.
			killGroup(child, 'SIGKILL');
			resolve({ code, stdout, stderr, ms: Date.now() - started });
		});
	});
}

async function runCliOrThrow(userFolder, args, options) {
	const result = await runCli(userFolder, args, options);
	if (result.code !== 0) {
		throw new Error(`n8n ${args.join(' ')} exited ${result.code}\n${(result.stdout + result.stderr).slice(-3000)}`);
	}
	return result;
}

/**
 * The package as npm would publish it (`files: ["dist"]`): run `npm run build` first. The e2e global setup
 * packs once and passes the tarball in SAKARI_E2E_TARBALL, so every test file installs the same build.
 * A tarball packed here lives in a temporary folder of its own: the caller removes `path.dirname(tarball)`.
 */
function packPackage(destination) {
	const shared = process.env.SAKARI_E2E_TARBALL;
	if (!destination && shared && fs.existsSync(shared)) return shared;
	destination ??= fs.mkdtempSync(path.join(os.tmpdir(), 'sakari-pack-'));
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Sakari', 'Sakari.node.js'))) {
		throw new Error('dist/ has no built node: run `npm run build` first');
	}
	const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 60_000,
	});
	const [{ filename }] = JSON.parse(out.slice(out.indexOf('[')));
	return path.join(destination, path.basename(filename));
}

/**
 * Installs the packed package into `<userFolder>/.n8n/nodes` the way n8n's community-package installer does:
 * the tarball unpacked into node_modules, dev/peer dependencies dropped (so `n8n-workflow` resolves to n8n's
 * own copy, never this repo's devDependency) and the package listed in the folder's package.json.
 */
function installPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { timeout: 60_000 });
	const manifestPath = path.join(target, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		fs.readFileSync(manifestPath, 'utf8'),
	);
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: manifest.version } }, null, 2),
	);
	return target;
}

/**
 * A user folder with n8n's database migrated and the owner account set up, cached outside the checkout and
 * keyed by n8n version: copying it costs milliseconds, migrating a fresh one ~10 s.
 */
async function prepareTemplate() {
	const { cacheBase, n8nVersion } = runtime();
	const dir = path.join(cacheBase, `user-folder-n8n-${n8nVersion}-${TEMPLATE_RECIPE}`);
	const ready = () => fs.existsSync(path.join(dir, '.complete'));
	// Another process (a parallel test run, `npm start`) may be preparing it: wait rather than do it twice.
	for (let pids = otherBuilders(dir); !ready() && pids.length > 0; pids = otherBuilders(dir)) {
		log(`waiting for the user-folder template being prepared by process ${pids.join(', ')}`);
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
	if (ready()) return dir;
	const work = `${dir}.partial-${process.pid}`;
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	log(`preparing a migrated n8n user folder with an owner account in ${dir} (first time only)`);
	try {
		await runCliOrThrow(work, ['list:workflow'], { timeoutMs: 180_000 });
		const server = await startServer(work, { logFile: path.join(work, 'template-start.log'), maxLifetimeMs: 300_000 });
		try {
			await server.setupOwner();
		} finally {
			await server.stop();
		}
		fs.rmSync(path.join(work, 'template-start.log'), { force: true });
	} catch (error) {
		const logFile = path.join(work, 'template-start.log');
		const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '';
		fs.rmSync(work, { recursive: true, force: true });
		throw new Error(`${/** @type {Error} */ (error).message}\n${tail}`);
	}
	fs.writeFileSync(path.join(work, '.complete'), new Date().toISOString());
	fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(work, dir);
	return dir;
}

/** Live processes preparing `dir` (work folders `<dir>.partial-<pid>`); dead ones' leftovers are removed. */
function otherBuilders(dir) {
	const prefix = `${path.basename(dir)}.partial-`;
	const pids = [];
	for (const name of fs.existsSync(path.dirname(dir)) ? fs.readdirSync(path.dirname(dir)) : []) {
		if (!name.startsWith(prefix)) continue;
		const pid = Number(name.slice(prefix.length));
		if (pid === process.pid) continue;
		if (isAlive(pid)) pids.push(pid);
		else fs.rmSync(path.join(path.dirname(dir), name), { recursive: true, force: true });
	}
	return pids;
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * A new user folder (from the template) with the packed package installed; `removeUserFolder()` deletes it.
 * @param {{ label?: string, tarball?: string }} [options]
 */
async function freshUserFolder({ label = 'e2e', tarball } = {}) {
	const template = await prepareTemplate();
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), `sakari-n8n-${label}-`));
	fs.cpSync(template, folder, { recursive: true });
	fs.rmSync(path.join(folder, '.complete'), { force: true });
	if (tarball) installPackage(folder, tarball);
	return folder;
}

function removeUserFolder(folder) {
	if (process.env.SAKARI_E2E_KEEP) {
		log(`kept ${folder}`);
		return;
	}
	fs.rmSync(folder, { recursive: true, force: true });
}

/** Credentials as `[{id, name, type, data}]` with plaintext data: `n8n import:credentials` encrypts it. */
async function importCredentials(userFolder, credentials) {
	const file = path.join(userFolder, `import-credentials-${Date.now()}.json`);
	fs.writeFileSync(file, JSON.stringify(credentials));
	try {
		await runCliOrThrow(userFolder, ['import:credentials', `--input=${file}`]);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/** Workflows (each with an `id`) imported in one n8n process. */
async function importWorkflows(userFolder, workflows) {
	const dir = fs.mkdtempSync(path.join(userFolder, 'import-workflows-'));
	workflows.forEach((workflow, index) => {
		fs.writeFileSync(path.join(dir, `${index}.json`), JSON.stringify(workflow));
	});
	try {
		await runCliOrThrow(userFolder, ['import:workflow', '--separate', `--input=${dir}`]);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Finds the run JSON n8n prints: the first line that is exactly `{` up to the matching last `}` line. */
function parseRunOutput(text) {
	const lines = text.split('\n');
	const start = lines.indexOf('{');
	if (start < 0) return undefined;
	for (let end = lines.length - 1; end > start; end--) {
		if (lines[end] !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			// A later `}` belongs to something else: try an earlier one.
		}
	}
	return undefined;
}

/**
 * `n8n execute --id --rawOutput`: resolves `{ok, code, run, ms, output}` where `run` is the whole execution
 * (`run.data.resultData.runData[nodeName][0].data.main[0]` are a node's output items, `.error` its error).
 * n8n prints a failed run through its logger, so both streams are searched.
 */
async function executeWorkflow(userFolder, workflowId, options) {
	const result = await runCli(userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], options);
	const run = parseRunOutput(result.stdout) ?? parseRunOutput(result.stderr);
	return { ok: result.code === 0, code: result.code, run, ms: result.ms, output: result.stdout + result.stderr };
}

/** Output items of a node in a run (first run of the node, main output `index`). */
function nodeItems(run, nodeName, index = 0) {
	const taskData = run?.data?.resultData?.runData?.[nodeName]?.[0];
	return taskData?.data?.main?.[index] ?? [];
}

function nodeError(run, nodeName) {
	return run?.data?.resultData?.runData?.[nodeName]?.[0]?.error;
}

/** A tiny cookie-keeping client for n8n's REST API (`/rest/...`). */
class RestClient {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookie = undefined;
	}

	async request(method, route, body, { timeoutMs = 30_000 } = {}) {
		const response = await fetch(`${this.baseUrl}${route}`, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie && /(?:^|,\s*)(n8n-auth=[^;]*)/.exec(setCookie);
		if (auth) this.cookie = auth[1];
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, json, text };
	}

	async expectOk(method, route, body) {
		const response = await this.request(method, route, body);
		if (response.status >= 400) throw new Error(`${method} ${route} answered ${response.status}: ${response.text.slice(0, 500)}`);
		return response.json;
	}
}

/** Process group of the process listening on 127.0.0.1:port (Linux `ss` + /proc), or undefined if unknown. */
function listenerProcessGroup(port) {
	try {
		const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8', timeout: 5000 });
		const pid = /pid=(\d+)/.exec(out)?.[1];
		if (!pid) return undefined;
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
	} catch {
		return undefined;
	}
}

async function waitFor(check, { timeoutMs, intervalMs = 200, what, gaveUp = () => false }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check().catch(() => false)) return;
		if (gaveUp()) throw new Error(`gave up waiting for ${what}`);
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

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
	const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
	// With a lifetime (tests), coreutils `timeout` stops the server even if this process dies without cleaning up.
	const command = maxLifetimeMs
		? ['timeout', ['--kill-after=10', `${Math.ceil(maxLifetimeMs / 1000)}`, n8nBin, 'start']]
		: [n8nBin, ['start']];
	const child = spawn(command[0], command[1], {
		cwd: userFolder,
		env: n8nEnv(userFolder, {
			N8N_PORT: String(httpPort),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_WEBHOOK_URL: `http://127.0.0.1:${httpPort}/`,
			...env,
		}),
		stdio: stdio ?? ['ignore', out, out],
		detached: true,
	});
	live.add(child);
	if (typeof out === 'number') fs.closeSync(out);
	let exited = false;
	const exit = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = true;
			live.delete(child);
			resolve({ code, signal });
		});
	});
	const url = `http://127.0.0.1:${httpPort}`;
	const rest = new RestClient(url);
	const server = {
		url,
		port: httpPort,
		pid: child.pid,
		userFolder,
		rest,
		logFile,
		exit,
		async stop({ timeoutMs = 15_000 } = {}) {
			if (exited) return;
			killGroup(child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
			await exit;
			clearTimeout(timer);
			// The task runner is in the same process group.
			killGroup(child, 'SIGKILL');
		},
		async setupOwner(owner = OWNER) {
			return (await rest.expectOk('POST', '/rest/owner/setup', owner)).data;
		},
		async login(owner = OWNER) {
			const body = { emailOrLdapLoginId: owner.email, password: owner.password };
			// Seen rarely under heavy parallel load right after start: a 404, or a 200 without the JSON user.
			// Retry briefly, then explain.
			for (let attempt = 1; ; attempt++) {
				const response = await rest.request('POST', '/rest/login', body);
				if (response.status < 400 && response.json?.data) return response.json.data;
				const transient = response.status === 404 || response.status < 400;
				if (!transient || attempt >= 10) {
					const listener = listenerProcessGroup(httpPort);
					throw new Error(
						`POST /rest/login answered ${response.status} (n8n pid ${child.pid} ${exited ? 'exited' : 'running'}, ` +
							`port ${httpPort} held by process group ${listener ?? 'unknown'}): ${response.text.slice(0, 300)}`,
					);
				}
				log(`POST /rest/login on ${url} answered ${response.status} without a user (attempt ${attempt}); retrying`);
				await new Promise((resolve) => setTimeout(resolve, 1000));
			}
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
			{ timeoutMs: startTimeoutMs, what: `n8n on ${url}`, gaveUp: () => exited },
		);
		// A free port is only free when checked: make sure the n8n answering is this one, not another process's.
		const owner = listenerProcessGroup(httpPort);
		if (owner !== undefined && owner !== child.pid) {
			throw new Error(`port ${httpPort} is held by another process (group ${owner})`);
		}
	} catch (error) {
		await server.stop();
		const tail = logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : '';
		throw new Error(`n8n start failed: ${exited ? 'the process exited' : /** @type {Error} */ (error).message}\n${tail}`);
	}
	return server;
}

/** A "Sakari OAuth2 API" credential's plaintext data pointing at a sandbox (n8n encrypts it on import). */
function sandboxCredentialData(sandbox, overrides = {}) {
	return {
		accountId: sandbox.accountId,
		clientId: sandbox.clientId,
		clientSecret: sandbox.clientSecret,
		baseUrl: sandbox.url,
		accessToken: '',
		...overrides,
	};
}

module.exports = {
	ROOT,
	PACKAGE_NAME,
	NODE_TYPE,
	CREDENTIAL_TYPE,
	OWNER,
	sandboxCredentialData,
	runtime,
	freePort,
	n8nEnv,
	runCli,
	packPackage,
	installPackage,
	prepareTemplate,
	freshUserFolder,
	removeUserFolder,
	importCredentials,
	importWorkflows,
	parseRunOutput,
	executeWorkflow,
	nodeItems,
	nodeError,
	RestClient,
	startServer,
};
