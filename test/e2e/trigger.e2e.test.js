// @ts-check
'use strict';
// Sakari Trigger in real n8n (`n8n start`): activating a workflow subscribes n8n's production webhook URL in the
// sandbox; sandbox deliveries start executions with the expected item; unpicked events and bad bodies start
// none; deactivating removes exactly that subscription. Then the README example (reply to incoming SMS) runs,
// and a trigger with Verify Signature on accepts only the sandbox's RS256-signed deliveries.
// Every delivery is built from a shape Sakari documents (sandbox/contract): the help centre's example request body
// (support.sakari.io › "API and Webhooks"), OpenAPI 1.0.1's MessageEventPayload, and the message Sakari's Node SDK
// verifies signed; the sandbox only posts (and signs) them. The tests assert the items the workflow gets.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { startCheckedSandbox, useContractCheck } = require('./folder');
const { EXAMPLE_DELIVERY, SDK_SIGNED_MESSAGE } = require('../../sandbox/contract');
const n8n = require('../../scripts/n8n');

const CREDENTIAL = { id: 'sakariE2eTrigger', name: 'Sakari sandbox' };
const TRIGGER_TYPE = `${n8n.PACKAGE_NAME}.sakariTrigger`;
const WEBHOOK_ID = '2b6f9c1d-0e3a-4f5b-8c7d-9e0f1a2b3c4d';
const EXAMPLE = path.join(n8n.ROOT, 'examples', 'reply-to-incoming-sms.json');
const SIGNED_WEBHOOK_ID = '7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e';

/** The trigger with Verify Signature on, trusting the sandbox's signing key (served over HTTP). */
function signedWorkflow(signingKeyUrl) {
	const [trigger] = TRIGGER_WORKFLOW.nodes;
	return {
		...TRIGGER_WORKFLOW,
		id: 'sakariE2eSigned1',
		name: 'E2E: Sakari Trigger, signed',
		nodes: [
			{
				...trigger,
				id: '00000000-0000-4000-8000-00000000a002',
				webhookId: SIGNED_WEBHOOK_ID,
				parameters: { events: ['message-received', 'message-sent'], simplify: true, options: { verifySignature: true, signingKeyUrl } },
			},
		],
	};
}

const TRIGGER_WORKFLOW = {
	id: 'sakariE2eTrig001',
	name: 'E2E: Sakari Trigger',
	active: false,
	nodes: [
		{
			id: '00000000-0000-4000-8000-00000000a001',
			name: 'Sakari Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: { events: ['message-received', 'message-status'], simplify: true, options: {} },
			credentials: { [n8n.CREDENTIAL_TYPE]: CREDENTIAL },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
	pinData: {},
};

/** The shipped example, pointed at the test credential. */
function exampleWorkflow() {
	const workflow = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
	for (const node of workflow.nodes) {
		if (node.credentials) node.credentials = { [n8n.CREDENTIAL_TYPE]: CREDENTIAL };
	}
	return { ...workflow, id: 'sakariE2eReply01', active: false };
}

let sandbox;
useContractCheck(() => sandbox);
let folder;
let server;
const timings = {};

beforeAll(async () => {
	const started = Date.now();
	sandbox = await startCheckedSandbox();
	folder = await n8n.freshUserFolder({ label: 'trigger', tarball: n8n.packPackage() });
	await n8n.importCredentials(folder, [
		{
			...CREDENTIAL,
			type: n8n.CREDENTIAL_TYPE,
			data: n8n.sandboxCredentialData(sandbox),
		},
	]);
	await n8n.importWorkflows(folder, [TRIGGER_WORKFLOW, exampleWorkflow(), signedWorkflow(sandbox.signingKeyUrl)]);
	server = await n8n.startServer(folder, { logFile: path.join(folder, 'n8n.log') });
	await server.login();
	timings.setupMs = Date.now() - started;
});

afterAll(async () => {
	await server?.stop();
	if (folder) n8n.removeUserFolder(folder);
	await sandbox?.close();
	process.stderr.write(`[e2e trigger] timings ms: ${JSON.stringify(timings)}\n`);
});

afterEach(() => expect(contractViolations()).toEqual([]));

const productionUrl = (webhookId) => `${server.url}/webhook/${webhookId}/webhook`;
const subscriptions = () => sandbox.state().webhooks;

/**
 * Publishes or unpublishes a workflow the way the editor does. n8n 2.41 applies it asynchronously (a
 * publication outbox), so this waits until the sandbox shows the expected subscriptions; returns the ms taken.
 */
async function setActive(workflowId, active, expectSubscriptions) {
	const started = Date.now();
	if (active) {
		const { data } = await server.rest.expectOk('GET', `/rest/workflows/${workflowId}`);
		await server.rest.expectOk('POST', `/rest/workflows/${workflowId}/activate`, { versionId: data.versionId });
	} else {
		await server.rest.expectOk('POST', `/rest/workflows/${workflowId}/deactivate`, {});
	}
	await waitUntil(() => expectSubscriptions(subscriptions()), `subscriptions after ${active ? '' : 'de'}activating`);
	return Date.now() - started;
}

async function waitUntil(check, what, timeoutMs = 20_000) {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(subscriptions())}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

const hasUrl = (url) => (hooks) => hooks.some((hook) => hook.url === url);
const lacksUrl = (url) => (hooks) => !hooks.some((hook) => hook.url === url);

const executions = (workflowId) => server.executions(workflowId);

/** Waits until the workflow has `count` finished executions; returns them, newest first. */
async function waitForExecutions(workflowId, count, timeoutMs = 20_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await executions(workflowId);
		const finished = list.filter((execution) => execution.finished || ['success', 'error'].includes(execution.status));
		if (finished.length >= count) return finished;
		if (Date.now() > deadline) {
			throw new Error(`expected ${count} finished execution(s) of ${workflowId}, found ${JSON.stringify(list)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 150));
	}
}

const runData = (executionId) => server.executionResult(executionId);

const itemsOf = (resultData, nodeName) =>
	(resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);

async function post(url, body, contentType = 'application/json', headers = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': contentType, ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
		signal: AbortSignal.timeout(10_000),
	});
	return await n8n.readAnswer(response);
}

test('the editor lists the trigger from the installed package, with its icon and credential', async () => {
	const nodeTypes = await server.rest.expectOk('GET', '/types/nodes.json');
	const trigger = nodeTypes.find((type) => type.name === TRIGGER_TYPE);
	expect(trigger).toMatchObject({ displayName: 'Sakari Trigger', group: ['trigger'], inputs: [] });
	expect(trigger.credentials).toEqual([expect.objectContaining({ name: n8n.CREDENTIAL_TYPE })]);
	expect(trigger.webhooks).toEqual([expect.objectContaining({ httpMethod: 'POST', path: 'webhook' })]);
	const iconPath = typeof trigger.iconUrl === 'string' ? trigger.iconUrl : trigger.iconUrl.dark;
	const icon = await fetch(`${server.url}/${iconPath.replace(/^\//, '')}`);
	expect(icon.status).toBe(200);
	expect(await icon.text()).toContain('<svg');
});

test('activate → subscribed; deliveries → executions; unpicked and bad bodies → none; deactivate → unsubscribed', async () => {
	const workflowId = TRIGGER_WORKFLOW.id;
	const url = productionUrl(WEBHOOK_ID);
	// Someone else's subscription in the same account: must survive everything below.
	const other = { url: 'https://elsewhere.example/sakari-hook', eventTypes: ['message-received'] };
	await seedSubscription(other);

	timings.activateMs = await setActive(workflowId, true, hasUrl(url));
	expect(subscriptions()).toEqual([
		expect.objectContaining(other),
		{ id: expect.any(String), url, eventTypes: ['message-received', 'message-status'] },
	]);

	// A picked event, delivered by the sandbox the way Sakari does: one execution, one simplified item.
	const mobile = '+13475550177';
	let started = Date.now();
	const delivered = await sandbox.deliverWebhook('message-received', incomingSms(mobile, 'Is my order ready?'));
	expect(delivered.deliveries).toEqual(expect.arrayContaining([{ url, status: 200 }]));
	const [first] = await waitForExecutions(workflowId, 1);
	timings.deliveryToExecutionMs = Date.now() - started;
	expect(first.status).toBe('success');
	expect(first.mode).toBe('webhook');
	// The item a user gets: every field of the help centre's example where Simplify puts it.
	const items = itemsOf(await runData(first.id), 'Sakari Trigger');
	expect(items).toEqual([
		{
			event: 'message-received',
			accountId: sandbox.accountId,
			contact: { id: 'ct_example', name: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', mobile, country: 'US' },
			message: 'Is my order ready?',
			messageId: 'msg_example',
			type: 'sms',
			jobId: 'job_example',
			outgoing: false,
			status: 'received',
			error: null,
			phoneNumber: '+15555550100',
			conversationId: 'cv_example',
			groupId: 'grp_example',
			media: [],
			createdAt: '2024-01-02T03:04:05.000Z',
		},
	]);

	// The second picked event type: the same message, sent and now delivered (status in lower case, as deliveries
	// carry it; third-party code reads payload.status and payload.outgoing).
	await sandbox.deliverWebhook('message-status', documentedMessage({ message: 'Your order has shipped', outgoing: true, status: 'delivered' }));
	const afterStatus = await waitForExecutions(workflowId, 2);
	expect(itemsOf(await runData(afterStatus[0].id), 'Sakari Trigger')).toEqual([
		expect.objectContaining({ event: 'message-status', message: 'Your order has shipped', status: 'delivered', outgoing: true, messageId: 'msg_example' }),
	]);

	// Not picked: the sandbox does not even send it (not subscribed); posted anyway it is acknowledged, not run.
	expect((await sandbox.deliverWebhook('contact-created', documentedContact())).deliveries).toEqual([]);
	const unpicked = await post(url, { accountId: sandbox.accountId, eventType: 'contact-created', payload: {} });
	expect(unpicked.status).toBe(200);
	expect(unpicked.json).toEqual({ success: true, ignored: 'contact-created' });

	// Bad bodies: a 4xx with a short reason, no execution.
	started = Date.now();
	const bad = [
		[{}, 400],
		[{ eventType: 'message-received' }, 400],
		[{ eventType: 'message-received', payload: 'text' }, 400],
		[{ accountId: 'acc_someone_else', eventType: 'message-received', payload: {} }, 403],
		[[{ eventType: 'message-received', payload: {} }], 400],
	];
	for (const [body, status] of bad) {
		const answer = await post(url, body);
		expect({ body, status: answer.status }).toEqual({ body, status });
		expect(answer.json).toEqual({ success: false, error: expect.any(String) });
	}
	const plain = await post(url, 'hello', 'text/plain');
	expect(plain.status).toBeGreaterThanOrEqual(400);
	expect(plain.status).toBeLessThan(500);
	timings.rejectedRequestsMs = Date.now() - started;
	// Give a wrongly started run time to show up before counting.
	await new Promise((resolve) => setTimeout(resolve, 1000));
	expect(await executions(workflowId)).toHaveLength(2);

	timings.deactivateMs = await setActive(workflowId, false, lacksUrl(url));
	expect(subscriptions()).toEqual([expect.objectContaining(other)]);
	const deletes = sandbox.requests().filter((request) => request.method === 'DELETE');
	expect(deletes.map((request) => request.path)).toEqual([
		`/v1/accounts/${sandbox.accountId}/webhooks/${encodeURIComponent(url)}`,
	]);

	// Deactivated: n8n no longer serves the URL, so nothing can start the workflow.
	const gone = await post(url, { accountId: sandbox.accountId, eventType: 'message-received', payload: {} });
	expect(gone.status).toBe(404);
	expect(await executions(workflowId)).toHaveLength(2);
});

test('publish, edit and republish, restart: exactly one subscription of the URL in a Sakari that never merges; deliveries in both shapes', async () => {
	const workflowId = TRIGGER_WORKFLOW.id;
	const url = productionUrl(WEBHOOK_ID);
	const mine = () => subscriptions().filter((hook) => hook.url === url);
	const onlyOne = (eventTypes) => () => mine().length === 1 && [...mine()[0].eventTypes].sort().join() === [...eventTypes].sort().join();
	const subscribes = () => sandbox.requests().filter((request) => request.method === 'POST' && request.path.endsWith('/webhooks'));

	// Publish.
	await setActive(workflowId, true, hasUrl(url));
	await settle();
	expect(mine()).toEqual([{ id: expect.any(String), url, eventTypes: ['message-received', 'message-status'] }]);

	// Edit the events, save, publish again.
	const edited = ['message-received', 'message-status', 'contact-created'];
	const { data } = await server.rest.expectOk('GET', `/rest/workflows/${workflowId}`);
	const nodes = data.nodes.map((node) => (node.type === TRIGGER_TYPE ? { ...node, parameters: { ...node.parameters, events: edited } } : node));
	const saved = await server.rest.expectOk('PATCH', `/rest/workflows/${workflowId}`, { name: data.name, nodes, connections: data.connections, settings: data.settings, versionId: data.versionId });
	await server.rest.expectOk('POST', `/rest/workflows/${workflowId}/activate`, { versionId: saved.data.versionId });
	await waitUntil(onlyOne(edited), 'one subscription with the edited events');
	await settle();
	expect(mine()).toEqual([{ id: expect.any(String), url, eventTypes: edited }]);
	const [afterEdit] = mine();

	// Restart n8n on the same port (same webhook URL). n8n 1.x runs checkExists for every published webhook at
	// start (it finds its one subscription: nothing is subscribed); 2.x keeps its published webhooks without
	// asking the node. Either way: still exactly that one subscription.
	await server.stop();
	sandbox.clearRequests();
	let started = Date.now();
	server = await n8n.startServer(folder, { port: server.port, logFile: path.join(folder, 'n8n-restarted.log') });
	await server.login();
	if (n8n.runtime().n8nVersion.startsWith('1.')) {
		await waitUntil(() => sandbox.requests().some((request) => request.method === 'GET' && request.path.endsWith('/webhooks')), 'the restarted n8n to check its subscription', 60_000);
	}
	// An event the node does not pick: answered 200 once the URL is served, starts nothing.
	const served = async () => (await post(url, { accountId: sandbox.accountId, eventType: 'message-sent', payload: {} }).catch(() => ({ status: 0 }))).status === 200;
	await waitUntil(served, 'the restarted n8n to serve the URL', 60_000);
	timings.restartMs = Date.now() - started;
	await settle();
	expect(mine()).toEqual([afterEdit]);
	expect(subscribes()).toEqual([]);

	// Deliveries as Sakari documents them: the help centre's message (its text a number, as a sheet may have made
	// it) and contact, then OpenAPI 1.0.1's MessageEventPayload and a contact under `contact`.
	const before = (await executions(workflowId)).length;
	started = Date.now();
	await sandbox.deliverWebhook('message-received', documentedMessage({ message: 12345 }));
	// A number is not the text the contract describes: it says so; the node reads it as text all the same.
	expect(contractViolations().map((violation) => violation.problems)).toEqual([['delivery.payload.message must be string']]);
	sandbox.clearViolations();
	await sandbox.deliverWebhook('contact-created', documentedContact());
	sandbox.configure({ shapes: '1.0.1' });
	await sandbox.deliverWebhook('message-received', { contact: documentedContact(), message: 'Is my order ready?', status: 'Received' });
	await sandbox.deliverWebhook('contact-created', { contact: documentedContact() });
	sandbox.configure({ shapes: 'current' });
	const runs = (await waitForExecutions(workflowId, before + 4)).slice(0, 4).reverse();
	timings.fourDeliveriesMs = Date.now() - started;
	const items = await Promise.all(runs.map(async (run) => itemsOf(await runData(run.id), 'Sakari Trigger')));
	const ada = { id: 'ct_example', name: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', mobile: '+13471234567', country: 'US' };
	const nothingElse = { message: null, messageId: null, type: null, jobId: null, outgoing: null, status: null, error: null, phoneNumber: null, conversationId: null, groupId: null, media: [] };
	const created = '2024-01-02T03:04:05.000Z';
	// The order of executions of deliveries sent one after another is the order they were sent.
	expect(items).toEqual([
		[{ event: 'message-received', accountId: sandbox.accountId, contact: ada, message: '12345', messageId: 'msg_example', type: 'sms', jobId: 'job_example', outgoing: false, status: 'received', error: null, phoneNumber: '+15555550100', conversationId: 'cv_example', groupId: 'grp_example', media: [], createdAt: created }],
		[{ event: 'contact-created', accountId: sandbox.accountId, contact: ada, ...nothingElse, createdAt: created }],
		[{ event: 'message-received', accountId: sandbox.accountId, contact: ada, ...nothingElse, message: 'Is my order ready?', status: 'Received', createdAt: null }],
		[{ event: 'contact-created', accountId: sandbox.accountId, contact: ada, ...nothingElse, createdAt: null }],
	]);

	await setActive(workflowId, false, lacksUrl(url));
	expect(mine()).toEqual([]);
});

/**
 * A message event's payload as support.sakari.io › "API and Webhooks" shows it (the payload is the message
 * itself; sandbox/contract EXAMPLE_DELIVERY), in the sandbox's account, with the fields a test varies.
 */
function documentedMessage(changes = {}) {
	return { ...structuredClone(EXAMPLE_DELIVERY.payload), accountId: sandbox.accountId, ...changes };
}

/** The contact of the help centre's example: no source shows a contact event's payload, so the payload is it. */
const documentedContact = () => structuredClone(EXAMPLE_DELIVERY.payload.contact);

/** What the sandbox found against sandbox/contract for the webhook endpoints and deliveries. */
const contractViolations = () => sandbox.violations().filter((violation) => violation.where === 'delivery' || /\/webhooks/.test(violation.path ?? ''));

/** A moment for anything n8n would still do (a late second subscribe) to show. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

test('the README example replies to an incoming SMS through Sakari', async () => {
	const workflow = exampleWorkflow();
	const url = productionUrl(workflow.nodes.find((node) => node.type === TRIGGER_TYPE).webhookId);
	await setActive(workflow.id, true, hasUrl(url));
	try {
		expect(subscriptions()).toEqual(
			expect.arrayContaining([expect.objectContaining({ url, eventTypes: ['message-received'] })]),
		);
		sandbox.clearRequests();
		const mobile = '+13475550188';
		const started = Date.now();
		await sandbox.deliverWebhook('message-received', incomingSms(mobile, 'Hello?'));
		const [execution] = await waitForExecutions(workflow.id, 1);
		timings.replyRoundTripMs = Date.now() - started;

		const result = await runData(execution.id);
		expect({ status: execution.status, error: result.error?.message }).toEqual({ status: 'success', error: undefined });
		const sends = sandbox.requests().filter((request) => request.method === 'POST' && request.path.endsWith('/messages'));
		expect(sends).toHaveLength(1);
		expect(sends[0].body).toMatchObject({
			contacts: [{ mobile: { number: mobile, country: 'US' } }],
			template: 'Thanks {{{firstName}}}, we got your message and will get back to you shortly.',
		});
		expect(itemsOf(result, 'Reply')).toHaveLength(1);
	} finally {
		await setActive(workflow.id, false, lacksUrl(url));
	}
	expect(subscriptions().filter((hook) => hook.url === url)).toEqual([]);
});

test('Verify Signature: only the sandbox\'s RS256-signed deliveries start runs; forged, replayed, HS256 and alg none do not', async () => {
	const workflowId = 'sakariE2eSigned1';
	const url = productionUrl(SIGNED_WEBHOOK_ID);
	await setActive(workflowId, true, hasUrl(url));
	try {
		sandbox.clearRequests();
		// Signed by the sandbox as it delivers: one run; n8n fetched the key through its HTTP client.
		const delivered = await sandbox.deliverWebhook('message-received', incomingSms('+13475550199', 'signed hello'));
		expect(delivered.deliveries).toEqual(expect.arrayContaining([{ url, status: 200 }]));
		const [run] = await waitForExecutions(workflowId, 1);
		expect(itemsOf(await runData(run.id), 'Sakari Trigger')).toEqual([expect.objectContaining({ event: 'message-received', message: 'signed hello', messageId: 'msg_example' })]);
		expect(sandbox.requests().filter((request) => request.path === '/signing/prod.pem')).toEqual([
			expect.objectContaining({ method: 'GET', status: 200 }),
		]);

		// The same delivery unsigned: refused, and before the account check (a foreign account also gets 401).
		const unsigned = await sandbox.deliverWebhook('message-received', incomingSms('+13475550199', 'x'), { signed: false });
		expect(unsigned.deliveries).toEqual(expect.arrayContaining([{ url, status: 401 }]));
		const foreign = { accountId: 'acc_someone_else', eventType: 'message-received', payload: incomingSms('+13475550199', 'x') };
		expect((await post(url, foreign)).status).toBe(401);

		const b64url = (data) => Buffer.from(data).toString('base64url');
		const body = { accountId: sandbox.accountId, eventType: 'message-received', payload: incomingSms('+13475550199', 'forged') };
		const text = JSON.stringify(body);
		const signed = (header, sign) => {
			const input = `${b64url(JSON.stringify(header))}.${b64url(text)}`;
			return `${input}.${b64url(sign(input))}`;
		};
		const otherKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
		const attempts = {
			forged: signed({ alg: 'RS256' }, (input) => crypto.sign('sha256', Buffer.from(input), otherKey)),
			hs256WithPublicKey: signed({ alg: 'HS256' }, (input) => crypto.createHmac('sha256', sandbox.publicKeyPem()).update(input).digest()),
			algNone: `${b64url(JSON.stringify({ alg: 'none' }))}.${b64url(text)}.`,
			// A real signature of another delivery, replayed with this body.
			replayed: sandbox.signDelivery(JSON.stringify({ ...body, payload: incomingSms('+13475550199', 'the signed one') })),
		};
		for (const [label, signature] of Object.entries(attempts)) {
			const answer = await post(url, text, 'application/json', { 'X-Sakari-Signature': signature });
			expect({ label, status: answer.status, body: answer.json }).toEqual({ label, status: 401, body: { success: false, error: expect.any(String) } });
		}
		// Correctly signed, posted by hand: accepted.
		expect((await post(url, text, 'application/json', { 'X-Sakari-Signature': sandbox.signDelivery(text) })).status).toBe(200);
		// Signed as Sakari's Node SDK shows it: the JWS carries the SDK's example message itself (the sandbox signs
		// the payload's JSON, byte for byte the SDK's JWS payload), the body the delivery around it.
		const sdkDelivered = await sandbox.deliverWebhook('message-sent', structuredClone(SDK_SIGNED_MESSAGE));
		expect(sdkDelivered.deliveries).toEqual(expect.arrayContaining([{ url, status: 200 }]));
		const sdkSignature = { 'X-Sakari-Signature': sandbox.signDelivery(JSON.stringify(SDK_SIGNED_MESSAGE)) };
		const tamperedSdk = { accountId: sandbox.accountId, eventType: 'message-sent', payload: { ...SDK_SIGNED_MESSAGE, message: 'Send me your PIN' } };
		expect((await post(url, tamperedSdk, 'application/json', sdkSignature)).status).toBe(401);
		const [sdkRun] = await waitForExecutions(workflowId, 3);
		expect(itemsOf(await runData(sdkRun.id), 'Sakari Trigger')).toEqual([
			{
				event: 'message-sent',
				accountId: sandbox.accountId,
				contact: { id: '5be9ab25b4ef210f5529f1b5', name: null, firstName: null, lastName: null, mobile: '+12032938817', country: 'US' },
				message: SDK_SIGNED_MESSAGE.message,
				messageId: '5c112b3a4ee4e0605ae8ae2c',
				type: 'sms',
				jobId: '5c112b3a4ee4e0605ae8ae2b',
				outgoing: true,
				status: 'sent',
				error: null,
				phoneNumber: null,
				conversationId: '5be9ab25b4ef210f5529f1b7',
				groupId: null,
				media: [],
				createdAt: '2018-12-12T15:37:30.963Z',
			},
		]);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await executions(workflowId)).toHaveLength(3);
		expect(sandbox.requests().filter((request) => request.path === '/signing/prod.pem')).toHaveLength(1); // cached
	} finally {
		await setActive(workflowId, false, lacksUrl(url));
	}
});

/** An incoming SMS: the help centre's example message, from this mobile number, with this text. */
function incomingSms(mobile, text) {
	const payload = documentedMessage({ message: text });
	payload.contact.mobile = { number: mobile, country: 'US' };
	return payload;
}

/** Subscribes a URL through the sandbox's API, as another Sakari client would. */
async function seedSubscription(subscription) {
	const token = await fetch(`${sandbox.url}/oauth2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret }),
	}).then(async (response) => /** @type {{ access_token: string }} */ (await response.json()));
	const answer = await fetch(`${sandbox.url}/v1/accounts/${sandbox.accountId}/webhooks`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
		body: JSON.stringify(subscription),
	});
	if (answer.status >= 300) throw new Error(`seeding a subscription failed: ${answer.status}`);
	sandbox.clearRequests();
}
