// @ts-check
'use strict';
// n8n's command line on a user folder: imports, and workflow runs with their output parsed.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { freePort, killGroup, live, log } = require('./processes');
const { n8nEnv, runtime } = require('./runtime');

/**
 * Runs `n8n <args>` on a user folder; resolves with its exit code (or the signal that ended it) and output (never
 * rejects on a non-zero exit).
 * A distinct task-runner broker port lets several n8n processes run at once.
 * @param {string} userFolder
 * @param {string[]} args
 * @param {{ timeoutMs?: number, env?: Record<string, string> }} [options]
 * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string, ms: number }>}
 */
async function runCli(userFolder, args, { timeoutMs = 120_000, env = {} } = {}) {
	const { n8nBin } = runtime();
	const brokerPort = await freePort();
	const started = Date.now();
	return await new Promise((resolve, reject) => {
		// coreutils `timeout` bounds the command even if this process dies without cleaning up.
		const child = spawn('timeout', ['--kill-after=5', `${Math.ceil(timeoutMs / 1000) + 5}`, n8nBin, ...args], {
			cwd: userFolder,
			env: n8nEnv(userFolder, { N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env }),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		live.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			killGroup(child, 'SIGKILL');
			reject(new Error(`n8n ${args[0]} timed out after ${timeoutMs} ms\n${stderr.slice(-2000)}`));
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			live.delete(child);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			live.delete(child);
			// The task runner lives in the same process group: make sure nothing outlives the command.
			killGroup(child, 'SIGKILL');
			resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
		});
	});
}

/**
 * `runCli`, throwing with the output's tail on a non-zero exit.
 * @param {string} userFolder
 * @param {string[]} args
 * @param {{ timeoutMs?: number, env?: Record<string, string> }} [options]
 */
async function runCliOrThrow(userFolder, args, options) {
	const result = await runCli(userFolder, args, options);
	if (result.code !== 0) {
		throw new Error(`n8n ${args.join(' ')} exited ${result.code}\n${(result.stdout + result.stderr).slice(-3000)}`);
	}
	return result;
}

/**
 * Credentials as `[{id, name, type, data}]` with plaintext data: `n8n import:credentials` encrypts it.
 * @param {string} userFolder
 * @param {object[]} credentials
 * @param {{ timeoutMs?: number, env?: Record<string, string> }} [options] e.g. another database's settings
 */
async function importCredentials(userFolder, credentials, options) {
	const file = path.join(userFolder, `import-credentials-${Date.now()}.json`);
	fs.writeFileSync(file, JSON.stringify(credentials));
	try {
		await runCliOrThrow(userFolder, ['import:credentials', `--input=${file}`], options);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/**
 * Workflows (each with an `id`) imported in one n8n process.
 * @param {string} userFolder
 * @param {object[]} workflows
 * @param {{ timeoutMs?: number, env?: Record<string, string> }} [options]
 */
async function importWorkflows(userFolder, workflows, options) {
	const dir = fs.mkdtempSync(path.join(userFolder, 'import-workflows-'));
	workflows.forEach((workflow, index) => {
		fs.writeFileSync(path.join(dir, `${index}.json`), JSON.stringify(workflow));
	});
	try {
		await runCliOrThrow(userFolder, ['import:workflow', '--separate', `--input=${dir}`], options);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Finds the run JSON n8n prints: the first line that is exactly `{` up to the matching last `}` line.
 * @param {string} text
 * @returns {any}
 */
function parseRunOutput(text) {
	const lines = text.split('\n');
	const start = lines.indexOf('{');
	if (start < 0) return undefined;
	for (let end = lines.length - 1; end > start; end--) {
		if (lines[end] !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			// A later `}` belongs to something else: try an earlier one.
		}
	}
	return undefined;
}

/**
 * `n8n execute --id --rawOutput`: resolves `{ok, code, run, ms, output}` where `run` is the whole execution
 * (`run.data.resultData.runData[nodeName][0].data.main[0]` are a node's output items, `.error` its error).
 * n8n prints a failed run through its logger, so both streams are searched.
 * @param {string} userFolder
 * @param {string} workflowId
 * @param {{ timeoutMs?: number, env?: Record<string, string> }} [options]
 */
async function executeWorkflow(userFolder, workflowId, options) {
	const result = await runCli(userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], options);
	const run = parseRunOutput(result.stdout) ?? parseRunOutput(result.stderr);
	// With the default expression engine (isolated-vm) `n8n execute` sometimes dies by SIGSEGV after printing the
	// whole run (docs/e2e.md: about 4 in 10 bare runs here, both versions; none with the legacy engine). The run it
	// printed then gives n8n's own verdict: exit 1 when it has an error, 0 otherwise.
	const crashedAfterRun = result.code === null && result.signal === 'SIGSEGV' && run !== undefined;
	if (crashedAfterRun) log(`n8n execute --id=${workflowId} ended by SIGSEGV after printing its run; judged by the run`);
	const ok = crashedAfterRun ? !run.data?.resultData?.error : result.code === 0;
	return { ok, code: result.code, run, ms: result.ms, output: result.stdout + result.stderr };
}

/**
 * Output items of a node in a run (first run of the node, main output `index`).
 * @param {any} run
 * @param {string} nodeName
 * @returns {any[]}
 */
function nodeItems(run, nodeName, index = 0) {
	const taskData = run?.data?.resultData?.runData?.[nodeName]?.[0];
	return taskData?.data?.main?.[index] ?? [];
}

/**
 * @param {any} run
 * @param {string} nodeName
 */
function nodeError(run, nodeName) {
	return run?.data?.resultData?.runData?.[nodeName]?.[0]?.error;
}

module.exports = {
	runCli,
	runCliOrThrow,
	importCredentials,
	importWorkflows,
	parseRunOutput,
	executeWorkflow,
	nodeItems,
	nodeError,
};
