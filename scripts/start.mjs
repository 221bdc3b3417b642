#!/usr/bin/env node
// @ts-check
// `npm start`: builds the package, starts the Sakari sandbox and real n8n on 127.0.0.1 with the package
// installed, an owner account, a "Sakari sandbox" credential and the "Create contacts in Sakari" example;
// prints the editor URL and login; Ctrl-C stops everything it started.
// `npm run demo` (--demo): the same without the editor: runs the example once, prints the created contacts
// (from n8n's execution output) and exits. Options: --no-build; env N8N_PORT, SAKARI_SANDBOX_PORT.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const n8n = require('./n8n/index.js');
const { startSandbox } = require('../sandbox/server.js');

const DEMO = process.argv.includes('--demo');
const EXAMPLE = JSON.parse(readFileSync(join(n8n.ROOT, 'examples', 'create-contacts.json'), 'utf8'));
const CREDENTIAL = { id: 'sakariSandbox001', name: 'Sakari sandbox' };
const SAKARI_NODE = 'Create contact';

const say = (message) => process.stderr.write(`${message}\n`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

const cleanup = [];
let stopping;
async function stopAll() {
	stopping ??= (async () => {
		for (const step of cleanup.reverse()) await step().catch((error) => say(`cleanup: ${error.message}`));
	})();
	return await stopping;
}

function build() {
	say('Building the package (npm run build)…');
	const result = spawnSync('npm', ['run', '--silent', 'build'], {
		cwd: n8n.ROOT,
		stdio: ['ignore', 2, 2],
		timeout: 5 * 60_000,
	});
	if (result.status !== 0) throw new Error('npm run build failed');
}

/** n8n's usual port when it is free, so the editor URL is the familiar one; otherwise any free port. */
async function editorPort() {
	if (process.env.N8N_PORT) return Number(process.env.N8N_PORT);
	const net = await import('node:net');
	const free = await new Promise((resolve) => {
		const probe = net.createServer().once('error', () => resolve(false));
		probe.listen(5678, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
	return free ? 5678 : await n8n.freePort();
}

function printContacts(items) {
	const rows = items.map(({ json }) => [
		json.id ?? '',
		[json.firstName, json.lastName].filter(Boolean).join(' '),
		json.mobile?.number ?? '',
		json.email ?? '',
	]);
	const header = ['ID', 'Name', 'Mobile', 'Email'];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
	const line = (row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join('  ').trimEnd();
	process.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n`);
}

async function main() {
	if (!process.argv.includes('--no-build')) build();
	say('Preparing n8n (the first run installs Node 24 and n8n 2.41.1 into a cache: ~8 min)…');
	const { n8nVersion } = n8n.runtime();

	const sandbox = await startSandbox({ port: Number(process.env.SAKARI_SANDBOX_PORT ?? 0) });
	cleanup.push(() => sandbox.close());
	say(`Sakari sandbox listening on ${sandbox.url}`);

	const tarball = n8n.packPackage();
	cleanup.push(async () => rmSync(dirname(tarball), { recursive: true, force: true }));
	const folder = await n8n.freshUserFolder({ label: DEMO ? 'demo' : 'start', tarball });
	cleanup.push(async () => n8n.removeUserFolder(folder));
	await n8n.importCredentials(folder, [
		{
			...CREDENTIAL,
			type: n8n.CREDENTIAL_TYPE,
			data: n8n.sandboxCredentialData(sandbox),
		},
	]);
	await n8n.importWorkflows(folder, [EXAMPLE]);

	if (DEMO) {
		say(`Running "${EXAMPLE.name}" in n8n ${n8nVersion} (n8n execute)…`);
		const result = await n8n.executeWorkflow(folder, EXAMPLE.id);
		const items = n8n.nodeItems(result.run, SAKARI_NODE);
		if (!result.ok) {
			const message = result.run?.data?.resultData?.error?.message ?? result.output.slice(-2000);
			throw new Error(`the workflow failed: ${message}`);
		}
		process.stdout.write(`\nContacts created in the Sakari sandbox by n8n ${n8nVersion} (${items.length}):\n`);
		printContacts(items);
		const creates = sandbox.requests().filter((request) => request.method === 'POST' && request.path.endsWith('/contacts'));
		say(`\nThe sandbox recorded ${creates.length} POST …/contacts requests. Done in ${elapsed()}.`);
		return 0;
	}

	const port = await editorPort();
	say(`Starting n8n ${n8nVersion} on 127.0.0.1:${port}…`);
	const logFile = join(folder, 'n8n.log');
	const server = await n8n.startServer(folder, { port, logFile });
	cleanup.push(() => server.stop());
	const email = n8n.OWNER.email;
	const password = n8n.OWNER.password;
	process.stdout.write(
		[
			'',
			`n8n ${n8nVersion} is running with n8n-nodes-sakari installed (ready in ${elapsed()}).`,
			'',
			`  Editor:    ${server.url}`,
			`  Login:     ${email}`,
			`  Password:  ${password}   (a local demo account of this throwaway instance)`,
			`  Workflow:  ${server.url}/workflow/${EXAMPLE.id}  ("${EXAMPLE.name}": click "Execute workflow")`,
			`  Credential "${CREDENTIAL.name}" points at the sandbox on ${sandbox.url}`,
			'',
			`  n8n log:   ${logFile}`,
			'  This instance is throwaway: Ctrl-C stops n8n and the sandbox and deletes its folder',
			'  (set SAKARI_E2E_KEEP=1 to keep the folder).',
			'',
		].join('\n'),
	);
	const { code, signal } = await Promise.race([
		server.exit,
		new Promise((resolve) => {
			for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(name, () => resolve({ signal: name }));
		}),
	]);
	if (code !== undefined && code !== null) {
		say(`n8n exited (code ${code}); see ${logFile}`);
		return 1;
	}
	say(`\n${signal}: stopping n8n and the sandbox…`);
	return 0;
}

main()
	.then(async (code) => {
		await stopAll();
		process.exit(code);
	})
	.catch(async (error) => {
		say(`Error: ${error.message}`);
		await stopAll();
		process.exit(1);
	});
