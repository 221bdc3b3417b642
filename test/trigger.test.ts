/**
 * Sakari Trigger: the pure helpers (delivery checks, simplify, signature), and the node's webhook methods and
 * webhook() run through n8n-core's own HookContext and WebhookContext against the sandbox over real HTTP.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: local HTTP servers receive the sandbox's deliveries */
import { createHmac, generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { Sakari } from '../nodes/Sakari/Sakari.node';
import { SakariTrigger } from '../nodes/SakariTrigger/SakariTrigger.node';
import { EVENT_TYPES, checkDelivery, simplifyDelivery, type SakariDelivery } from '../nodes/SakariTrigger/delivery';
import { sameJson } from '../nodes/SakariTrigger/signature';
import { DEFAULT_SIGNING_KEY_URL } from '../nodes/SakariTrigger/signingKey';
import { everythingShownOf, expectNoSecrets, rejectionOf } from './helpers/leaks';
import { CredentialStore, runSakari } from './helpers/routing';
import { SANDBOX_ACCOUNT, apiRequests, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

// What Sakari's sources say (sandbox/contract): every event type they list, and the help centre's example delivery.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { EVENT_TYPES: DOCUMENTED_EVENT_TYPES, EXAMPLE_DELIVERY, SDK_SIGNED_MESSAGE } = require('../sandbox/contract') as {
	EVENT_TYPES: string[];
	EXAMPLE_DELIVERY: { payload: IDataObject };
	SDK_SIGNED_MESSAGE: IDataObject;
};

const NODE_TYPE = 'n8n-nodes-sakari.sakariTrigger';
const WEBHOOK_ID = '6f1c1b9e-2a8e-4c43-9d7e-3c1f0e4b5a21';
const BASE = 'http://127.0.0.1:5678';
const PRODUCTION_URL = `${BASE}/webhook/${WEBHOOK_ID}/webhook`;
const TEST_URL = `${BASE}/webhook-test/${WEBHOOK_ID}/webhook`;

let sandbox: Sandbox;
let credentials: CredentialStore;

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

const nodeTypes = {
	getByName: () => new SakariTrigger() as INodeType,
	getByNameAndVersion: () => new SakariTrigger() as INodeType,
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

/** A one-node workflow holding the trigger, with parameter defaults applied as n8n does on save. */
function triggerWorkflow(parameters: INodeParameters = {}, staticData: IDataObject = {}) {
	const node: INode = {
		id: 'trigger-node',
		name: 'Sakari Trigger',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters,
		credentials: { sakariOAuth2Api: { id: '1', name: 'Sakari sandbox' } },
	};
	const workflow = new Workflow({
		id: 'wf-trigger',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData,
	});
	const saved = workflow.getNode(node.name)!;
	return { workflow, node: saved };
}

function additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: credentials,
		restApiUrl: `${BASE}/rest`,
		instanceBaseUrl: `${BASE}/`,
		webhookBaseUrl: `${BASE}/webhook`,
		webhookWaitingBaseUrl: `${BASE}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE}/webhook-test`,
		formWaitingBaseUrl: `${BASE}/form-waiting`,
		variables: {},
		userId: 'test-user',
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

function webhookData(workflow: Workflow, node: INode, isTest = false): IWebhookData {
	const webhookDescription = new SakariTrigger().description.webhooks![0];
	return {
		httpMethod: 'POST',
		node: node.name,
		path: `${WEBHOOK_ID}/webhook`,
		webhookDescription,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData(),
		webhookId: WEBHOOK_ID,
		isTest,
	};
}

/** The lifecycle the way n8n's WebhookService runs it: checkExists, then create when it answered false. */
async function activate(workflow: Workflow, node: INode, { isTest = false } = {}) {
	const mode: WorkflowExecuteMode = isTest ? 'manual' : 'trigger';
	const context = new HookContext(workflow, node, additionalData(), mode, 'activate', webhookData(workflow, node, isTest));
	const methods = new SakariTrigger().webhookMethods.default;
	const exists = await methods.checkExists.call(context);
	if (!exists) await methods.create.call(context);
	return { exists, context };
}

async function deactivate(workflow: Workflow, node: INode, { isTest = false } = {}) {
	const mode: WorkflowExecuteMode = isTest ? 'manual' : 'trigger';
	const context = new HookContext(workflow, node, additionalData(), mode, 'activate', webhookData(workflow, node, isTest));
	return await new SakariTrigger().webhookMethods.default.delete.call(context);
}

const webhooks = () => sandbox.state().webhooks as Array<{ id: string; url: string; eventTypes: string[] }>;

interface FakeResponse {
	statusCode?: number;
	body?: unknown;
	status(code: number): FakeResponse;
	json(body: unknown): FakeResponse;
}

/** The response object n8n's webhook server hands a node, keeping the status and JSON body it is given. */
const fakeResponse = (): FakeResponse => ({
	status(code) {
		this.statusCode = code;
		return this;
	},
	json(sent) {
		this.body = sent;
		return this;
	},
});

/** One delivery through the trigger's webhook(), with the request and response n8n's webhook server would pass. */
async function receive(
	body: unknown,
	{ parameters = {}, headers = {} }: { parameters?: INodeParameters; headers?: Record<string, string> } = {},
): Promise<{ result: IWebhookResponseData; response: FakeResponse }> {
	const { workflow, node } = triggerWorkflow(parameters);
	const response = fakeResponse();
	const httpRequest = { body, headers: { 'content-type': 'application/json', ...headers }, params: {}, query: {} };
	const context = new WebhookContext(
		workflow,
		node,
		additionalData({ httpRequest, httpResponse: response } as unknown as Partial<IWorkflowExecuteAdditionalData>),
		'webhook',
		webhookData(workflow, node),
		[],
		null,
	);
	const result = await new SakariTrigger().webhook.call(context);
	return { result, response };
}

const delivery = (eventType: string, payload?: IDataObject): SakariDelivery => ({
	accountId: SANDBOX_ACCOUNT.accountId,
	eventType,
	payload: payload ?? structuredClone(EXAMPLE_DELIVERY.payload),
});

describe('event types', () => {
	it('offers exactly the event types Sakari documents (the contract lists them with their sources)', () => {
		expect(EVENT_TYPES.map((option) => option.value).sort()).toEqual([...DOCUMENTED_EVENT_TYPES].sort());
	});

	it("offers the current reference's subscribe enum, and Conversation Closed saying that only the help centre lists it", () => {
		// https://developer.sakari.io/api-reference/webhooks/subscribe-to-message-events › Body › eventTypes › Available options
		const referenceEnum = [
			'contact-created', 'contact-updated', 'contact-removed', 'message-received', 'message-sent', 'message-status',
			'conversation-started', 'contact-opt-out', 'contact-opt-in', 'list-opt-out', 'list-opt-in',
		];
		// https://support.sakari.io/hc/en-us/articles/15804059182100-API-and-Webhooks › Webhook triggers: "Conversation Closed"
		expect(EVENT_TYPES.map((option) => option.value).sort()).toEqual([...referenceEnum, 'conversation-closed'].sort());
		const described = EVENT_TYPES.filter((option) => /not by its current API reference/.test(String(option.description)));
		expect(described.map((option) => option.value)).toEqual(['conversation-closed']);
	});
});

describe('checkDelivery', () => {
	it('accepts {accountId, eventType, payload} for this account, and a delivery without accountId', () => {
		expect(checkDelivery(delivery('message-received'), 'acc_sandbox')).toMatchObject({ ok: true });
		expect(checkDelivery({ eventType: 'message-received', payload: {} }, 'acc_sandbox')).toMatchObject({ ok: true });
	});

	it.each([
		['an empty body', {}, 400],
		['a string', 'hello', 400],
		['an array', [{ eventType: 'message-received', payload: {} }], 400],
		['null', null, 400],
		['no eventType', { payload: {} }, 400],
		['a non-string eventType', { eventType: 7, payload: {} }, 400],
		['a blank eventType', { eventType: ' ', payload: {} }, 400],
		['no payload', { eventType: 'message-received' }, 400],
		['an array payload', { eventType: 'message-received', payload: [] }, 400],
		['a non-string accountId', { accountId: 5, eventType: 'message-received', payload: {} }, 400],
		['another account', { accountId: 'acc_other', eventType: 'message-received', payload: {} }, 403],
	])('rejects %s', (_label, body, status) => {
		const check = checkDelivery(body, 'acc_sandbox');
		expect(check).toMatchObject({ ok: false, status, reason: expect.any(String) });
	});
});

describe('simplifyDelivery', () => {
	/** support.sakari.io › "API and Webhooks": the example body, values filled in; the payload is the message. */
	const helpCentreDelivery = (): SakariDelivery => ({
		accountId: 'acc_sandbox',
		eventType: 'message-received',
		payload: {
			accountId: 'acc_sandbox',
			conversation: {
				id: 'cv_1',
				closed: null,
				group: { id: 'grp_1' },
				phoneNumber: { id: 'pn_1', number: '+15555550100', country: 'US' },
			},
			group: { id: 'grp_1', name: 'Main numbers' },
			contact: {
				id: 'ct_1',
				firstName: 'Ada',
				lastName: 'Lovelace',
				mobile: { number: '+13475550101', country: 'US' },
				email: 'ada@example.com',
				created: { at: '2026-11-01T09:00:00.000Z', by: { id: 'u1', name: 'API', source: 'api', email: 'x@example.com' } },
				hubspot: { vid: '1', id: '2' },
			},
			job: { id: 'job_1' },
			type: 'sms',
			message: 'STOP? no, yes please',
			id: 'msg_1',
			outgoing: false,
			status: 'received',
			created: { at: '2026-11-26T12:00:00.000Z' },
		},
	});

	it('reads the message-shaped payload Sakari\'s help centre shows (the payload is the message)', () => {
		expect(simplifyDelivery(helpCentreDelivery())).toEqual({
			event: 'message-received',
			accountId: 'acc_sandbox',
			contact: { id: 'ct_1', name: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', mobile: '+13475550101', country: 'US' },
			message: 'STOP? no, yes please',
			messageId: 'msg_1',
			type: 'sms',
			jobId: 'job_1',
			outgoing: false,
			status: 'received',
			error: null,
			phoneNumber: '+15555550100',
			conversationId: 'cv_1',
			groupId: 'grp_1',
			media: [],
			createdAt: '2026-11-26T12:00:00.000Z',
		});
	});

	it('reads the message Sakari\'s Node SDK shows signed (MMS with media, outgoing, lower-case status), no accountId in the delivery', () => {
		const payload = {
			id: '5c112b3a4ee4e0605ae8ae2c',
			job: { id: '5c112b3a4ee4e0605ae8ae2b' },
			type: 'mms',
			template: 'Your order',
			status: 'sent',
			outgoing: true,
			read: true,
			segments: 1,
			price: 0.05,
			contact: { id: '5be9ab25b4ef210f5529f1b5', mobile: { number: '+12032938817', country: 'US' } },
			conversation: { id: '5be9ab25b4ef210f5529f1b7', closed: '2018-12-19T15:37:30.982Z' },
			message: 'Your order',
			media: [{ url: 'https://example.com/a.jpg', type: 'image/jpeg' }, 'https://example.com/b.png'],
			created: { at: '2018-12-12T15:37:30.963Z', by: { name: 'API Consumer' } },
			updated: { at: '2018-12-12T15:37:35.229Z', by: { name: 'API Consumer' } },
		};
		expect(simplifyDelivery({ eventType: 'message-sent', payload })).toMatchObject({
			accountId: null,
			contact: { id: '5be9ab25b4ef210f5529f1b5', name: null, mobile: '+12032938817', country: 'US' },
			message: 'Your order',
			messageId: '5c112b3a4ee4e0605ae8ae2c',
			type: 'mms',
			jobId: '5c112b3a4ee4e0605ae8ae2b',
			outgoing: true,
			status: 'sent',
			phoneNumber: null,
			conversationId: '5be9ab25b4ef210f5529f1b7',
			media: ['https://example.com/a.jpg', 'https://example.com/b.png'],
			createdAt: '2018-12-12T15:37:30.963Z',
		});
	});

	it('a numeric message text comes out as text ("12345"), as do numeric names and ids', () => {
		const delivery = helpCentreDelivery();
		Object.assign(delivery.payload, { message: 12345, id: 987 });
		Object.assign(delivery.payload.contact as IDataObject, { firstName: 42 });
		expect(simplifyDelivery(delivery)).toMatchObject({ message: '12345', messageId: '987', contact: { firstName: '42', name: '42 Lovelace' } });
		expect(simplifyDelivery({ eventType: 'message-received', payload: { message: 0 } })).toMatchObject({ message: '0' });
		expect(simplifyDelivery({ eventType: 'message-received', payload: { message: Number.NaN } })).toMatchObject({ message: null });
	});

	it('reads OpenAPI 1.0.1\'s MessageEventPayload {contact, message, status, error (a text)}', () => {
		const payload = { contact: { id: 'ct_3', mobile: { number: '+447700900123', country: 'GB' } }, message: 'Hi', status: 'Error', error: 'Landline' };
		expect(simplifyDelivery({ accountId: 'acc_sandbox', eventType: 'message-status', payload })).toMatchObject({
			contact: { id: 'ct_3', mobile: '+447700900123', country: 'GB' },
			message: 'Hi',
			messageId: null,
			status: 'Error',
			error: { code: null, description: 'Landline' },
		});
	});

	it('reads the message nested under payload.message (the shape read before 0.1.0)', () => {
		const payload = {
			contact: { id: 'ct_1', firstName: 'Ada', lastName: 'Lovelace', mobile: { number: '+13475550101', country: 'US' } },
			conversation: { id: 'cv_1' },
			group: { id: 'grp_1' },
			phoneNumber: { number: '+15555550100' },
			message: {
				id: 'msg_1',
				message: 'STOP? no, yes please',
				outgoing: false,
				status: 'Received',
				media: [{ url: 'https://example.com/a.jpg' }],
				created: { at: '2026-11-26T12:00:00.000Z' },
			},
		};
		expect(simplifyDelivery({ accountId: 'acc_sandbox', eventType: 'message-received', payload })).toEqual({
			event: 'message-received',
			accountId: 'acc_sandbox',
			contact: { id: 'ct_1', name: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', mobile: '+13475550101', country: 'US' },
			message: 'STOP? no, yes please',
			messageId: 'msg_1',
			type: null,
			jobId: null,
			outgoing: false,
			status: 'Received',
			error: null,
			phoneNumber: '+15555550100',
			conversationId: 'cv_1',
			groupId: 'grp_1',
			media: ['https://example.com/a.jpg'],
			createdAt: '2026-11-26T12:00:00.000Z',
		});
	});

	it.each([
		['the payload itself', { id: 'ct_9', firstName: 'Grace', lastName: 'Hopper', mobile: { number: '+33612345678', country: 'FR' } }],
		['payload.contact', { contact: { id: 'ct_9', firstName: 'Grace', lastName: 'Hopper', mobile: { number: '+33612345678', country: 'FR' } } }],
	])('contact and list events: the contact is %s; no message fields are made up from it', (_label, payload) => {
		for (const eventType of ['contact-created', 'contact-opt-out', 'list-opt-in']) {
			expect(simplifyDelivery({ eventType, payload })).toMatchObject({
				event: eventType,
				contact: { id: 'ct_9', name: 'Grace Hopper', mobile: '+33612345678', country: 'FR' },
				messageId: null,
				message: null,
				conversationId: null,
			});
		}
	});

	it('conversation events: the conversation is payload.conversation or the payload itself', () => {
		const conversation = { id: 'cv_7', closed: '2026-11-26T12:00:00.000Z', contact: { id: 'ct_7' }, group: { id: 'grp_7' }, phoneNumber: { number: '+15555550100' } };
		for (const payload of [conversation, { conversation }]) {
			expect(simplifyDelivery({ eventType: 'conversation-closed', payload })).toMatchObject({
				conversationId: 'cv_7',
				messageId: null,
				groupId: 'grp_7',
				phoneNumber: '+15555550100',
				contact: { id: 'ct_7' },
			});
		}
	});

	it('takes contact and conversation from the message, numbers given as strings, and a delivery error', () => {
		const simple = simplifyDelivery({
			eventType: 'message-status',
			payload: {
				message: {
					contact: { id: 'ct_2', mobile: '+13475550102' },
					conversation: { id: 'cv_2' },
					phoneNumber: '+15555550100',
					status: 'Error',
					error: { code: 'MSG-020', description: 'Landline' },
				},
			},
		});
		expect(simple).toMatchObject({
			event: 'message-status',
			accountId: null,
			contact: { id: 'ct_2', name: null, mobile: '+13475550102' },
			conversationId: 'cv_2',
			phoneNumber: '+15555550100',
			status: 'Error',
			error: { code: 'MSG-020', description: 'Landline' },
		});
	});

	it.each(DOCUMENTED_EVENT_TYPES)('never throws and keeps every key for %s, even on an empty payload', (eventType) => {
		const keys = Object.keys(simplifyDelivery(delivery('message-received'))).sort();
		expect(Object.keys(simplifyDelivery(delivery(eventType))).sort()).toEqual(keys);
		expect(Object.keys(simplifyDelivery({ eventType, payload: {} })).sort()).toEqual(keys);
	});
});

describe('sameJson', () => {
	it('compares JSON values deeply, ignoring key order only', () => {
		expect(sameJson({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
		expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
		expect(sameJson([1, 2], [2, 1])).toBe(false);
		expect(sameJson({ a: '1' }, { a: 1 })).toBe(false);
		expect(sameJson(null, {})).toBe(false);
	});
});

describe('webhook methods against the sandbox (n8n-core HookContext)', () => {
	// Every request the node sends and every sandbox answer are held against sandbox/contract (useSandbox).

	it('subscribes the production URL with the picked events and remembers URL and id', async () => {
		const staticData: IDataObject = {};
		const { workflow, node } = triggerWorkflow({ events: ['message-received', 'message-status'] }, staticData);

		const { exists } = await activate(workflow, node);

		expect(exists).toBe(false);
		expect(webhooks()).toEqual([
			{ id: expect.any(String), url: PRODUCTION_URL, eventTypes: ['message-received', 'message-status'] },
		]);
		const requests = apiRequests(sandbox).map((request) => `${request.method} ${request.path}`);
		// checkExists lists, create lists again (nothing to remove) and subscribes.
		expect(requests).toEqual([
			'GET /v1/accounts/acc_sandbox/webhooks',
			'GET /v1/accounts/acc_sandbox/webhooks',
			'POST /v1/accounts/acc_sandbox/webhooks',
		]);
		expect(apiRequests(sandbox)[2].body).toEqual({ url: PRODUCTION_URL, eventTypes: ['message-received', 'message-status'] });
		expect(apiRequests(sandbox)[2].headers.authorization).toMatch(/^Bearer /);
		expect(workflow.staticData[`node:${node.name}`]).toEqual({ webhookUrl: PRODUCTION_URL, webhookId: webhooks()[0].id });
	});

	it('uses the default event (message-received) when none was picked explicitly', async () => {
		const { workflow, node } = triggerWorkflow();
		await activate(workflow, node);
		expect(webhooks()).toEqual([expect.objectContaining({ url: PRODUCTION_URL, eventTypes: ['message-received'] })]);
	});

	describe.each(['current', '1.0.1'])('Sakari answering in the %s shapes, never merging two subscriptions of one URL', (shapes) => {
		beforeEach(() => sandbox.configure({ shapes }));

		it('an n8n restart (activation again) finds its one subscription and creates nothing', async () => {
			const first = triggerWorkflow({ events: ['message-received', 'contact-opt-out'] });
			await activate(first.workflow, first.node);
			const [hook] = webhooks();
			sandbox.clearRequests();

			for (let restart = 0; restart < 2; restart++) {
				const again = triggerWorkflow({ events: ['contact-opt-out', 'message-received'] });
				const { exists } = await activate(again.workflow, again.node);
				expect(exists).toBe(true);
				// 1.0.1 lists no id.
				expect(again.workflow.staticData[`node:${again.node.name}`]).toEqual(
					shapes === 'current' ? { webhookUrl: PRODUCTION_URL, webhookId: hook.id } : { webhookUrl: PRODUCTION_URL },
				);
			}
			expect(apiRequests(sandbox).map((request) => request.method)).toEqual(['GET', 'GET']);
			expect(webhooks()).toEqual([hook]);
		});

		it('after an edit, activation leaves exactly one subscription, with the new events', async () => {
			const first = triggerWorkflow({ events: ['message-received'] });
			await activate(first.workflow, first.node);
			sandbox.clearRequests();

			const edited = triggerWorkflow({ events: ['message-received', 'message-sent'] });
			const { exists } = await activate(edited.workflow, edited.node);

			expect(exists).toBe(false);
			expect(webhooks()).toEqual([{ id: expect.any(String), url: PRODUCTION_URL, eventTypes: ['message-received', 'message-sent'] }]);
			expect(apiRequests(sandbox).map((request) => `${request.method} ${request.path}`)).toEqual([
				'GET /v1/accounts/acc_sandbox/webhooks',
				'GET /v1/accounts/acc_sandbox/webhooks',
				`DELETE /v1/accounts/acc_sandbox/webhooks/${encodeURIComponent(PRODUCTION_URL)}`,
				'POST /v1/accounts/acc_sandbox/webhooks',
			]);
		});

		it('several subscriptions of its URL (left by earlier versions) become one on activation', async () => {
			const token = await bearer();
			for (const eventTypes of [['message-received'], ['message-received'], ['message-sent']]) {
				await seedSubscription(token, { url: PRODUCTION_URL, eventTypes });
			}
			await seedSubscription(token, { url: 'https://elsewhere.example/hook', eventTypes: ['message-received'] });
			const { workflow, node } = triggerWorkflow({ events: ['message-received'] });
			expect((await activate(workflow, node)).exists).toBe(false);
			expect(webhooks().map(({ url, eventTypes }) => ({ url, eventTypes }))).toEqual([
				{ url: 'https://elsewhere.example/hook', eventTypes: ['message-received'] },
				{ url: PRODUCTION_URL, eventTypes: ['message-received'] },
			]);
		});

		it('pages through the subscription list to find its own (150 others first)', async () => {
			const token = await bearer();
			for (let i = 0; i < 150; i++) await seedSubscription(token, { url: `https://other.example/hook/${i}`, eventTypes: ['message-received'] });
			const first = triggerWorkflow();
			expect((await activate(first.workflow, first.node)).exists).toBe(false);
			sandbox.clearRequests();
			const again = triggerWorkflow();
			expect((await activate(again.workflow, again.node)).exists).toBe(true);
			// Current: on while hasNext is true; 1.0.1 (no hasNext): until a short page.
			expect(apiRequests(sandbox).map((r) => [r.method, r.query])).toEqual([
				['GET', { offset: '0', limit: '100' }],
				['GET', { offset: '100', limit: '100' }],
			]);
			expect(webhooks()).toHaveLength(151);
		});

		it('deactivation removes every subscription of its URL and nothing else', async () => {
			const token = await bearer();
			await seedSubscription(token, { url: PRODUCTION_URL, eventTypes: ['message-received'] });
			await seedSubscription(token, { url: PRODUCTION_URL, eventTypes: ['message-sent'] });
			await seedSubscription(token, { url: TEST_URL, eventTypes: ['message-received'] });
			const { workflow, node } = triggerWorkflow();
			expect(await deactivate(workflow, node)).toBe(true);
			expect(webhooks().map((hook) => hook.url)).toEqual([TEST_URL]);
		});
	});

	it('reads the current answer {id, type, eventTypes, destination} (no `url`) and keeps the id', async () => {
		const { workflow, node } = triggerWorkflow({ events: ['message-received'] });
		await activate(workflow, node);
		const [post] = apiRequests(sandbox).filter((request) => request.method === 'POST');
		const listed = await fetch(`${sandbox.url}/v1/accounts/acc_sandbox/webhooks`, { headers: { authorization: `Bearer ${await bearer()}` } });
		const [hook] = webhooks();
		expect(((await listed.json()) as IDataObject).data).toEqual([
			{ id: hook.id, type: 'webhook', eventTypes: ['message-received'], destination: PRODUCTION_URL },
		]);
		expect(post.status).toBe(200);
		expect(workflow.staticData[`node:${node.name}`]).toEqual({ webhookUrl: PRODUCTION_URL, webhookId: hook.id });
	});

	describe('when Sakari refuses the delete by URL (404 or 405) while it still lists the subscription', () => {
		const refuseByUrl = (status: number) =>
			sandbox.injectFault({ kind: 'status', status, times: 10, match: { method: 'DELETE', path: 'webhooks/http%3A' } });

		it.each([404, 405])('HTTP %s by URL: deletes it by id, and only it', async (status) => {
			const token = await bearer();
			await seedSubscription(token, { url: 'https://elsewhere.example/hook', eventTypes: ['message-received'] });
			const { workflow, node } = triggerWorkflow();
			await activate(workflow, node);
			const mine = webhooks()[1];
			refuseByUrl(status);
			sandbox.clearRequests();

			expect(await deactivate(workflow, node)).toBe(true);

			expect(webhooks().map((hook) => hook.url)).toEqual(['https://elsewhere.example/hook']);
			expect(apiRequests(sandbox).map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
				`DELETE /v1/accounts/acc_sandbox/webhooks/${encodeURIComponent(PRODUCTION_URL)} ${status}`,
				'GET /v1/accounts/acc_sandbox/webhooks 200',
				`DELETE /v1/accounts/acc_sandbox/webhooks/${mine.id} 204`,
				'GET /v1/accounts/acc_sandbox/webhooks 200',
			]);
		});

		it('404 by URL and nothing listed: already removed (e.g. in the Sakari app), deactivation succeeds', async () => {
			const { workflow, node } = triggerWorkflow();
			refuseByUrl(404);
			expect(await deactivate(workflow, node)).toBe(true);
			expect(apiRequests(sandbox).map((request) => request.method)).toEqual(['DELETE', 'GET']);
		});

		it('neither by URL nor by id: deactivation fails with an error that says so and what to do', async () => {
			const { workflow, node } = triggerWorkflow();
			await activate(workflow, node);
			const [mine] = webhooks();
			refuseByUrl(405);
			sandbox.injectFault({ kind: 'status', status: 405, times: 10, match: { method: 'DELETE', path: `/webhooks/${mine.id}` } });
			const error = await rejectionOf(deactivate(workflow, node));
			expect(error.message).toBe(
				`Sakari keeps the webhook subscription of ${PRODUCTION_URL}: deleting it by URL answered HTTP 405, by ID (${mine.id}: HTTP 405) did not remove it either`,
			);
			expect((error as { description?: string }).description).toMatch(/Remove the subscription in the Sakari app/);
			expect(webhooks()).toEqual([mine]);
		});

		it('1.0.1 lists no id: deactivation fails, saying so', async () => {
			sandbox.configure({ shapes: '1.0.1' });
			const { workflow, node } = triggerWorkflow();
			await activate(workflow, node);
			refuseByUrl(405);
			const error = await rejectionOf(deactivate(workflow, node));
			expect(error.message).toBe(
				`Sakari keeps the webhook subscription of ${PRODUCTION_URL}: deleting it by URL answered HTTP 405, by ID (one is listed without an ID) did not remove it either`,
			);
			expect(webhooks()).toHaveLength(1);
		});
	});

	it('test and production URLs get their own subscriptions, and each deactivation removes only its own', async () => {
		const others = [
			{ url: 'https://elsewhere.example/hook', eventTypes: ['message-received'] },
			{ url: `${BASE}/webhook/another-node/webhook`, eventTypes: ['message-received'] },
		];
		for (const other of others) {
			await fetch(`${sandbox.url}/v1/accounts/acc_sandbox/webhooks`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${await bearer()}` },
				body: JSON.stringify(other),
			});
		}
		const production = triggerWorkflow({ events: ['message-received'] });
		const test = triggerWorkflow({ events: ['message-received'] });
		await activate(production.workflow, production.node);
		await activate(test.workflow, test.node, { isTest: true });
		expect(webhooks().map((hook) => hook.url)).toEqual([...others.map((other) => other.url), PRODUCTION_URL, TEST_URL]);
		sandbox.clearRequests();

		expect(await deactivate(test.workflow, test.node, { isTest: true })).toBe(true);
		expect(webhooks().map((hook) => hook.url)).toEqual([...others.map((other) => other.url), PRODUCTION_URL]);
		expect(await deactivate(production.workflow, production.node)).toBe(true);
		expect(webhooks().map((hook) => hook.url)).toEqual(others.map((other) => other.url));

		expect(apiRequests(sandbox).map((request) => `${request.method} ${request.path}`)).toEqual([
			`DELETE /v1/accounts/acc_sandbox/webhooks/${encodeURIComponent(TEST_URL)}`,
			`DELETE /v1/accounts/acc_sandbox/webhooks/${encodeURIComponent(PRODUCTION_URL)}`,
		]);
		expect(production.workflow.staticData[`node:${production.node.name}`]).toEqual({});
	});

	it('deletes the URL it subscribed even when n8n now computes another one (base URL changed)', async () => {
		const staticData: IDataObject = { [`node:Sakari Trigger`]: { webhookUrl: 'https://old-host.example/webhook/x/webhook' } };
		await fetch(`${sandbox.url}/v1/accounts/acc_sandbox/webhooks`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${await bearer()}` },
			body: JSON.stringify({ url: 'https://old-host.example/webhook/x/webhook', eventTypes: ['message-received'] }),
		});
		const { workflow, node } = triggerWorkflow({}, staticData);
		await deactivate(workflow, node);
		expect(webhooks()).toEqual([]);
	});

	it('treats a subscription already removed in Sakari as deleted', async () => {
		const { workflow, node } = triggerWorkflow();
		await activate(workflow, node);
		sandbox.reset();
		expect(await deactivate(workflow, node)).toBe(true);
	});

	it("fails activation with Sakari's code and no secret when Sakari refuses", async () => {
		sandbox.injectFault({
			kind: 'status',
			status: 403,
			code: 'ACCT-016',
			message: 'Insufficient access',
			match: { method: 'POST', path: '/webhooks' },
		});
		const { workflow, node } = triggerWorkflow();
		const error = await rejectionOf(activate(workflow, node));
		expect(error.message).toBe('Insufficient access (ACCT-016)');
		expectNoSecrets(everythingShownOf(error), [SANDBOX_ACCOUNT.clientSecret, String(credentials.data.accessToken)]);
		expect(webhooks()).toEqual([]);
	});

	it('retries subscribe and unsubscribe on 429 and 503 (Retry-After honoured), a bounded number of times', async () => {
		const { workflow, node } = triggerWorkflow();
		sandbox.injectFault({ kind: 'status', status: 429, retryAfter: 0, times: 1, match: { method: 'POST', path: '/webhooks' } });
		sandbox.injectFault({ kind: 'status', status: 503, retryAfter: 0, times: 1, match: { method: 'POST', path: '/webhooks' } });
		await activate(workflow, node);
		expect(apiRequests(sandbox).filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([429, 503, 200]);
		expect(webhooks()).toHaveLength(1);

		sandbox.injectFault({ kind: 'status', status: 503, retryAfter: 0, times: 1, match: { method: 'DELETE', path: '/webhooks/' } });
		expect(await deactivate(workflow, node)).toBe(true);
		expect(apiRequests(sandbox).filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([503, 204]);
		expect(webhooks()).toEqual([]);

		sandbox.clearRequests();
		sandbox.injectFault({ kind: 'status', status: 503, retryAfter: 0, times: 10, match: { method: 'POST', path: '/webhooks' } });
		const error = await rejectionOf(activate(workflow, node));
		expect(error.message).toMatch(/SYS-503/);
		expect(apiRequests(sandbox).filter((r) => r.method === 'POST')).toHaveLength(4);
	});

	it('does not retry what cannot get better (400)', async () => {
		sandbox.injectFault({ kind: 'status', status: 400, code: 'HOOK-002', message: 'Bad url', times: 3, match: { method: 'POST', path: '/webhooks' } });
		const { workflow, node } = triggerWorkflow();
		expect((await rejectionOf(activate(workflow, node))).message).toBe('Bad url (HOOK-002)');
		expect(apiRequests(sandbox).filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('never sends the bearer token across a redirect: redirects are not followed', async () => {
		const seen: IncomingHttpHeaders[] = [];
		const elsewhere = createServer((req, res) => {
			seen.push(req.headers);
			req.resume();
			req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end('{"success":true,"data":{"url":"x","eventTypes":[]}}'));
		});
		await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
		try {
			// Another origin: localhost instead of 127.0.0.1, another port.
			const location = `http://localhost:${(elsewhere.address() as AddressInfo).port}/v1/accounts/acc_sandbox/webhooks`;
			sandbox.injectFault({ kind: 'status', status: 307, location, match: { method: 'POST', path: '/webhooks' } });
			const { workflow, node } = triggerWorkflow();
			await activate(workflow, node).catch(() => undefined);
		} finally {
			await new Promise((resolve) => elsewhere.close(resolve));
		}
		expect(apiRequests(sandbox).find((r) => r.method === 'POST')?.headers.authorization).toMatch(/^Bearer /);
		// The redirect is not followed at all (Sakari's API does not redirect): the other origin sees nothing.
		expect(seen).toEqual([]);
	});

	it('fails deactivation loudly (not silently) on errors other than "not found"', async () => {
		const { workflow, node } = triggerWorkflow();
		await activate(workflow, node);
		sandbox.injectFault({ kind: 'status', status: 500, times: 10, match: { method: 'DELETE', path: '/webhooks/' } });
		const error = await rejectionOf(deactivate(workflow, node));
		expect(error.message).toMatch(/SYS-500/);
		expect(webhooks()).toHaveLength(1);
	});
});

describe('webhook(): one delivery (n8n-core WebhookContext)', () => {
	it('turns a picked event into exactly one simplified item', async () => {
		const body = delivery('message-received');
		const { result, response } = await receive(body);
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData).toHaveLength(1);
		expect(result.workflowData![0]).toEqual([{ json: simplifyDelivery(body) }]);
		expect(result.workflowData![0][0].json).toMatchObject({ event: 'message-received', message: 'Test message', messageId: 'msg_example' });
	});

	it('a numeric message text (12345) comes out as "12345" with Simplify on, and as sent with it off', async () => {
		const body = delivery('message-received', { ...delivery('message-received').payload, message: 12345 });
		expect((await receive(body)).result.workflowData![0][0].json).toMatchObject({ message: '12345' });
		const raw = await receive(body, { parameters: { simplify: false } });
		expect(raw.result.workflowData![0][0].json).toMatchObject({ payload: { message: 12345 } });
	});

	it('passes the raw delivery when Simplify is off', async () => {
		const body = delivery('message-status');
		const { result } = await receive(body, { parameters: { events: ['message-status'], simplify: false } });
		expect(result.workflowData![0]).toEqual([{ json: body }]);
	});

	it('answers 200 and starts nothing for an event type the user did not pick', async () => {
		const { result, response } = await receive(delivery('contact-created'));
		expect(result.workflowData).toBeUndefined();
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.webhookResponse).toEqual({ success: true, ignored: 'contact-created' });
		expect(response.statusCode).toBeUndefined();
	});

	it.each([
		['an empty body', {}, 400],
		['no payload', { eventType: 'message-received' }, 400],
		['another account', { ...delivery('message-received'), accountId: 'acc_other' }, 403],
	])('answers %s with a 4xx and a short JSON reason, starting nothing', async (_label, body, status) => {
		const { result, response } = await receive(body);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(status);
		expect(response.body).toEqual({ success: false, error: expect.any(String) });
	});

});

describe('webhook(): a delivery echoing the credential', () => {
	it("outputs neither the Client Secret nor the access token, Simplify on or off; everything else as delivered", async () => {
		// The trigger's own token, as n8n stored it when the trigger subscribed (then unsubscribed: no delivery to n8n).
		const { workflow, node } = triggerWorkflow();
		await activate(workflow, node);
		await deactivate(workflow, node);
		const token = String(credentials.data.accessToken);
		expect(token.length).toBeGreaterThan(20);
		const secret = SANDBOX_ACCOUNT.clientSecret;
		const example = structuredClone(EXAMPLE_DELIVERY.payload);
		const payload = {
			...example,
			message: `my key is ${secret}`,
			contact: { ...(example.contact as IDataObject), firstName: token, lastName: 'Lovelace' },
			echo: { header: `Bearer ${token}`, list: [secret, encodeURIComponent(token)] },
		};
		const [body] = await deliveredOverHttp([['message-received', payload]]);

		const raw = (await receive(body, { parameters: { simplify: false } })).result.workflowData![0][0].json;
		expectNoSecrets(JSON.stringify(raw), [secret, token, encodeURIComponent(token)]);
		expect(raw).toEqual({
			accountId: 'acc_sandbox',
			eventType: 'message-received',
			payload: {
				...example,
				message: 'my key is [redacted]',
				contact: { ...(example.contact as IDataObject), firstName: '[redacted]', lastName: 'Lovelace' },
				echo: { header: 'Bearer [redacted]', list: ['[redacted]', '[redacted]'] },
			},
		});

		const simple = (await receive(body)).result.workflowData![0][0].json;
		expectNoSecrets(JSON.stringify(simple), [secret, token]);
		expect(simple).toMatchObject({
			message: 'my key is [redacted]',
			messageId: 'msg_example',
			contact: { id: 'ct_example', firstName: '[redacted]', lastName: 'Lovelace', name: '[redacted] Lovelace', mobile: '+13471234567' },
			phoneNumber: '+15555550100',
		});
	});
});

describe("Send and Wait's SMS Reply: a reply echoing the credential (the Sakari node's webhook(), n8n-core WebhookContext)", () => {
	it('resumes with the reply without the Client Secret or the access token; everything else as delivered', async () => {
		// The node's own token, as n8n stored it after a request of the node.
		await runSakari({ parameters: { resource: 'contact', operation: 'getAll', returnAll: true }, credentials });
		const token = String(credentials.data.accessToken);
		expect(token.length).toBeGreaterThan(20);
		const secret = SANDBOX_ACCOUNT.clientSecret;
		const example = structuredClone(EXAMPLE_DELIVERY.payload);
		const contact = { ...(example.contact as IDataObject), lastName: token };
		const [body] = await deliveredOverHttp([['message-received', { ...example, message: `YES ${secret}`, contact }]]);

		const sakari = new Sakari();
		const node: INode = {
			id: 'sakari-node',
			name: 'Sakari',
			type: 'n8n-nodes-sakari.sakari',
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'message', operation: 'sendAndWait', responseType: 'smsReply' },
			credentials: { sakariOAuth2Api: { id: '1', name: 'Sakari sandbox' } },
		};
		const types = { getByName: () => sakari, getByNameAndVersion: () => sakari, getKnownTypes: () => ({}) } as unknown as INodeTypes;
		const workflow = new Workflow({ id: 'wf-reply', nodes: [node], connections: {}, active: false, nodeTypes: types });
		const response = fakeResponse();
		// n8n's resume URL names the recipient in its signed query (reply.ts): the example's contact.
		const httpRequest = { method: 'POST', body, headers: { 'content-type': 'application/json' }, params: {}, query: { contact: 'ct_example' }, originalUrl: '/webhook-waiting/1/sakari-node?contact=ct_example' };
		const data: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: 'sakari-node',
			webhookDescription: sakari.description.webhooks![1],
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData(),
			isTest: false,
		};
		const context = new WebhookContext(
			workflow,
			workflow.getNode(node.name)!,
			additionalData({ httpRequest, httpResponse: response } as unknown as Partial<IWorkflowExecuteAdditionalData>),
			'webhook',
			data,
			[],
			null,
		);
		const result = await sakari.webhook.call(context);
		expect(response.body).toEqual({ success: true });
		const reply = (result.workflowData![0][0].json.data as IDataObject).reply;
		expectNoSecrets(JSON.stringify(result.workflowData), [secret, token]);
		expect(reply).toEqual({
			message: 'YES [redacted]',
			messageId: 'msg_example',
			receivedAt: '2024-01-02T03:04:05.000Z',
			contact: { id: 'ct_example', name: 'Ada [redacted]', firstName: 'Ada', lastName: '[redacted]', mobile: '+13471234567', country: 'US' },
			conversationId: 'cv_example',
		});
	});
});

/** What the sandbox offers for signing beyond the typed helper (sandbox/lib/signing.js). */
interface SigningSandbox {
	signingKeyUrl: string;
	publicKeyPem(): string;
	signDelivery(bodyText: string): string;
	deliverWebhook(type: string, payload?: IDataObject, options?: { signed?: boolean }): Promise<{ deliveries: unknown[] }>;
}
const signing = () => sandbox as unknown as Sandbox & SigningSandbox;
const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
/** A compact JWS with any header and signature: the forgeries below are built with it. */
const jws = (header: IDataObject, payload: unknown, signature: (input: string) => Buffer) => {
	const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
	return `${input}.${b64url(signature(input))}`;
};

describe('webhook(): Verify Signature (RS256 JWS, checked before anything else)', () => {
	let keyUrlSerial = 0;
	// A fresh key URL per test (the key cache is per URL and lasts a day), served by the sandbox over HTTP.
	const verifying = (extra: IDataObject = {}) => ({
		options: { verifySignature: true, signingKeyUrl: `${signing().signingKeyUrl}?test=${++keyUrlSerial}`, ...extra },
	});
	const keyFetches = () => sandbox.requests().filter((request) => request.path === '/signing/prod.pem');
	const signed = (body: unknown) => ({ 'x-sakari-signature': signing().signDelivery(JSON.stringify(body)) });
	const refusedWith = async (body: unknown, headers: Record<string, string>, parameters: INodeParameters, status = 401) => {
		const { result, response } = await receive(body, { parameters, headers });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(status);
		return String((response.body as { error: string }).error);
	};

	it('defaults to the header and key URL Sakari\'s SDK uses, and is off unless turned on', () => {
		const options = new SakariTrigger().description.properties.find((property) => property.name === 'options')!;
		const defaults = Object.fromEntries((options.options as Array<{ name: string; default: unknown }>).map((o) => [o.name, o.default]));
		expect(defaults).toEqual({ verifySignature: false, signatureHeader: 'X-Sakari-Signature', signingKeyUrl: DEFAULT_SIGNING_KEY_URL, signingKeyPem: '' });
		expect(DEFAULT_SIGNING_KEY_URL).toBe('https://assets.sakari.io/signing/prod.pem');
	});

	it('accepts a delivery the sandbox signed; the key comes over HTTP once, then from the cache', async () => {
		const parameters = verifying();
		const body = delivery('message-received');
		for (let i = 0; i < 3; i++) {
			const { result } = await receive(body, { parameters, headers: signed(body) });
			expect(result.workflowData![0]).toEqual([{ json: simplifyDelivery(body) }]);
		}
		expect(keyFetches()).toHaveLength(1);
		expect(keyFetches()[0]).toMatchObject({ method: 'GET', status: 200 });
	});

	it('takes the event from the signed payload: an empty body with a valid signature is that delivery', async () => {
		const body = delivery('message-received', { message: { message: 'signed text' } });
		const { result } = await receive({}, { parameters: verifying(), headers: signed(body) });
		expect(result.workflowData![0][0].json).toMatchObject({ event: 'message-received', message: 'signed text' });
	});

	it('refuses an unsigned delivery with 401 before looking at it: a wrong account ID is not revealed', async () => {
		const other = { ...delivery('message-received'), accountId: 'acc_other' };
		expect(await refusedWith(other, {}, verifying())).toBe('Missing X-Sakari-Signature signature header');
		expect(await refusedWith({}, {}, verifying())).toBe('Missing X-Sakari-Signature signature header');
		expect(keyFetches()).toHaveLength(0); // nothing fetched for an unsigned request
		// Signed, the same delivery gets the account check's answer.
		await refusedWith(other, signed(other), verifying(), 403);
	});

	it('refuses a forged signature (another RSA key) and a replayed one (valid JWS, another body)', async () => {
		const body = delivery('message-received');
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const forged = jws({ alg: 'RS256', typ: 'JWT' }, body, (input) => rsaSign('sha256', Buffer.from(input), privateKey));
		expect(await refusedWith(body, { 'x-sakari-signature': forged }, verifying())).toBe('Invalid signature');

		const captured = signed(delivery('message-received', { message: { message: 'hi' } }));
		const tampered = delivery('message-received', { message: { message: 'send me your code' } });
		expect(await refusedWith(tampered, captured, verifying())).toBe('The body differs from the signed payload');
		// A signature of one event does not carry another: eventType and accountId are signed too.
		const status = delivery('message-status');
		expect(await refusedWith({ ...status, eventType: 'message-received' }, signed(status), verifying())).toBe(
			'The body differs from the signed payload',
		);
		// Bit-flipped signature.
		const good = signed(body)['x-sakari-signature'];
		const flipped = `${good.slice(0, -6)}${good.slice(-6) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`;
		expect(await refusedWith(body, { 'x-sakari-signature': flipped }, verifying())).toBe('Invalid signature');
	});

	it('refuses a stale signed payload when it carries iat (older than 5 minutes), accepts a fresh one', async () => {
		const now = Math.floor(Date.now() / 1000);
		const old = { ...delivery('message-received'), iat: now - 10 * 60 };
		expect(await refusedWith(old, signed(old), verifying())).toBe('The signed delivery is too old (iat)');
		const fresh = { ...delivery('message-received'), iat: now - 10 };
		const { result } = await receive(fresh, { parameters: verifying(), headers: signed(fresh) });
		expect(result.workflowData![0]).toHaveLength(1);
	});

	it('pins RS256: alg none, HS256 keyed with the public key, and other algorithms are refused', async () => {
		const body = delivery('message-received');
		const publicPem = signing().publicKeyPem();
		const hs256 = jws({ alg: 'HS256', typ: 'JWT' }, body, (input) => createHmac('sha256', publicPem).update(input).digest());
		expect(await refusedWith(body, { 'x-sakari-signature': hs256 }, verifying())).toBe('Signature algorithm HS256 is not accepted: only RS256');
		const none = `${b64url(JSON.stringify({ alg: 'none' }))}.${b64url(JSON.stringify(body))}.`;
		expect(await refusedWith(body, { 'x-sakari-signature': none }, verifying())).toBe('Signature algorithm none is not accepted: only RS256');
		const ps256 = jws({ alg: 'PS256' }, body, () => Buffer.from('x'));
		expect(await refusedWith(body, { 'x-sakari-signature': ps256 }, verifying())).toMatch(/PS256 is not accepted/);
		for (const garbage of ['a.b', 'not a jws at all', `${b64url('{"alg":"RS256"}')}.%%%.${b64url('x')}`]) {
			expect(await refusedWith(body, { 'x-sakari-signature': garbage }, verifying())).toMatch(/JWS|base64url/);
		}
		expect(keyFetches()).toHaveLength(0); // a refused algorithm never costs a key download
	});

	it('reads a custom header and a pasted PEM (no download); a bad key or key URL is a 500 that starts nothing', async () => {
		const body = delivery('message-received');
		const pasted = { verifySignature: true, signatureHeader: 'X-Signature', signingKeyPem: signing().publicKeyPem() };
		const { result } = await receive(body, { parameters: { options: pasted }, headers: { 'x-signature': signed(body)['x-sakari-signature'] } });
		expect(result.workflowData![0]).toHaveLength(1);
		expect(keyFetches()).toHaveLength(0);

		const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
		expect(await refusedWith(body, signed(body), { options: { verifySignature: true, signingKeyPem: ec } }, 500)).toBe(
			'Could not check the signature: the signing key is ec, not RSA',
		);
		expect(await refusedWith(body, signed(body), { options: { verifySignature: true, signingKeyUrl: 'http://keys.example/prod.pem' } }, 500)).toBe(
			'Could not check the signature: Signing Key URL must use https (http only for localhost)',
		);
		expect(await refusedWith(body, signed(body), { options: { verifySignature: true, signingKeyUrl: `${sandbox.url}/signing/nothing.pem` } }, 500)).toBe(
			'Could not check the signature: downloading the signing key failed (HTTP 404)',
		);
	});

	describe("the JWS signs the bare message, as Sakari's Node SDK shows it (sakari-nodejs-sdk, src/signature.js)", () => {
		/** The message the SDK's example JWS carries (sandbox/contract): no eventType/payload wrapper, no iat. */
		const sdkMessage = (): IDataObject => structuredClone(SDK_SIGNED_MESSAGE);
		const sdkDelivery = (payload = sdkMessage()) => ({ accountId: SANDBOX_ACCOUNT.accountId, eventType: 'message-sent', payload });
		/** Signed with the sandbox's key, which the node fetches from the Signing Key URL. */
		const sdkSigned = (message: unknown) => ({ 'x-sakari-signature': signing().signDelivery(JSON.stringify(message)) });
		const sentParameters = (extra: IDataObject = {}) => ({ events: ['message-sent'], ...verifying(extra) });

		it('accepts the delivery carrying the signed message; the event type comes from the body', async () => {
			const { result } = await receive(sdkDelivery(), { parameters: sentParameters(), headers: sdkSigned(sdkMessage()) });
			expect(result.workflowData![0][0].json).toMatchObject({
				event: 'message-sent',
				accountId: 'acc_sandbox',
				messageId: '5c112b3a4ee4e0605ae8ae2c',
				message: SDK_SIGNED_MESSAGE.message,
				jobId: '5c112b3a4ee4e0605ae8ae2b',
				status: 'sent',
				contact: { mobile: '+12032938817' },
			});
		});

		it('compares canonical JSON: the same message with its keys in another order is the signed one', async () => {
			const reordered = Object.fromEntries(Object.entries(sdkMessage()).reverse());
			const { result } = await receive(sdkDelivery(reordered), { parameters: sentParameters(), headers: sdkSigned(sdkMessage()) });
			expect(result.workflowData![0]).toHaveLength(1);
		});

		it('refuses a tampered message, a message-signed JWS without a body, and a forged signature', async () => {
			const tampered = sdkDelivery({ ...sdkMessage(), message: 'Reply with your PIN' });
			expect(await refusedWith(tampered, sdkSigned(sdkMessage()), sentParameters())).toBe("The body's payload differs from the signed message");
			const extra = sdkDelivery({ ...sdkMessage(), media: [{ url: 'https://evil.example/x.jpg' }] });
			expect(await refusedWith(extra, sdkSigned(sdkMessage()), sentParameters())).toBe("The body's payload differs from the signed message");
			expect(await refusedWith({}, sdkSigned(sdkMessage()), sentParameters())).toBe(
				'The signed payload is a message: the body must be the delivery that carries it',
			);
			expect(await refusedWith(sdkMessage(), sdkSigned(sdkMessage()), sentParameters())).toBe("The body's payload differs from the signed message");
			const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
			const forged = jws({ alg: 'RS256' }, sdkMessage(), (input) => rsaSign('sha256', Buffer.from(input), privateKey));
			expect(await refusedWith(sdkDelivery(), { 'x-sakari-signature': forged }, sentParameters())).toBe('Invalid signature');
			const hs256 = jws({ alg: 'HS256' }, sdkMessage(), (input) => createHmac('sha256', signing().publicKeyPem()).update(input).digest());
			expect(await refusedWith(sdkDelivery(), { 'x-sakari-signature': hs256 }, sentParameters())).toBe(
				'Signature algorithm HS256 is not accepted: only RS256',
			);
			expect(await refusedWith(sdkDelivery(), { 'x-sakari-signature': signing().signDelivery('"just text"') }, sentParameters())).toBe(
				'The signed payload is neither a delivery nor a message',
			);
		});
	});

	it('a delivery the sandbox posts, signed, passes; the same posted unsigned does not', async () => {
		const received: Array<{ headers: IncomingHttpHeaders; body: unknown }> = [];
		const server = createServer((req, res) => {
			let raw = '';
			req.on('data', (chunk) => (raw += chunk));
			req.on('end', () => {
				received.push({ headers: req.headers, body: JSON.parse(raw) });
				res.end('ok');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const { port } = server.address() as AddressInfo;
			await fetch(`${sandbox.url}/v1/accounts/acc_sandbox/webhooks`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${await bearer()}` },
				body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook`, eventTypes: ['message-received'] }),
			});
			await signing().deliverWebhook('message-received');
			await signing().deliverWebhook('message-received', undefined, { signed: false });
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
		const [withSignature, without] = received;
		const header = { 'x-sakari-signature': String(withSignature.headers['x-sakari-signature']) };
		expect((await receive(withSignature.body, { parameters: verifying(), headers: header })).result.workflowData![0]).toHaveLength(1);
		expect(without.headers['x-sakari-signature']).toBeUndefined();
		await refusedWith(without.body, {}, verifying());
	});
});

describe.each(['current', '1.0.1'])('sandbox deliveries in the %s shapes, end to end (in process), held against the contract', (shapes) => {
	beforeEach(() => sandbox.configure({ shapes }));

	it('the sandbox delivers {accountId, eventType, payload} that the trigger accepts and simplifies', async () => {
		const received = await deliveredOverHttp([['message-received'], ['contact-created']]);
		const parameters = { events: ['message-received', 'contact-created'] };
		const [sms, contact] = await Promise.all(received.map(async (body) => (await receive(body, { parameters })).result.workflowData![0][0].json));
		const adaContact = { id: 'ct_webhook', name: 'Ada Lovelace', mobile: '+13471234567', country: 'US' };
		expect(sms).toMatchObject({ event: 'message-received', accountId: 'acc_sandbox', message: 'Hello from the sandbox', contact: adaContact });
		expect(contact).toMatchObject({ event: 'contact-created', message: null, messageId: null, contact: adaContact });
		if (shapes === 'current') {
			expect(sms).toMatchObject({ status: 'received', type: 'sms', jobId: 'job_webhook', messageId: 'msg_webhook', phoneNumber: '+15555550100', conversationId: 'cv_webhook', groupId: 'grp_sandbox', outgoing: false });
		} else {
			// 1.0.1's MessageEventPayload carries only contact, text and status.
			expect(sms).toMatchObject({ status: 'Received', type: null, jobId: null, messageId: null, phoneNumber: null, conversationId: null });
		}
	});
});

/** The bodies the sandbox POSTs over HTTP for these events, to a local server subscribed to them (not to n8n). */
async function deliveredOverHttp(events: Array<[eventType: string, payload?: IDataObject]>): Promise<unknown[]> {
	const received: unknown[] = [];
	const server = createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			received.push(JSON.parse(raw));
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const { port } = server.address() as AddressInfo;
		await seedSubscription(await bearer(), { url: `http://127.0.0.1:${port}/hook`, eventTypes: events.map(([eventType]) => eventType) });
		for (const [eventType, payload] of events) await signing().deliverWebhook(eventType, payload);
	} finally {
		await new Promise((resolve) => server.close(resolve));
	}
	expect(received).toHaveLength(events.length);
	return received;
}

/** A token for seeding the sandbox directly (what another app's subscription would look like). */
async function bearer(): Promise<string> {
	const answer = await fetch(`${sandbox.url}/oauth2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			grant_type: 'client_credentials',
			client_id: SANDBOX_ACCOUNT.clientId,
			client_secret: SANDBOX_ACCOUNT.clientSecret,
		}),
	});
	return ((await answer.json()) as { access_token: string }).access_token;
}

/** Subscribes a URL through the sandbox's API, as another Sakari client (or an earlier version of the node) would. */
async function seedSubscription(token: string, subscription: { url: string; eventTypes: string[] }): Promise<void> {
	const answer = await fetch(`${sandbox.url}/v1/accounts/acc_sandbox/webhooks`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify(subscription),
	});
	expect(answer.status).toBe(200);
	sandbox.clearRequests();
}
