// @ts-check
'use strict';
// The bench's Sakari stand-in: sandbox/server.js in a process of its own (so it never shares an event loop
// or a CPU profile with the bench), driven and counted only through its /__sandbox control API.
const { spawn } = require('node:child_process');
const path = require('node:path');

const SERVER = path.join(__dirname, '..', '..', 'sandbox', 'server.js');
const ACCOUNT = Object.freeze({ accountId: 'acc_sandbox', clientId: 'sandbox-client', clientSecret: 'sandbox-secret' });

/**
 * Starts the sandbox on a free loopback port; resolves a handle with the fields scripts/n8n's
 * sandboxCredentialData() reads (`url`, `accountId`, `clientId`, `clientSecret`) and control calls.
 */
async function startSandboxProcess({ startTimeoutMs = 15_000 } = {}) {
	const child = spawn(process.execPath, [SERVER, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'inherit'] });
	const url = await new Promise((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => fail(new Error(`sandbox did not start within ${startTimeoutMs} ms`)), startTimeoutMs);
		const fail = (error) => {
			clearTimeout(timer);
			child.kill('SIGKILL');
			reject(error);
		};
		child.on('error', fail);
		child.on('exit', (code) => fail(new Error(`sandbox exited with ${code} before listening`)));
		child.stdout.on('data', (chunk) => {
			out += chunk;
			const match = /listening on (http:\/\/\S+)/.exec(out);
			if (!match) return;
			clearTimeout(timer);
			child.removeAllListeners('exit');
			child.stdout.resume();
			resolve(match[1]);
		});
	});
	// Its stdout carries nothing more the bench needs; keep the pipe drained.
	child.stdout.removeAllListeners('data');
	child.stdout.resume();
	process.on('exit', () => child.kill('SIGKILL'));

	/** One control call; throws with the sandbox's own error text on a non-2xx answer. */
	async function control(method, route, body) {
		const response = await fetch(`${url}/__sandbox/${route}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`sandbox ${method} /__sandbox/${route} answered ${response.status}: ${text.slice(0, 300)}`);
		return JSON.parse(text);
	}

	return {
		url,
		...ACCOUNT,
		/** Empty data, every token expired, counters zeroed, then `config` (e.g. `{ rateLimit: { perSecond: 50 } }`). */
		async reset(config) {
			await control('POST', 'reset');
			if (config) await control('POST', 'config', config);
		},
		/** `{ requests, tokenRequests, rateLimited, byStatus, maxInFlight }` since the last reset. */
		stats: () => control('GET', 'stats'),
		/** `{ contacts, messages, ... }` as the API shows them. */
		state: () => control('GET', 'state'),
		/** @returns {Promise<void>} */
		close() {
			if (child.exitCode !== null) return Promise.resolve();
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			return exited.then(() => undefined);
		},
	};
}

module.exports = { startSandboxProcess };
