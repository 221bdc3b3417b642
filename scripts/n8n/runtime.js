// @ts-check
'use strict';
// The n8n runtime (installed and cached by scripts/runtime.mjs, version from SAKARI_N8N_VERSION) and the
// environment every n8n process gets.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const RUNTIME_SCRIPT = path.join(__dirname, '..', 'runtime.mjs');
// The throwaway local instances' encryption key: nothing it protects leaves 127.0.0.1.
const ENCRYPTION_KEY = 'n8n-nodes-sakari-local-instance';

/** @type {{ n8nBin: string, nodeBin: string, dir: string, cacheBase: string, n8nVersion: string } | undefined} */
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

/**
 * The environment of an n8n process: only this folder's settings, none inherited from the caller's n8n.
 * @param {string} userFolder
 * @param {Record<string, string>} [extra]
 * @returns {Record<string, string>}
 */
function n8nEnv(userFolder, extra = {}) {
	/** @type {Record<string, string>} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		// NODE_ENV=test (set by jest) makes n8n refuse to load nodes; the rest would configure another n8n.
		if (value !== undefined && !/^(N8N_|DB_|EXECUTIONS_|QUEUE_|npm_|JEST_|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$|WEBHOOK_URL$)/.test(key)) {
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

module.exports = { runtime, n8nEnv };
