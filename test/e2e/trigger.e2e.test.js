// @ts-check
'use strict';
// Sakari Trigger in real n8n (`n8n start`): activating a workflow subscribes n8n's production webhook URL in the
// sandbox; sandbox deliveries start executions with the expected item; unpicked events and bad bodies start
// none; deactivating removes exactly that subscription. Then the README example (reply to incoming SMS) runs,
// and a trigger with Verify Signature on accepts only the sandbox's RS256-signed deliveries.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { startCheckedSandbox, useContractCheck } = require('./folder');
const { defaultPayload } = require('../../sandbox/lib/webhooks');
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
				parameters: { events: ['message-received'], simplify: true, options: { verifySignature: true, signingKeyUrl } },
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
	const items = itemsOf(await runData(first.id), 'Sakari Trigger');
	expect(items).toEqual([
		expect.objectContaining({
			event: 'message-received',
			accountId: sandbox.accountId,
			contact: expect.objectContaining({ id: 'ct_e2e', name: 'Ada Lovelace', mobile, country: 'US' }),
			message: 'Is my order ready?',
			messageId: 'msg_e2e',
			type: 'sms',
			jobId: 'job_e2e',
			status: 'received',
			phoneNumber: '+15555550100',
			conversationId: 'cv_e2e',
		}),
	]);

	// The second picked event type, with the sandbox's default payload.
	await sandbox.deliverWebhook('message-status');
	const afterStatus = await waitForExecutions(workflowId, 2);
	expect(itemsOf(await runData(afterStatus[0].id), 'Sakari Trigger')).toEqual([
		expect.objectContaining({ event: 'message-status', status: 'delivered' }),
	]);

	// Not picked: the sandbox does not even send it (not subscribed); posted anyway it is acknowledged, not run.
	expect((await sandbox.deliverWebhook('contact-created')).deliveries).toEqual([]);
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

	// Deliveries, as Sakari's help centre shows them (the payload is the message), then in 1.0.1's shapes.
	const before = (await executions(workflowId)).length;
	started = Date.now();
	await sandbox.deliverWebhook('message-received', { ...sandboxMessage(), message: 12345 });
	// A number is not the text the contract describes: it says so; the node reads it as text all the same.
	expect(contractViolations().map((violation) => violation.problems)).toEqual([['delivery.payload.message must be string']]);
	sandbox.clearViolations();
	await sandbox.deliverWebhook('contact-created');
	sandbox.configure({ shapes: '1.0.1' });
	await sandbox.deliverWebhook('message-received');
	await sandbox.deliverWebhook('contact-created');
	sandbox.configure({ shapes: 'current' });
	const runs = (await waitForExecutions(workflowId, before + 4)).slice(0, 4).reverse();
	timings.fourDeliveriesMs = Date.now() - started;
	const items = await Promise.all(runs.map(async (run) => itemsOf(await runData(run.id), 'Sakari Trigger')));
	const ada = { id: 'ct_webhook', name: 'Ada Lovelace', mobile: '+13471234567', country: 'US' };
	// The order of executions of deliveries sent one after another is the order they were sent.
	expect(items).toEqual([
		[expect.objectContaining({ event: 'message-received', message: '12345', messageId: 'msg_webhook', type: 'sms', jobId: 'job_webhook', status: 'received', outgoing: false, phoneNumber: '+15555550100', conversationId: 'cv_webhook', groupId: 'grp_sandbox', contact: expect.objectContaining(ada) })],
		[expect.objectContaining({ event: 'contact-created', message: null, messageId: null, contact: expect.objectContaining(ada) })],
		[expect.objectContaining({ event: 'message-received', message: 'Hello from the sandbox', status: 'Received', messageId: null, contact: expect.objectContaining(ada) })],
		[expect.objectContaining({ event: 'contact-created', contact: expect.objectContaining(ada) })],
	]);

	await setActive(workflowId, false, lacksUrl(url));
	expect(mine()).toEqual([]);
});

/** The sandbox's default message-received payload (the message itself), to vary one field. */
function sandboxMessage() {
	return defaultPayload({ contacts: { byId: new Map() } }, 'message-received', { accountId: sandbox.accountId });
}

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
		expect(itemsOf(await runData(run.id), 'Sakari Trigger')).toEqual([expect.objectContaining({ event: 'message-received', message: 'signed hello' })]);
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
		// Signed as Sakari's Node SDK shows it: the JWS carries the bare message, the body the delivery around it.
		const sdkMessage = {
			id: '5c112b3a4ee4e0605ae8ae2c', job: { id: '5c112b3a4ee4e0605ae8ae2b' }, type: 'sms', template: 'Table for two?', status: 'received',
			outgoing: false, read: false, segments: 1, price: 0.05,
			contact: { id: '5be9ab25b4ef210f5529f1b5', mobile: { number: '+12032938817', country: 'US' } },
			conversation: { id: '5be9ab25b4ef210f5529f1b7', closed: null }, message: 'Table for two?',
			created: { at: '2026-12-01T15:37:30.963Z', by: { name: 'API Consumer' } }, updated: { at: '2026-12-01T15:37:35.229Z', by: { name: 'API Consumer' } },
		};
		const sdkSignature = { 'X-Sakari-Signature': sandbox.signDelivery(JSON.stringify(sdkMessage)) };
		const sdkBody = { accountId: sandbox.accountId, eventType: 'message-received', payload: sdkMessage };
		expect((await post(url, sdkBody, 'application/json', sdkSignature)).status).toBe(200);
		const tamperedSdk = { ...sdkBody, payload: { ...sdkMessage, message: 'Send me your PIN' } };
		expect((await post(url, tamperedSdk, 'application/json', sdkSignature)).status).toBe(401);
		const [sdkRun] = await waitForExecutions(workflowId, 3);
		expect(itemsOf(await runData(sdkRun.id), 'Sakari Trigger')).toEqual([
			expect.objectContaining({ event: 'message-received', message: 'Table for two?', messageId: '5c112b3a4ee4e0605ae8ae2c', jobId: '5c112b3a4ee4e0605ae8ae2b' }),
		]);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await executions(workflowId)).toHaveLength(3);
		expect(sandbox.requests().filter((request) => request.path === '/signing/prod.pem')).toHaveLength(1); // cached
	} finally {
		await setActive(workflowId, false, lacksUrl(url));
	}
});

/** An incoming SMS from a contact: the message itself, as support.sakari.io › "API and Webhooks" shows the payload. */
function incomingSms(mobile, text) {
	return {
		accountId: sandbox.accountId,
		id: 'msg_e2e',
		type: 'sms',
		message: text,
		status: 'received',
		outgoing: false,
		contact: { id: 'ct_e2e', firstName: 'Ada', lastName: 'Lovelace', mobile: { number: mobile, country: 'US' } },
		conversation: { id: 'cv_e2e', closed: null, group: { id: 'grp_sandbox' }, phoneNumber: { id: 'pn_sandbox', number: '+15555550100', country: 'US' } },
		group: { id: 'grp_sandbox', name: 'Sandbox numbers' },
		job: { id: 'job_e2e' },
		created: { at: new Date().toISOString() },
	};
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
