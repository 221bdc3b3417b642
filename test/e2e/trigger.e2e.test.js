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
	while (!check()) {
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
			status: 'Received',
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
		await waitForExecutions(workflowId, 2);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await executions(workflowId)).toHaveLength(2);
		expect(sandbox.requests().filter((request) => request.path === '/signing/prod.pem')).toHaveLength(1); // cached
	} finally {
		await setActive(workflowId, false, lacksUrl(url));
	}
});

/** An incoming SMS from a contact, shaped like Sakari's documented delivery payload. */
function incomingSms(mobile, text) {
	return {
		contact: { id: 'ct_e2e', firstName: 'Ada', lastName: 'Lovelace', mobile: { number: mobile, country: 'US' } },
		conversation: { id: 'cv_e2e' },
		group: { id: 'grp_sandbox' },
		phoneNumber: { number: '+15555550100' },
		message: { id: 'msg_e2e', message: text, outgoing: false, status: 'Received', created: { at: new Date().toISOString() } },
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
