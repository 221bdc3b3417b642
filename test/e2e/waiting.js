// @ts-check
'use strict';
// Published workflows started through their Webhook, whose executions may wait (Send and Wait for Response, the
// human-in-the-loop tool): publishing, starting, and reading executions back through n8n's REST API.
const n8n = require('../../scripts/n8n');

const finished = (execution) => execution.finished || ['success', 'error', 'crashed', 'canceled'].includes(execution.status);

/**
 * @param {() => any} server the `n8n.startServer` handle (read when called: it starts in beforeAll)
 */
function waitingRuns(server) {
	/** Publishes workflows as the editor does. */
	async function publish(workflows) {
		for (const workflow of workflows) {
			const { data } = await server().rest.expectOk('GET', `/rest/workflows/${workflow.id}`);
			await server().rest.expectOk('POST', `/rest/workflows/${workflow.id}/activate`, { versionId: data.versionId });
		}
	}

	/** The workflow's newest execution that `accept` takes, once there is one. */
	async function executionOf(workflow, accept, what, timeoutMs = 20_000) {
		/** @type {any} */
		let found;
		await n8n.waitFor(
			async () => {
				found = (await server().executions(workflow.id)).find(accept);
				return found !== undefined;
			},
			{ timeoutMs, what: `${workflow.name}: ${what}` },
		);
		if (!found) throw new Error(`${workflow.name}: ${what}: none`);
		return found;
	}

	/**
	 * POSTs `body` to the workflow's Webhook (path `workflow.webhookPath`), retrying while n8n still registers it, and
	 * waits until its new execution waits or finished. Returns its id, status and the Webhook's answer.
	 */
	async function start(workflow, body) {
		const before = new Set((await server().executions(workflow.id)).map((execution) => execution.id));
		/** @type {any} */
		let response;
		await n8n.waitFor(
			async () => {
				response = await n8n.readAnswer(
					await fetch(`${server().url}/webhook/${workflow.webhookPath}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(body),
						signal: AbortSignal.timeout(120_000),
					}),
				);
				return response.status !== 404;
			},
			{ timeoutMs: 20_000, what: `${workflow.name}: webhook registered` },
		);
		const execution = await executionOf(workflow, (each) => !before.has(each.id) && (each.status === 'waiting' || finished(each)), 'a new execution');
		return { executionId: execution.id, status: execution.status, response };
	}

	/** Waits until the execution finished; its status, error and `items(node)`, the node's last output items' json. */
	async function outcome(workflow, executionId, timeoutMs = 20_000) {
		const execution = await executionOf(workflow, (each) => each.id === executionId && finished(each), `execution ${executionId} finished`, timeoutMs);
		const resultData = await server().executionResult(executionId);
		const items = (name, type = 'main') => (resultData.runData[name]?.at(-1)?.data?.[type]?.[0] ?? []).map((item) => item.json);
		return { status: execution.status, error: resultData.error, items, runData: resultData.runData };
	}

	async function statusOf(workflow, executionId) {
		return (await server().executions(workflow.id)).find((each) => each.id === executionId)?.status;
	}

	return { publish, executionOf, start, outcome, statusOf };
}

/** GET a link as a phone would open it. */
const open = async (link) => await n8n.readAnswer(await fetch(link));

/** POST a page's form to its own URL. */
const submit = async (link, form) =>
	await n8n.readAnswer(
		await fetch(link, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(form).toString(),
		}),
	);

/**
 * What the sandbox found against sandbox/contract: every exchange with an endpoint the contract documents, and every
 * delivery (an endpoint it does not document yet is not a violation of the node's).
 */
const contractViolations = (sandbox) =>
	sandbox.violations().filter((violation) => violation.where === 'delivery' || violation.endpoint !== null);

module.exports = { contractViolations, waitingRuns, open, submit };
