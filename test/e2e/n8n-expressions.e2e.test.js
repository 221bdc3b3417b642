// @ts-check
'use strict';
// `$('Node')` with n8n's own nodes only (Manual Trigger or Webhook → Set → Code → Set), started each way users
// start executions: `n8n execute`, the editor's manual run (REST), a production webhook of an active workflow. It
// shows what n8n itself resolves, so README's Compatibility and docs/e2e.md can say which references a version
// loses without guessing: n8n 1.123.81's default expression engine ("vm") resolves `$('<a Code node>')` to
// nothing however the execution starts, unless the Code node runs in a task runner; n8n 2.41.1 resolves it.
const path = require('node:path');
const n8n = require('../../scripts/n8n');

const node = n8n.workflowNode;
const N8N_1 = n8n.runtime().n8nVersion.startsWith('1.');

/** Set: one field per assignment (a number or a string; expressions start with `=`). */
const set = (name, assignments, position) =>
	node(
		name,
		'n8n-nodes-base.set',
		3.4,
		{
			mode: 'manual',
			assignments: {
				assignments: Object.entries(assignments).map(([field, value], index) => ({
					id: `a${index}`,
					name: field,
					value,
					type: typeof value === 'number' ? 'number' : 'string',
				})),
			},
			options: {},
		},
		position,
	);

/** After `trigger`: Set "First" (x = 41), Code "Rows" (two items), Set "Read" reading both through `$()`. */
function referencesWorkflow(trigger) {
	const nodes = [
		trigger,
		set('First', { x: 41 }, [220, 0]),
		node('Rows', 'n8n-nodes-base.code', 2, { jsCode: "return [{ json: { n: 'a' } }, { json: { n: 'b' } }];" }, [440, 0]),
		set(
			'Read',
			{
				fromSet: "={{ $('First').item.json.x + 1 }}",
				fromCode: "={{ $('Rows').item.json.n }}",
				codeCount: "={{ $('Rows').all().length }}",
				own: '={{ $json.n }}',
			},
			[660, 0],
		),
	];
	/** @type {Record<string, unknown>} */
	const connections = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const MANUAL = {
	id: 'n8nExprManual01',
	name: 'n8n expressions: manual',
	active: false,
	...referencesWorkflow(node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0])),
};
const WEBHOOK_PATH = 'n8n-expressions';
const WEBHOOK = {
	name: 'n8n expressions: webhook',
	...referencesWorkflow(
		node(
			'Webhook',
			'n8n-nodes-base.webhook',
			2,
			{ httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			[0, 0],
			{ webhookId: '00000000-0000-4000-a000-00000000e0e1' },
		),
	),
};

/** What "Read" outputs when every reference resolves; `codeLost`: `$('Rows')` resolved to nothing. */
const expected = ({ codeLost }) =>
	['a', 'b'].map((n) => ({
		fromSet: '42',
		fromCode: codeLost ? null : n,
		codeCount: codeLost ? null : '2',
		own: n,
	}));

const readItems = (runData) => runData.Read[0].data.main[0].map((item) => item.json);

let folder;
beforeAll(async () => {
	folder = await n8n.freshUserFolder({ label: 'expressions' });
	await n8n.importWorkflows(folder, [MANUAL]);
});
afterAll(() => {
	if (folder) n8n.removeUserFolder(folder);
});

/**
 * `n8n execute`: what "Read" output in the run n8n printed.
 * @param {Record<string, string>} [env]
 */
async function executeRead(env) {
	const result = await n8n.executeWorkflow(folder, MANUAL.id, { env });
	if (!result.run) throw new Error(`n8n execute printed no run (exit ${result.code})\n${result.output.slice(-3000)}`);
	return readItems(result.run.data.resultData.runData);
}

it(`n8n execute: $('Set') resolves; $('Code') ${N8N_1 ? 'resolves to nothing on n8n 1.x' : 'resolves'}`, async () => {
	expect(await executeRead()).toEqual(expected({ codeLost: N8N_1 }));
});

it("n8n execute with the Code node in a task runner, or with the legacy engine: $('Code') resolves", async () => {
	expect(await executeRead({ N8N_RUNNERS_ENABLED: 'true' })).toEqual(expected({ codeLost: false }));
	expect(await executeRead({ N8N_EXPRESSION_ENGINE: 'legacy' })).toEqual(expected({ codeLost: false }));
});

describe('n8n start', () => {
	let server;
	beforeAll(async () => {
		server = await n8n.startServer(folder, { logFile: path.join(folder, 'n8n.log'), maxLifetimeMs: 10 * 60_000 });
		await server.login();
	});
	afterAll(async () => {
		await server?.stop();
	});

	it(`the editor's manual run (REST): $('Code') ${N8N_1 ? 'resolves to nothing on n8n 1.x' : 'resolves'}`, async () => {
		const { data: saved } = await server.rest.expectOk('POST', '/rest/workflows', { ...MANUAL, id: undefined });
		// What "Execute workflow" sends, started from the Manual Trigger.
		await server.rest.expectOk('POST', `/rest/workflows/${saved.id}/run`, {
			workflowData: { ...MANUAL, id: saved.id },
			triggerToStartFrom: { name: 'Start' },
		});
		const deadline = Date.now() + 60_000;
		let execution;
		while (!(execution = (await server.executions(saved.id)).find((each) => ['success', 'error', 'crashed'].includes(each.status)))) {
			if (Date.now() > deadline) throw new Error('the manual run did not finish within 60 s');
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		const result = await server.executionResult(execution.id);
		expect(readItems(result.runData)).toEqual(expected({ codeLost: N8N_1 }));
	});

	it(`a production webhook of an active workflow: $('Code') ${N8N_1 ? 'resolves to nothing on n8n 1.x' : 'resolves'}`, async () => {
		const { data: saved } = await server.rest.expectOk('POST', '/rest/workflows', { ...WEBHOOK, active: false });
		await server.rest.expectOk('POST', `/rest/workflows/${saved.id}/activate`, { versionId: saved.versionId });
		const url = `${server.url}/webhook/${WEBHOOK_PATH}`;
		const deadline = Date.now() + 20_000;
		let answer;
		// Activation registers the webhook asynchronously (n8n 2.x): 404 until then.
		while ((answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status === 404) {
			if (Date.now() > deadline) throw new Error(`webhook not registered: ${answer.status}`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		expect(answer.status).toBe(200);
		expect(await answer.json()).toEqual(expected({ codeLost: N8N_1 }));
	});
});
