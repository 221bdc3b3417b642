// @ts-check
'use strict';
// The Sakari node as an AI agent's tool in real n8n: AI Agent + OpenAI Chat Model (its credential's Base URL points
// at sandbox/llm, an OpenAI-compatible fake that answers with a scripted conversation) + Sakari tools. The fake
// records what n8n sent the model (the tools, their results), the Sakari sandbox what the tools sent Sakari. On
// n8n 2.x also the human-in-the-loop variant n8n generates from Send and Wait for Response: the gated tool runs only
// after the approval link in the SMS the approver got is used.
const fs = require('node:fs');
const path = require('node:path');
const { startLlm } = require('../../sandbox/llm/server');
const { startSandbox } = require('../../sandbox/server');
const n8n = require('../../scripts/n8n');
const { contractViolations, open, submit, waitingRuns } = require('./waiting');
const { node } = require('./workflows');

const SAKARI = { id: 'sakariE2eAgent01', name: 'Sakari sandbox (agent)' };
const OPENAI = { id: 'openAiE2eFake001', name: 'OpenAI fake' };
const MESSAGES_PATH = '/v1/accounts/acc_sandbox/messages';
const V2 = n8n.runtime().n8nVersion.startsWith('2.');
const CUSTOMER = '+13475550123';
const APPROVER = '+13475550999';

const fromAi = (key, description, type = 'string') => `={{ $fromAI('${key}', '${description}', '${type}') }}`;
const PHONE = fromAi('phone', 'The mobile number in E.164 format, e.g. +13475550123');

/** A Sakari tool node (the `sakariTool` n8n generates from the usableAsTool node). */
const sakariTool = (name, parameters, type = `${n8n.NODE_TYPE}Tool`) =>
	node(name, type, 1, parameters, undefined, { credentials: { [n8n.CREDENTIAL_TYPE]: SAKARI } });

// The one tool the workflows built here give the agent (the example workflow brings its own three).
const textCustomer = sakariTool('Text customer', {
	descriptionType: 'auto',
	resource: 'message',
	operation: 'send',
	sendTo: 'mobileNumber',
	toMobileNumber: PHONE,
	toMobileCountry: 'US',
	message: fromAi('text', 'The text message to send'),
});

// Tools left on "Tool Description: Set Automatically", one per resource kind of input: what the model reads of them.
const described = [
	textCustomer,
	sakariTool('Save contact', {
		descriptionType: 'auto',
		resource: 'contact',
		operation: 'create',
		mobileNumber: PHONE,
		mobileCountry: 'US',
		additionalFields: { firstName: fromAi('firstName', 'The first name of the contact') },
	}),
	sakariTool('Find contacts', { descriptionType: 'auto', resource: 'contact', operation: 'getAll', returnAll: false, limit: 5, filters: { mobile: PHONE } }),
	sakariTool('Check balance', { descriptionType: 'auto', resource: 'account', operation: 'get' }),
];

/** The action the built node gives an operation in the node creator: n8n's automatic tool description starts with it. */
function actionOf(resource, operation) {
	const { Sakari } = require(path.join(n8n.ROOT, 'dist', 'nodes', 'Sakari', 'Sakari.node.js'));
	const list = new Sakari().description.properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource));
	return list.options.find((option) => option.value === operation).action;
}

/** examples/agent-texts-a-customer.json with its credentials pointed at the sandbox and the fake. */
function exampleWorkflow() {
	const workflow = JSON.parse(fs.readFileSync(path.join(n8n.ROOT, 'examples', 'agent-texts-a-customer.json'), 'utf8'));
	for (const each of workflow.nodes) {
		if (each.credentials?.[n8n.CREDENTIAL_TYPE]) each.credentials = { [n8n.CREDENTIAL_TYPE]: SAKARI };
		if (each.credentials?.openAiApi) each.credentials = { openAiApi: OPENAI };
	}
	return { ...workflow, webhookPath: 'agent-texts-a-customer' };
}

let workflowCount = 0;
/**
 * Webhook (POST /webhook/<path>, body `{prompt}`) → AI Agent with an OpenAI Chat Model and `tools`, connected to the
 * agent, or through the human-in-the-loop node `hitl` when given.
 * @param {string} key
 * @param {{ tools: object[], responsesApi?: boolean, hitl?: any, respondWhenDone?: boolean }} options
 */
function agentWorkflow(key, { tools, responsesApi = true, hitl = undefined, respondWhenDone = true }) {
	workflowCount += 1;
	const webhookPath = `sakari-agent-${key}`;
	const start = node(
		'Start',
		'n8n-nodes-base.webhook',
		2,
		{ httpMethod: 'POST', path: webhookPath, responseMode: respondWhenDone ? 'lastNode' : 'onReceived', responseData: 'firstEntryJson', options: {} },
		[0, 0],
		{ webhookId: `00000000-0000-4000-c000-${String(workflowCount).padStart(12, '0')}` },
	);
	const agent = node('Agent', '@n8n/n8n-nodes-langchain.agent', 3, { promptType: 'define', text: '={{ $json.body.prompt }}', options: {} }, [240, 0]);
	const model = node(
		'OpenAI Chat Model',
		'@n8n/n8n-nodes-langchain.lmChatOpenAi',
		1.3,
		{ model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, responsesApiEnabled: responsesApi, options: {} },
		[160, 200],
		{ credentials: { openAiApi: OPENAI } },
	);
	/** @type {Record<string, any>} */
	const connections = {
		Start: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': { ai_languageModel: [[{ node: 'Agent', type: 'ai_languageModel', index: 0 }]] },
	};
	for (const tool of tools) connections[tool.name] = { ai_tool: [[{ node: hitl ? hitl.name : 'Agent', type: 'ai_tool', index: 0 }]] };
	if (hitl) connections[hitl.name] = { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] };
	return {
		id: `sakariE2eAgent${String(workflowCount).padStart(2, '0')}`,
		name: `E2E agent: ${key}`,
		webhookPath,
		active: false,
		nodes: [start, agent, model, ...tools, ...(hitl ? [hitl] : [])],
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * The human-in-the-loop tool n8n 2.x generates from Send and Wait for Response: texts the approver a link. Without
 * `message`, n8n's default Message ("…Input:\n{{ $tool.parameters }}").
 * @param {string} [message]
 */
const approveBySms = (message) =>
	sakariTool(
		'Approve by SMS',
		{ sendTo: 'mobileNumber', toMobileNumber: APPROVER, toMobileCountry: 'US', ...(message !== undefined && { message }) },
		`${n8n.NODE_TYPE}HitlTool`,
	);

const WORKFLOWS = {
	example: exampleWorkflow(),
	chatCompletions: agentWorkflow('chat-completions', { tools: [textCustomer], responsesApi: false }),
	described: agentWorkflow('described', { tools: described }),
	...(V2 && {
		gated: agentWorkflow('gated', {
			tools: [textCustomer],
			hitl: approveBySms('=The agent wants to run {{ $tool.name }} with {{ JSON.stringify($tool.parameters) }}'),
			respondWhenDone: false,
		}),
		gatedByDefault: agentWorkflow('gated-by-default', { tools: [textCustomer], hitl: approveBySms(), respondWhenDone: false }),
	}),
};

let sandbox;
let llm;
let folder;
let server;
const runs = waitingRuns(() => server);

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, checkContract: true });
	llm = await startLlm();
	folder = await n8n.freshUserFolder({ label: 'agent', tarball: n8n.packPackage() });
	await n8n.importCredentials(folder, [
		{ ...SAKARI, type: n8n.CREDENTIAL_TYPE, data: n8n.sandboxCredentialData(sandbox) },
		{ ...OPENAI, type: 'openAiApi', data: { apiKey: 'sk-sandbox-not-a-key', url: `${llm.url}/v1` } },
	]);
	await n8n.importWorkflows(folder, Object.values(WORKFLOWS));
	server = await n8n.startServer(folder, { logFile: path.join(folder, 'n8n.log') });
	await server.login();
	await runs.publish(Object.values(WORKFLOWS));
});

afterAll(async () => {
	await server?.stop();
	if (folder && !process.env.SAKARI_E2E_KEEP) n8n.removeUserFolder(folder);
	else if (folder) process.stderr.write(`[e2e agent] kept ${folder}\n`);
	await llm?.close();
	await sandbox?.close();
});

beforeEach(() => {
	sandbox.clearRequests();
	sandbox.clearViolations();
	llm.clearRequests();
});
afterEach(() => expect(contractViolations(sandbox)).toEqual([]));

const sentTexts = () => sandbox.requests().filter((request) => request.method === 'POST' && request.path === MESSAGES_PATH).map((request) => request.body);
const modelCalls = () => llm.requests().filter((request) => request.method === 'POST');

/** The tools n8n offered the model in a Responses API request, by name: description and parameter schema. */
const offeredTools = (body) => Object.fromEntries((body.tools ?? []).map((tool) => [tool.name ?? tool.function?.name, tool]));

/** What each tool call returned to the model (Responses API `function_call_output` items), in order. */
const toolOutputs = (body) => (body.input ?? []).filter((item) => item.type === 'function_call_output').map((item) => item.output);

test('examples/agent-texts-a-customer.json: the agent finds, saves and texts a customer through three Sakari tools; its answer is the workflow output', async () => {
	llm.setScript([
		{ tools: [{ name: 'Find_contact', arguments: { phone: CUSTOMER } }] },
		{ tools: [{ name: 'Save_contact', arguments: { phone: CUSTOMER, firstName: 'Ada' } }] },
		{ tools: [{ name: 'Text_customer', arguments: { phone: CUSTOMER, text: 'Hi Ada, your order #1042 has shipped.' } }] },
		{ answer: 'Done: Ada is saved and has her shipping text.' },
	]);
	const { response } = await runs.start(WORKFLOWS.example, { prompt: `Tell Ada (${CUSTOMER}) that order #1042 has shipped.` });
	expect(response.status).toBe(200);
	expect(response.json).toEqual({ output: 'Done: Ada is saved and has her shipping text.' });

	// Sakari got exactly what the model asked for, once each.
	const api = sandbox.requests().filter((request) => request.path.startsWith('/v1/'));
	expect(api.map((request) => `${request.method} ${request.path}`)).toEqual([
		'GET /v1/accounts/acc_sandbox/contacts',
		'POST /v1/accounts/acc_sandbox/contacts',
		`POST ${MESSAGES_PATH}`,
	]);
	expect(api[0].query).toMatchObject({ mobile: CUSTOMER });
	expect(api[1].body).toEqual({ mobile: { number: CUSTOMER, country: 'US' }, firstName: 'Ada' });
	expect(sentTexts()).toEqual([{ contacts: [{ mobile: { number: CUSTOMER, country: 'US' } }], template: 'Hi Ada, your order #1042 has shipped.' }]);

	// The model was offered the three tools, each asking for what its $fromAI fields name.
	const calls = modelCalls();
	expect(calls.map((call) => call.path)).toEqual(Array(4).fill('/v1/responses'));
	const tools = offeredTools(calls[0].body);
	expect(Object.keys(tools).sort()).toEqual(['Find_contact', 'Save_contact', 'Text_customer']);
	// Each described as the example's tool descriptions say: what it needs and what it returns.
	const example = JSON.parse(fs.readFileSync(path.join(n8n.ROOT, 'examples', 'agent-texts-a-customer.json'), 'utf8'));
	for (const each of example.nodes.filter((candidate) => candidate.type === `${n8n.NODE_TYPE}Tool`)) {
		expect(tools[each.name.replace(/ /g, '_')].description).toBe(each.parameters.toolDescription);
	}
	expect(Object.keys(tools.Text_customer.parameters.properties).sort()).toEqual(['phone', 'text']);
	expect(tools.Text_customer.parameters.properties.phone.description).toBe('The mobile number in E.164 format, e.g. +13475550123');
	expect(Object.keys(tools.Save_contact.parameters.properties).sort()).toEqual(['firstName', 'phone']);
	// Each tool's result came back to the model compact: the record, not Sakari's envelope; no contact found is empty.
	const [found, ...records] = toolOutputs(calls[3].body);
	expect(JSON.parse(found)).toBe('');
	const [saved, queued] = records.map((output) => JSON.parse(output)).map((output) => (Array.isArray(output) ? output : [output]));
	expect(saved).toEqual([expect.objectContaining({ firstName: 'Ada', mobile: expect.objectContaining({ number: CUSTOMER }) })]);
	expect(queued).toEqual([expect.objectContaining({ status: 'Queued', message: 'Hi Ada, your order #1042 has shipped.' })]);
	for (const record of [...saved, ...queued]) expect(record).not.toHaveProperty('success');
});

test('tools on "Set Automatically" are described to the model by their action: what each needs and returns, "in Sakari"', async () => {
	llm.setScript([{ answer: 'Nothing to do.' }]);
	const { response } = await runs.start(WORKFLOWS.described, { prompt: 'Say hello.' });
	expect(response.status).toBe(200);
	expect(response.json).toEqual({ output: 'Nothing to do.' });
	const calls = modelCalls();
	expect(calls.map((call) => call.path)).toEqual(['/v1/responses']);
	const tools = offeredTools(calls[0].body);
	expect(Object.keys(tools).sort()).toEqual(['Check_balance', 'Find_contacts', 'Save_contact', 'Text_customer']);
	expect(tools.Text_customer.description).toBe('Send an SMS to a mobile number and return the queued message in Sakari');
	for (const each of described) {
		const { resource, operation } = each.parameters;
		expect({ tool: each.name, description: tools[each.name.replace(/ /g, '_')].description }).toEqual({
			tool: each.name,
			description: `${actionOf(resource, operation)} in Sakari`,
		});
	}
	expect(sandbox.requests().filter((request) => request.path.startsWith('/v1/'))).toEqual([]);
});

const INVALID_NUMBER_SCRIPT = [
	{ tools: [{ name: 'Text_customer', arguments: { phone: '+1555012', text: 'Hi!' } }] },
	{ answer: (results) => `I could not text that number: ${results.at(-1)}` },
];

if (V2) {
	test('an invalid number comes back to the agent as a tool error it can read (Chat Completions API); the run succeeds', async () => {
		llm.setScript(INVALID_NUMBER_SCRIPT);
		const { executionId, response } = await runs.start(WORKFLOWS.chatCompletions, { prompt: 'Text +1555012 hi' });
		expect(response.status).toBe(200);
		expect((await runs.outcome(WORKFLOWS.chatCompletions, executionId)).status).toBe('success');
		const calls = modelCalls();
		expect(calls.map((call) => call.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
		const toolMessage = calls[1].body.messages.find((message) => message.role === 'tool');
		expect(toolMessage.content).toMatch(/CONT-001/);
		expect(toolMessage.content).toMatch(/Invalid mobile number/);
		expect(response.json.output).toMatch(/^I could not text that number: .*CONT-001/s);
		expect(sentTexts()).toHaveLength(1);
	});
} else {
	test('n8n 1.x: an invalid number fails the run (1.x ends a run on a tool error), with Sakari\'s code in the error', async () => {
		llm.setScript(INVALID_NUMBER_SCRIPT);
		const { executionId, response } = await runs.start(WORKFLOWS.chatCompletions, { prompt: 'Text +1555012 hi' });
		expect(response.status).toBe(500);
		const result = await runs.outcome(WORKFLOWS.chatCompletions, executionId);
		expect(result.status).toBe('error');
		expect(JSON.stringify(result.error)).toMatch(/CONT-001/);
		expect(modelCalls()).toHaveLength(1);
	});
}

// n8n 1.x generates no human-in-the-loop tools.
if (V2) describe('the human-in-the-loop tool (n8n 2.x)', () => {
	const gatedScript = [
		{ tools: [{ name: 'Text_customer', arguments: { toolParameters: { phone: CUSTOMER, text: 'Your refund of $40 is on its way.' }, hitlParameters: {} } }] },
		{ answer: (results) => `Outcome: ${results.at(-1)}` },
	];

	/** Starts a gated workflow; resolves once the approver's SMS was sent and the execution waits. */
	async function askApproval(workflow = WORKFLOWS.gated) {
		llm.setScript(gatedScript);
		const { executionId } = await runs.start(workflow, { prompt: `Tell ${CUSTOMER} the refund is on its way.` });
		await runs.executionOf(workflow, (each) => each.id === executionId && each.status === 'waiting', 'waiting for approval');
		const texts = sentTexts();
		expect(texts).toHaveLength(1);
		expect(texts[0].contacts).toEqual([{ mobile: { number: APPROVER, country: 'US' } }]);
		// The approver reads which tool and what input; the customer got nothing yet.
		expect(texts[0].template).toContain('Text_customer');
		expect(texts[0].template).toContain('Your refund of $40 is on its way.');
		const link = /(\S+)$/.exec(texts[0].template)?.[1] ?? '';
		expect(link).toMatch(/\/webhook-waiting\/\d+\/[^?]+\?signature=[0-9a-f]{64}$/);
		return { executionId, link, template: texts[0].template };
	}

	test("n8n's default Message texts the approver the tool's input as JSON, not [object Object]", async () => {
		const { executionId, link, template } = await askApproval(WORKFLOWS.gatedByDefault);
		const input = JSON.stringify({ phone: CUSTOMER, text: 'Your refund of $40 is on its way.' });
		expect(template).toBe(`The agent wants to run this tool: Text_customer\n\nInput:\n${input}\nApprove or decline: ${link}`);
		// The approval page repeats the message, the input as JSON too (HTML-escaped).
		const page = await open(link);
		expect(page.status).toBe(200);
		expect(page.text).toContain(`Input:\n${input.replace(/"/g, '&quot;')}</p>`);
		expect((await submit(link, { approved: 'false' })).status).toBe(200);
		expect((await runs.outcome(WORKFLOWS.gatedByDefault, executionId, 60_000)).status).toBe('success');
	});

	test('approved: the gated Sakari tool runs after the link is used, and the agent answers', async () => {
		const { executionId, link } = await askApproval();
		expect((await open(link)).status).toBe(200);
		expect(await runs.statusOf(WORKFLOWS.gated, executionId)).toBe('waiting');
		expect((await submit(link, { approved: 'true' })).status).toBe(200);
		const result = await runs.outcome(WORKFLOWS.gated, executionId, 60_000);
		expect(result.status).toBe('success');
		expect(sentTexts().at(-1)).toEqual({ contacts: [{ mobile: { number: CUSTOMER, country: 'US' } }], template: 'Your refund of $40 is on its way.' });
		expect(result.items('Agent')[0].output).toMatch(/^Outcome: .*Queued/s);
	});

	test('declined: the gated tool never runs; the agent is told the user rejected it', async () => {
		const { executionId, link } = await askApproval();
		expect((await submit(link, { approved: 'false' })).status).toBe(200);
		const result = await runs.outcome(WORKFLOWS.gated, executionId, 60_000);
		expect(result.status).toBe('success');
		expect(sentTexts()).toHaveLength(1);
		expect(result.items('Agent')[0].output).toMatch(/^Outcome: .*User rejected the tool call to Text customer/s);
	});
});
