// @ts-check
'use strict';
// One sandbox and one fresh n8n user folder per test file: the packed package installed as n8n installs community
// packages, the sandbox credential and the file's workflows imported; `execute` runs one with `n8n execute`.
// Every e2e sandbox holds each exchange against sandbox/contract; a test whose exchanges break it fails.
const { startSandbox } = require('../../sandbox/server');
const { formatViolations } = require('../../sandbox/contract');
const n8n = require('../../scripts/n8n');
const { credentialsFor } = require('./workflows');

/**
 * A sandbox that holds every request, answer and delivery against the contract (sandbox/contract).
 * @param {object} [options] start options (sandbox/README.md)
 */
const startCheckedSandbox = (options = {}) => startSandbox({ port: 0, checkContract: true, ...options });

/**
 * After each test, fails it with the contract violations of the exchanges it caused.
 * @param {() => any} sandbox the test file's sandbox (undefined: none started)
 */
function useContractCheck(sandbox) {
	afterEach(async () => {
		// An exchange is checked when its response closes.
		await new Promise((resolve) => setImmediate(resolve));
		const started = sandbox();
		if (!started) return;
		const violations = started.violations();
		started.clearViolations();
		if (violations.length) throw new Error(formatViolations(violations));
	});
}

/**
 * @param {string} label names the user folder
 * @param {Record<string, { id: string, name: string }>} workflows
 * @param {(sandbox: any) => void} [resetSandbox] before each test (default: an empty sandbox)
 */
function useWorkflowFolder(label, workflows, resetSandbox = (sandbox) => sandbox.reset()) {
	/** @type {{ sandbox: any, folder: any }} */
	const env = { sandbox: undefined, folder: undefined };

	beforeAll(async () => {
		env.sandbox = await startCheckedSandbox();
		env.folder = await n8n.freshUserFolder({ label, tarball: n8n.packPackage() });
		await n8n.importCredentials(env.folder, credentialsFor(env.sandbox));
		await n8n.importWorkflows(env.folder, Object.values(workflows));
	});

	afterAll(async () => {
		if (env.folder) n8n.removeUserFolder(env.folder);
		await env.sandbox?.close();
	});

	beforeEach(() => resetSandbox(env.sandbox));
	useContractCheck(() => env.sandbox);

	/**
	 * Runs a workflow and fails with n8n's own output when the outcome is not the expected one.
	 * @param {{ id: string, name: string }} workflow
	 */
	async function execute(workflow, { expectOk = true } = {}) {
		const result = await n8n.executeWorkflow(env.folder, workflow.id);
		if (result.ok !== expectOk || !result.run) {
			throw new Error(
				`n8n execute ${workflow.name}: exit ${result.code}, expected ${expectOk ? 'success' : 'failure'}\n${result.output.slice(-4000)}`,
			);
		}
		return result.run;
	}

	return { env, execute };
}

/**
 * A workflow whose nodes run one after the other, as `n8n import:workflow` takes it.
 * @param {string} id
 * @param {string} name
 * @param {Array<{ name: string }>} nodes
 */
function chainWorkflow(id, name, nodes) {
	/** @type {Record<string, unknown>} */
	const connections = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

module.exports = { chainWorkflow, startCheckedSandbox, useContractCheck, useWorkflowFolder };
