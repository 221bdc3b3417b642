'use strict';
// N contacts through real n8n (`n8n execute`, the runtime and user-folder helpers of scripts/n8n) with the
// node's default settings: a Code node makes N rows, the Sakari node creates one contact per row. Used by
// `npm run bench -- --real-n8n` and test/e2e/load.e2e.test.js. The caller configures the sandbox (rate).
const fs = require('node:fs');
const path = require('node:path');
const n8n = require('../n8n');

const CREDENTIAL = { id: 'sakariLoad000001', name: 'Sakari sandbox (load)' };
const WORKFLOW_ID = 'sakariLoad000001';

const phoneOf = (firstNumber, index) => `+1347${String(firstNumber + index).padStart(7, '0')}`;

function loadWorkflow(n, firstNumber, extraParameters = {}) {
	const node = (name, type, typeVersion, parameters, x, extra = {}) => ({
		id: `00000000-0000-4000-8000-00000000000${x / 220}`,
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
		...extra,
	});
	const rows = `return Array.from({ length: ${n} }, (_, row) => ({ json: { row, phone: '+1347' + String(${firstNumber} + row).padStart(7, '0') } }));`;
	return {
		id: WORKFLOW_ID,
		name: `Create ${n} contacts in Sakari`,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, 0),
			node('Rows', 'n8n-nodes-base.code', 2, { jsCode: rows }, 220),
			// Default settings (no Rate Limiting options, no Request Options) unless the caller adds some.
			node(
				'Sakari',
				n8n.NODE_TYPE,
				1,
				{ resource: 'contact', operation: 'create', mobileNumber: '={{ $json.phone }}', mobileCountry: 'US', ...extraParameters },
				440,
				{ credentials: { [n8n.CREDENTIAL_TYPE]: CREDENTIAL } },
			),
		],
		connections: {
			Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Sakari', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * Runs the load workflow once in a fresh user folder (so the credential starts without a token) and returns
 * `{ ok, processMs, nodeMs, nodeStartedAt, items, error, expected }`: `nodeMs` is n8n's own executionTime of the Sakari node.
 */
async function runRealN8n({ sandbox, n = 2000, firstNumber = 5_000_000, timeoutMs = 600_000, extraParameters = {} }) {
	const tarball = n8n.packPackage();
	const folder = await n8n.freshUserFolder({ label: 'load', tarball });
	try {
		await n8n.importCredentials(folder, [
			{
				...CREDENTIAL,
				type: n8n.CREDENTIAL_TYPE,
				data: n8n.sandboxCredentialData(sandbox),
			},
		]);
		await n8n.importWorkflows(folder, [loadWorkflow(n, firstNumber, extraParameters)]);
		const result = await n8n.executeWorkflow(folder, WORKFLOW_ID, { timeoutMs });
		const task = result.run?.data?.resultData?.runData?.Sakari?.[0];
		return {
			ok: result.ok,
			processMs: result.ms,
			nodeMs: task?.executionTime,
			nodeStartedAt: task?.startTime,
			items: n8n.nodeItems(result.run, 'Sakari'),
			error: n8n.nodeError(result.run, 'Sakari')?.message ?? (result.ok ? undefined : result.output.slice(-2000)),
			expected: Array.from({ length: n }, (_, index) => phoneOf(firstNumber, index)),
		};
	} finally {
		n8n.removeUserFolder(folder);
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
}

module.exports = { runRealN8n };
