// @ts-check
'use strict';
// PostgreSQL and Redis for the queue-mode test, as n8n's queue mode uses them: Debian packages (installed with
// apt-get when missing), listening on free loopback ports, data in temporary folders, each a child process in
// its own process group under a time limit. `stop()` stops the server and removes its folder.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { freePort, spawnService, waitFor } = require('../../scripts/n8n/processes');

const LIFETIME_MS = 30 * 60_000;

/** @param {string} message */
const say = (message) => process.stderr.write(`[queue] ${message}\n`);

/** The newest PostgreSQL server's bin folder of the Debian packages, or undefined. */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
	const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
	return newest && fs.existsSync(path.join(root, newest, 'bin', 'initdb')) ? path.join(root, newest, 'bin') : undefined;
}

/** @param {string} command */
function onPath(command) {
	return (process.env.PATH ?? '').split(':').some((dir) => fs.existsSync(path.join(dir, command)));
}

/** Installs the Debian packages `postgresql` and `redis-server` when their programs are missing. */
function ensureDebianPackages() {
	const missing = [...(postgresBin() ? [] : ['postgresql']), ...(onPath('redis-server') ? [] : ['redis-server'])];
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) throw new Error(`missing Debian packages: run apt-get install -y ${missing.join(' ')}`);
	const aptGet = (/** @type {string[]} */ args) =>
		execFileSync('apt-get', args, {
			stdio: ['ignore', 2, 2],
			timeout: 10 * 60_000,
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	say(`installing ${missing.join(' ')} with apt-get`);
	try {
		aptGet(['install', '-y', '-q', ...missing]);
	} catch {
		// A machine whose package lists were never fetched knows no packages yet.
		aptGet(['update', '-q']);
		aptGet(['install', '-y', '-q', ...missing]);
	}
}

/**
 * A fresh PostgreSQL cluster with database `n8n` owned by user `n8n` (trust authentication on 127.0.0.1 only).
 * initdb refuses to run as root, so as root the cluster belongs to the `postgres` user the package creates.
 */
async function startPostgres() {
	const bin = postgresBin();
	if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakari-queue-postgres-'));
	const data = path.join(dir, 'data');
	const asRoot = process.getuid?.() === 0;
	if (asRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		fs.chownSync(dir, uid, gid);
	}
	/** @type {(command: string, args: string[]) => [string, string[]]} */
	const asOwner = (command, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]);
	try {
		execFileSync(...asOwner(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'n8n', '--no-sync']), {
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 120_000,
		});
		const port = await freePort();
		// A throwaway cluster: no fsync; sockets in its own folder; TCP on loopback only.
		const server = spawnService(
			...asOwner(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']),
			{ logFile: path.join(dir, 'postgres.log'), maxLifetimeMs: LIFETIME_MS, stopSignal: 'SIGINT' },
		);
		const stop = async () => {
			await server.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		};
		try {
			const ready = () => execFileSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore', timeout: 5000 });
			await waitFor(async () => (ready(), true), { timeoutMs: 60_000, what: `PostgreSQL on 127.0.0.1:${port}`, gaveUp: server.exited });
			execFileSync(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n'], { timeout: 30_000 });
		} catch (error) {
			const log = fs.existsSync(path.join(dir, 'postgres.log')) ? fs.readFileSync(path.join(dir, 'postgres.log'), 'utf8').slice(-2000) : '';
			await stop();
			throw new Error(`${/** @type {Error} */ (error).message}\n${log}`);
		}
		return { host: '127.0.0.1', port, database: 'n8n', user: 'n8n', stop };
	} catch (error) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}

/** A Redis server without persistence on a free loopback port. */
async function startRedis() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakari-queue-redis-'));
	const port = await freePort();
	const server = spawnService(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
		{ logFile: path.join(dir, 'redis.log'), maxLifetimeMs: LIFETIME_MS },
	);
	const stop = async () => {
		await server.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitFor(() => ping(port), { timeoutMs: 30_000, what: `Redis on 127.0.0.1:${port}`, gaveUp: server.exited });
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: '127.0.0.1', port, stop };
}

/**
 * True when Redis answers PING with PONG.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
		socket.setTimeout(2000, () => socket.destroy());
		socket.on('data', (chunk) => {
			resolve(chunk.toString().startsWith('+PONG'));
			socket.destroy();
		});
		socket.on('error', () => resolve(false));
		socket.on('close', () => resolve(false));
	});
}

module.exports = { ensureDebianPackages, startPostgres, startRedis };
