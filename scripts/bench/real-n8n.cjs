// @ts-check
'use strict';
// Runs bench workflows in real n8n (`n8n execute`, the cached runtime and user-folder helpers of scripts/n8n)
// and measures them: n8n's own execution time per node, and the peak RSS of the n8n process.
// Also used by test/e2e/load.e2e.test.js (runRealN8n).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const n8n = require('../n8n');
const { phoneOf, sakariContactWorkflow } = require('./workflows.cjs');

const BLOCKING_STDOUT = path.join(__dirname, 'blocking-stdout.cjs');

/**
 * A credential entry the workflows can point at (`number` makes the 16-character id unique); each run gets its
 * own, so each starts without a stored token.
 * @param {number} number
 * @param {string} label
 */
const credentialRef = (number, label) => ({ id: `sakariBench${String(number).padStart(5, '0')}`, name: `Sakari sandbox (bench: ${label})` });

/**
 * A fresh n8n user folder with this package installed (packed from dist/), the given credentials pointing at
 * `sandbox` and the workflows imported. `dispose()` removes it all.
 */
async function prepareInstance({ sandbox, credentials, workflows }) {
	const tarball = n8n.packPackage();
	const folder = await n8n.freshUserFolder({ label: 'bench', tarball });
	const dispose = () => {
		n8n.removeUserFolder(folder);
		if (tarball !== process.env.SAKARI_E2E_TARBALL) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	};
	try {
		await n8n.importCredentials(
			folder,
			credentials.map((ref) => ({ ...ref, type: n8n.CREDENTIAL_TYPE, data: n8n.sandboxCredentialData(sandbox) })),
		);
		await n8n.importWorkflows(folder, workflows);
	} catch (error) {
		dispose();
		throw error;
	}
	return { folder, dispose };
}

/** The `n8n execute` process of `folder` (Node running n8n's bin with `execute`), or undefined. */
function findExecuteProcess(folder) {
	const marker = `N8N_USER_FOLDER=${folder}\0`;
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
			if (!args.includes('execute') || !/node$/.test(args[0])) continue;
			if (fs.readFileSync(`/proc/${entry}/environ`, 'utf8').includes(marker)) return Number(entry);
		} catch {
			// The process ended while being read, or is not ours.
		}
	}
	return undefined;
}

/** Peak resident set size so far (VmHWM) of `pid` in MB, or undefined once it has exited. */
function peakRssMb(pid) {
	try {
		const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
	} catch {
		return undefined;
	}
}

/**
 * `n8n execute` of one imported workflow with a time limit, sampling the n8n process's peak RSS every
 * `sampleMs` (its high-water mark, so only growth in the last interval before exit can be missed).
 * Resolves `{ ok, timedOut, processMs, run, peakRssMb, error }`; never rejects on a failed run.
 */
async function executeMeasured(folder, workflowId, { timeoutMs, sampleMs = 250 }) {
	let pid;
	let peak;
	const sampler = setInterval(() => {
		pid ??= findExecuteProcess(folder);
		if (pid !== undefined) peak = peakRssMb(pid) ?? peak;
	}, sampleMs);
	try {
		const result = await n8n.executeWorkflow(folder, workflowId, { timeoutMs, env: { NODE_OPTIONS: `--require ${JSON.stringify(BLOCKING_STDOUT)}` } });
		// A run whose printed JSON does not parse (e.g. cut short) is a failed measurement, not a blank one.
		const ok = result.ok && result.run !== undefined;
		let error = ok ? undefined : result.output.slice(-2000);
		if (result.ok && !ok) {
			const saved = path.join(os.tmpdir(), `sakari-bench-${workflowId}-${Date.now()}.out`);
			fs.writeFileSync(saved, result.output);
			error = `n8n exited 0 but its run JSON did not parse; its output is in ${saved}`;
		}
		return { ok, timedOut: false, processMs: result.ms, run: result.run, peakRssMb: peak, error };
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return { ok: false, timedOut: /timed out/.test(message), processMs: undefined, run: undefined, peakRssMb: peak, error: message.split('\n')[0] };
	} finally {
		clearInterval(sampler);
	}
}

/** n8n's own executionTime (ms) of each named node, summed; undefined when one of them did not run. */
function nodesMs(run, names) {
	let total = 0;
	for (const name of names) {
		const time = run?.data?.resultData?.runData?.[name]?.[0]?.executionTime;
		if (time === undefined) return undefined;
		total += time;
	}
	return total;
}

/**
 * The e2e load test's run: N contacts through the Sakari node with its defaults (mobile number only) in a
 * fresh user folder. Returns `{ ok, processMs, nodeMs, nodeStartedAt, items, error, expected }`.
 */
async function runRealN8n({ sandbox, n = 2000, firstNumber = 5_000_000, timeoutMs = 600_000 }) {
	const credential = credentialRef(0, 'load test');
	const workflow = sakariContactWorkflow({ id: 'sakariLoad000001', rows: n, credential, fields: 'mobile', firstNumber });
	const instance = await prepareInstance({ sandbox, credentials: [credential], workflows: [workflow] });
	try {
		const result = await executeMeasured(instance.folder, workflow.id, { timeoutMs });
		const task = result.run?.data?.resultData?.runData?.Sakari?.[0];
		return {
			ok: result.ok,
			processMs: result.processMs,
			nodeMs: task?.executionTime,
			nodeStartedAt: task?.startTime,
			items: n8n.nodeItems(result.run, 'Sakari'),
			error: n8n.nodeError(result.run, 'Sakari')?.message ?? result.error,
			expected: Array.from({ length: n }, (_, index) => phoneOf(index, firstNumber)),
		};
	} finally {
		instance.dispose();
	}
}

module.exports = { credentialRef, prepareInstance, executeMeasured, nodesMs, runRealN8n };
