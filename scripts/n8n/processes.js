// @ts-check
'use strict';
// Child processes and ports: every n8n child runs in its own process group (so its task runner goes with it)
// and is killed when this process exits; ports are free ones on 127.0.0.1.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

/** @type {Set<import('node:child_process').ChildProcess>} */
const live = new Set();
process.on('exit', () => {
	for (const child of live) killGroup(child, 'SIGKILL');
});

/** @param {string} message */
function log(message) {
	process.stderr.write(`[n8n] ${message}\n`);
}

/**
 * @param {import('node:child_process').ChildProcess} child started with `detached: true` (its own group)
 * @param {NodeJS.Signals} signal
 */
function killGroup(child, signal) {
	try {
		process.kill(-(child.pid ?? 0), signal);
	} catch {
		// Already gone.
	}
}

/** @param {number} pid */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * Live processes other than this one working on `dir` in `<dir>.partial-<pid>` folders (the runtime install,
 * the user-folder template): the caller waits for them instead of doing the work twice. Dead ones' leftovers
 * (killed, or failed before their cleanup) are removed.
 * @param {string} dir
 */
function otherWorkers(dir) {
	const parent = path.dirname(dir);
	const prefix = `${path.basename(dir)}.partial-`;
	/** @type {number[]} */
	const pids = [];
	for (const name of fs.existsSync(parent) ? fs.readdirSync(parent) : []) {
		if (!name.startsWith(prefix)) continue;
		const pid = Number(name.slice(prefix.length));
		if (pid === process.pid) continue;
		if (isAlive(pid)) pids.push(pid);
		else fs.rmSync(path.join(parent, name), { recursive: true, force: true });
	}
	return pids;
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

/** @returns {Promise<number>} */
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

/**
 * Process group of the process listening on 127.0.0.1:port (Linux `ss` + /proc), or undefined if unknown.
 * @param {number} port
 */
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

/**
 * Polls `check` until it resolves truthy; throws after `timeoutMs` or as soon as `gaveUp()` says so.
 * @param {() => Promise<unknown>} check
 * @param {{ timeoutMs: number, intervalMs?: number, what: string, gaveUp?: () => boolean }} options
 */
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
 * A long-running child (a server) in its own process group, output appended to `logFile`. With a lifetime,
 * coreutils `timeout` stops it even if this process dies without cleaning up. `stop()` signals the whole group
 * (n8n's task runner, postgres' backends), waits, then makes sure nothing of the group is left.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, logFile?: string, maxLifetimeMs?: number,
 *   stdio?: import('node:child_process').StdioOptions, stopSignal?: NodeJS.Signals }} [options]
 */
function spawnService(command, args, { cwd, env, logFile, maxLifetimeMs, stdio, stopSignal = 'SIGTERM' } = {}) {
	const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
	/** @type {[string, string[]]} */
	const [file, argv] = maxLifetimeMs
		? ['timeout', ['--kill-after=10', `${Math.ceil(maxLifetimeMs / 1000)}`, command, ...args]]
		: [command, args];
	const child = spawn(file, argv, { cwd, env, stdio: stdio ?? ['ignore', out, out], detached: true });
	live.add(child);
	if (typeof out === 'number') fs.closeSync(out);
	let exited = false;
	/** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
	const exit = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = true;
			live.delete(child);
			resolve({ code, signal });
		});
	});
	return {
		pid: child.pid,
		exit,
		exited: () => exited,
		async stop({ timeoutMs = 15_000 } = {}) {
			if (!exited) {
				killGroup(child, stopSignal);
				const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
				await exit;
				clearTimeout(timer);
			}
			killGroup(child, 'SIGKILL');
		},
	};
}

module.exports = { live, log, killGroup, isAlive, otherWorkers, freePort, listenerProcessGroup, waitFor, spawnService };
