// @ts-check
'use strict';
// Message → Send and Wait for Response in real n8n (`n8n start`, 2.41.1 or SAKARI_N8N_VERSION=1.123.81): a
// published workflow (Webhook → Sakari → No Op) starts, texts the recipient through the sandbox and waits; the
// test reads the link from the text the sandbox received, opens it like a phone would (GET the page, POST its
// form) and reads the finished execution back through n8n's REST API.
const path = require('node:path');
const fs = require('node:fs');
const { startSandbox } = require('../../sandbox/server');
const n8n = require('../../scripts/n8n');
const { chainWorkflow } = require('./folder');
const { contractViolations, open, submit, waitingRuns } = require('./waiting');
const { node } = require('./workflows');

const CREDENTIAL = { id: 'sakariE2eWait001', name: 'Sakari sandbox (send and wait)' };
const MESSAGES_PATH = '/v1/accounts/acc_sandbox/messages';

let workflows = 0;
/**
 * A published workflow: a Webhook (POST /webhook/sakari-wait-<key>, body `{phone, text}`), the Sakari node
 * "Ask" (Send and Wait for Response to that phone, with `parameters`), and a No Op "Answered" after it.
 * @param {string} key
 * @param {Record<string, unknown>} parameters
 * @param {Array<object>} [before] nodes between the Webhook and Ask
 */
function askWorkflow(key, parameters, before = []) {
	workflows += 1;
	const webhook = node(
		'Start',
		'n8n-nodes-base.webhook',
		2,
		{ httpMethod: 'POST', path: `sakari-wait-${key}`, responseMode: 'onReceived', options: {} },
		[0, 0],
		{ webhookId: `00000000-0000-4000-b000-${String(workflows).padStart(12, '0')}` },
	);
	const ask = node(
		'Ask',
		n8n.NODE_TYPE,
		1,
		{
			resource: 'message',
			operation: 'sendAndWait',
			sendTo: 'mobileNumber',
			toMobileNumber: "={{ $('Start').item.json.body.phone }}",
			toMobileCountry: 'US',
			message: "={{ $('Start').item.json.body.text }}",
			...parameters,
		},
		undefined,
		{ credentials: { [n8n.CREDENTIAL_TYPE]: CREDENTIAL } },
	);
	const answered = node('Answered', 'n8n-nodes-base.noOp', 1, {}, undefined);
	const workflow = chainWorkflow(`sakariE2eWait${String(workflows).padStart(3, '0')}`, `E2E wait: ${key}`, [webhook, ...before, ask, answered]);
	return { key, webhookPath: `sakari-wait-${key}`, ...workflow };
}

/** examples/confirm-appointment-by-sms.json, pointed at the test credential. */
function exampleWorkflow() {
	const workflow = JSON.parse(fs.readFileSync(path.join(n8n.ROOT, 'examples', 'confirm-appointment-by-sms.json'), 'utf8'));
	for (const each of workflow.nodes) if (each.credentials) each.credentials = { [n8n.CREDENTIAL_TYPE]: CREDENTIAL };
	return { ...workflow, key: 'example', webhookPath: 'confirm-appointment' };
}

/** @type {Record<string, ReturnType<typeof askWorkflow>>} */
const WORKFLOWS = {
	approval: askWorkflow('approval', { responseType: 'approval' }),
	approveOnly: askWorkflow('approve-only', {
		responseType: 'approval',
		approvalOptions: { values: { approvalType: 'single', approveLabel: 'Yes, book it' } },
		sendAndWaitOptions: { linkLabel: 'Confirm:' },
	}),
	freeText: askWorkflow('free-text', { responseType: 'freeText', sendAndWaitOptions: { responseFormButtonLabel: 'Reply' } }),
	timeout: askWorkflow('timeout', {
		responseType: 'approval',
		sendAndWaitOptions: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 0.01, resumeUnit: 'minutes' } } },
	}),
	smsReply: askWorkflow('sms-reply', { responseType: 'smsReply' }),
	smsReplyTimeout: askWorkflow('sms-reply-timeout', {
		responseType: 'smsReply',
		sendAndWaitOptions: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 0.01, resumeUnit: 'minutes' } } },
	}),
	// The editor's date picker saves a wall time without a zone; this workflow runs in Tokyo's time (UTC+9, no DST).
	atTime: {
		...askWorkflow('at-time', {
			responseType: 'approval',
			sendAndWaitOptions: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2030-01-15T09:00:00' } } },
		}),
		settings: { executionOrder: 'v1', timezone: 'Asia/Tokyo' },
	},
	twoItems: askWorkflow('two-items', { responseType: 'approval' }, [
		node('Two rows', 'n8n-nodes-base.code', 2, { jsCode: "return [{ json: { n: 1 } }, { json: { n: 2 } }];" }, undefined),
	]),
};

let sandbox;
let folder;
let server;

beforeAll(async () => {
	// Every request the node sends, every answer and delivery is held against sandbox/contract.
	sandbox = await startSandbox({ port: 0, checkContract: true });
	// Signed deliveries only, checked against the sandbox's key (served over HTTP, which the check allows on 127.0.0.1).
	WORKFLOWS.smsReplySigned = askWorkflow('sms-reply-signed', {
		responseType: 'smsReply',
		smsReplyOptions: { verifySignature: true, signingKeyUrl: sandbox.signingKeyUrl },
	});
	folder = await n8n.freshUserFolder({ label: 'send-and-wait', tarball: n8n.packPackage() });
	await n8n.importCredentials(folder, [{ ...CREDENTIAL, type: n8n.CREDENTIAL_TYPE, data: n8n.sandboxCredentialData(sandbox) }]);
	WORKFLOWS.example = exampleWorkflow();
	await n8n.importWorkflows(folder, Object.values(WORKFLOWS));
	server = await n8n.startServer(folder, { logFile: path.join(folder, 'n8n.log') });
	await server.login();
	await runs.publish(Object.values(WORKFLOWS));
});

afterAll(async () => {
	await server?.stop();
	if (folder) n8n.removeUserFolder(folder);
	await sandbox?.close();
});

beforeEach(() => {
	sandbox.clearRequests();
	sandbox.clearViolations();
});
afterEach(() => expect(contractViolations(sandbox)).toEqual([]));

const runs = waitingRuns(() => server);
const { outcome, statusOf } = runs;

/** Starts the workflow, waits until its execution waits; the text the sandbox received and the link at its end. */
async function ask(workflow, body) {
	const { executionId, status } = await runs.start(workflow, body);
	const sends = sandbox.requests().filter((request) => request.method === 'POST' && request.path === MESSAGES_PATH);
	const sms = sends.at(-1)?.body;
	const link = /(\S+)$/.exec(sms?.template ?? '')?.[1] ?? '';
	return { executionId, status, sends, sms, link };
}

const nodeId = (workflow) => workflow.nodes.find((each) => each.name === 'Ask').id;

test('Approval: the text ends with a short signed link; its page waits; Approve resumes with approved: true', async () => {
	const workflow = WORKFLOWS.approval;
	const { executionId, status, sends, sms, link } = await ask(workflow, { phone: '+13475550701', text: 'Can we move your visit to 3 pm?' });
	expect(status).toBe('waiting');
	expect(sends).toHaveLength(1);
	expect(sms).toEqual({
		contacts: [{ mobile: { number: '+13475550701', country: 'US' } }],
		template: `Can we move your visit to 3 pm?\nApprove or decline: ${link}`,
	});
	// n8n's resume URL of this execution and node, signed: nothing else in it.
	expect(link).toMatch(new RegExp(`^${server.url}/webhook-waiting/${executionId}/${nodeId(workflow)}\\?signature=[0-9a-f]{64}$`));
	// As long as README says: the webhook URL, the execution ID and 128 characters.
	expect(link.length).toBe(`${server.url}/`.length + executionId.length + 128);

	// Opening the link (or a link preview fetching it) only shows the page.
	const page = await open(link);
	expect(page.status).toBe(200);
	expect(page.text).toContain('Can we move your visit to 3 pm?');
	expect(page.text).toContain('<button class="yes" name="approved" value="true">Approve</button>');
	expect(page.text).toContain('<button class="no" name="approved" value="false">Decline</button>');
	expect(await statusOf(workflow, executionId)).toBe('waiting');

	const answered = await submit(link, { approved: 'true' });
	expect(answered.status).toBe(200);
	expect(answered.text).toContain('Your answer was sent');
	const result = await outcome(workflow, executionId);
	expect(result.status).toBe('success');
	expect(result.items('Ask')).toEqual([{ data: { approved: true, respondedAt: expect.any(String) } }]);
	expect(result.items('Answered')).toEqual(result.items('Ask'));

	// The link after the answer: n8n's own "no action required" page, nothing runs again.
	const again = await submit(link, { approved: 'false' });
	expect(again.status).toBe(200);
	expect(again.text).not.toContain('Your answer was sent');
	expect((await outcome(workflow, executionId)).items('Ask')).toEqual(result.items('Ask'));
});

test('Approval: Decline resumes with approved: false', async () => {
	const workflow = WORKFLOWS.approval;
	const { executionId, link } = await ask(workflow, { phone: '+13475550702', text: 'Cancel order 1234?' });
	expect((await submit(link, { approved: 'false' })).status).toBe(200);
	const result = await outcome(workflow, executionId);
	expect(result.items('Ask')).toEqual([{ data: { approved: false, respondedAt: expect.any(String) } }]);
});

test('Approve Only: own link label and button; a "decline" it does not offer is refused and it keeps waiting', async () => {
	const workflow = WORKFLOWS.approveOnly;
	const { executionId, sms, link } = await ask(workflow, { phone: '+13475550703', text: 'Book the 9 am slot?' });
	expect(sms.template).toBe(`Book the 9 am slot?\nConfirm: ${link}`);
	const page = await open(link);
	expect(page.text).toContain('>Yes, book it</button>');
	expect(page.text).not.toContain('value="false"');
	expect((await submit(link, { approved: 'false' })).status).toBe(400);
	expect(await statusOf(workflow, executionId)).toBe('waiting');
	expect((await submit(link, { approved: 'true' })).status).toBe(200);
	expect((await outcome(workflow, executionId)).items('Ask')).toEqual([{ data: { approved: true, respondedAt: expect.any(String) } }]);
});

test('Free Text: the page has one answer field; an empty answer keeps waiting; the typed answer resumes as data.text', async () => {
	const workflow = WORKFLOWS.freeText;
	const { executionId, sms, link } = await ask(workflow, { phone: '+13475550704', text: 'Which day suits you?' });
	expect(sms.template).toBe(`Which day suits you?\nAnswer here: ${link}`);
	const page = await open(link);
	expect(page.status).toBe(200);
	expect(page.text).toContain('<textarea name="text"');
	expect(page.text).toContain('>Reply</button>');
	const empty = await submit(link, { text: '   ' });
	expect(empty.status).toBe(400);
	expect(empty.text).toContain('Please type an answer.');
	expect(await statusOf(workflow, executionId)).toBe('waiting');
	expect((await submit(link, { text: ' Tuesday <after> 3 ' })).status).toBe(200);
	const result = await outcome(workflow, executionId);
	expect(result.items('Ask')).toEqual([{ data: { text: 'Tuesday <after> 3', respondedAt: expect.any(String) } }]);
});

test('A link with its signature changed or removed is refused and the execution keeps waiting', async () => {
	const workflow = WORKFLOWS.approval;
	const { executionId, link } = await ask(workflow, { phone: '+13475550705', text: 'Approve the refund?' });
	const url = new URL(link);
	const signature = url.searchParams.get('signature') ?? '';
	const flipped = new URL(link);
	flipped.searchParams.set('signature', `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
	const unsigned = new URL(link);
	unsigned.searchParams.delete('signature');
	const otherQuery = new URL(link);
	otherQuery.searchParams.set('approved', 'true');
	for (const tampered of [flipped, unsigned, otherQuery]) {
		expect({ url: tampered.search, get: (await open(tampered.toString())).status }).toEqual({ url: tampered.search, get: 401 });
		expect({ url: tampered.search, post: (await submit(tampered.toString(), { approved: 'true' })).status }).toEqual({
			url: tampered.search,
			post: 401,
		});
	}
	expect(await statusOf(workflow, executionId)).toBe('waiting');
	expect((await submit(link, { approved: 'true' })).status).toBe(200);
	expect((await outcome(workflow, executionId)).items('Ask')).toEqual([{ data: { approved: true, respondedAt: expect.any(String) } }]);
});

/** An incoming SMS as Sakari delivers it: the payload is the message (support.sakari.io › "API and Webhooks"). */
function incomingSms({ contactId, mobile, conversationId, text }) {
	return {
		id: `msg_in_${Math.random().toString(36).slice(2, 8)}`,
		message: text,
		type: 'sms',
		outgoing: false,
		status: 'received',
		contact: { id: contactId, firstName: 'Ada', lastName: 'Lovelace', mobile: { number: mobile, country: 'US' } },
		conversation: { id: conversationId, phoneNumber: { number: '+15555550100' } },
		created: { at: '2026-05-04T10:00:00.000Z' },
	};
}

/** The contact and conversation Sakari (the sandbox) sent the execution's text to. */
function recipientOf(mobile) {
	const sent = sandbox.state().messages.filter((message) => message.contact.mobile.number === mobile).at(-1);
	return { contactId: sent.contact.id, mobile, conversationId: sent.conversation.id };
}

const subscriptionsOf = (executionId) => sandbox.state().webhooks.filter((hook) => hook.url.includes(`/webhook-waiting/${executionId}/`));

test('SMS Reply: no link; the resume URL is subscribed; another sender is ignored; the recipient\'s text resumes it', async () => {
	const workflow = WORKFLOWS.smsReply;
	const { executionId, status, sms } = await ask(workflow, { phone: '+13475550711', text: 'Reply YES to confirm your 3 pm appointment' });
	expect(status).toBe('waiting');
	expect(sms).toEqual({ contacts: [{ mobile: { number: '+13475550711', country: 'US' } }], template: 'Reply YES to confirm your 3 pm appointment' });
	const recipient = recipientOf('+13475550711');
	const [subscription] = subscriptionsOf(executionId);
	expect(subscriptionsOf(executionId)).toHaveLength(1);
	expect(subscription.eventTypes).toEqual(['message-received']);
	// n8n's signed resume URL, naming the recipient in its signed query.
	const url = new URL(subscription.url);
	expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/webhook-waiting/${executionId}/${nodeId(workflow)}`);
	expect(Object.fromEntries(url.searchParams)).toEqual({
		contact: recipient.contactId,
		mobile: '13475550711',
		conversation: recipient.conversationId,
		signature: expect.stringMatching(/^[0-9a-f]{64}$/),
	});

	// Someone else texting the same Sakari number: acknowledged, ignored.
	const other = await sandbox.deliverWebhook('message-received', incomingSms({ contactId: 'ct_other', mobile: '+13475550799', conversationId: 'cv_other', text: 'STOP' }));
	expect(other.deliveries).toEqual([{ url: subscription.url, status: 200 }]);
	// A delivery for another account: refused.
	const foreign = await fetch(subscription.url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ accountId: 'acc_someone_else', eventType: 'message-received', payload: incomingSms({ ...recipient, text: 'YES' }) }),
	});
	expect(foreign.status).toBe(403);
	expect(await statusOf(workflow, executionId)).toBe('waiting');

	const reply = incomingSms({ ...recipient, text: 'YES' });
	const delivered = await sandbox.deliverWebhook('message-received', reply);
	expect(delivered.deliveries).toEqual([{ url: subscription.url, status: 200 }]);
	const result = await outcome(workflow, executionId);
	expect(result.status).toBe('success');
	expect(result.items('Ask')).toEqual([
		{
			data: {
				reply: {
					message: 'YES',
					messageId: reply.id,
					receivedAt: '2026-05-04T10:00:00.000Z',
					contact: { id: recipient.contactId, name: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', mobile: '+13475550711', country: 'US' },
					conversationId: recipient.conversationId,
				},
				respondedAt: expect.any(String),
			},
		},
	]);
	// Resumed: the subscription is gone, removed by its URL.
	expect(subscriptionsOf(executionId)).toEqual([]);
	expect(sandbox.requests().filter((request) => request.method === 'DELETE').map((request) => request.path)).toEqual([
		`/v1/accounts/acc_sandbox/webhooks/${encodeURIComponent(subscription.url)}`,
	]);
});

test('SMS Reply with Verify Signature: an unsigned delivery is refused, the signed reply resumes it', async () => {
	const workflow = WORKFLOWS.smsReplySigned;
	const { executionId } = await ask(workflow, { phone: '+13475550712', text: 'Reply 1 or 2' });
	const recipient = recipientOf('+13475550712');
	const unsigned = await sandbox.deliverWebhook('message-received', incomingSms({ ...recipient, text: '2' }), { signed: false });
	expect(unsigned.deliveries.map((delivery) => delivery.status)).toEqual([401]);
	expect(await statusOf(workflow, executionId)).toBe('waiting');
	const signed = await sandbox.deliverWebhook('message-received', incomingSms({ ...recipient, text: '1' }));
	expect(signed.deliveries.map((delivery) => delivery.status)).toEqual([200]);
	const result = await outcome(workflow, executionId);
	expect(result.items('Ask')[0].data.reply.message).toBe('1');
	expect(subscriptionsOf(executionId)).toEqual([]);
});

test('Limit Wait Time: without an answer the workflow goes on, the item saying it timed out; a later run removes the stale subscription', async () => {
	const approval = await ask(WORKFLOWS.timeout, { phone: '+13475550706', text: 'Still interested?' });
	const reply = await ask(WORKFLOWS.smsReplyTimeout, { phone: '+13475550713', text: 'Reply YES within a second' });
	expect([approval.status, reply.status]).toEqual(['waiting', 'waiting']);
	expect(subscriptionsOf(reply.executionId)).toHaveLength(1);
	// n8n looks for executions to resume once a minute.
	const approvalResult = await outcome(WORKFLOWS.timeout, approval.executionId, 150_000);
	const replyResult = await outcome(WORKFLOWS.smsReplyTimeout, reply.executionId, 150_000);
	for (const [result, body] of [
		[approvalResult, { phone: '+13475550706', text: 'Still interested?' }],
		[replyResult, { phone: '+13475550713', text: 'Reply YES within a second' }],
	]) {
		expect(result.status).toBe('success');
		const [item] = result.items('Ask');
		expect(item.data).toEqual({ timedOut: true });
		// The rest of the item is the input the node got (the Webhook's request), as n8n's own nodes pass it on.
		expect(item.body).toEqual(body);
		expect(result.items('Answered')).toEqual([item]);
	}
	// A timeout runs none of the node's code: the finished execution's subscription is still there ...
	const [stale] = subscriptionsOf(reply.executionId);
	expect(stale).toBeDefined();
	// ... until the node runs again: it asks n8n whether that execution still waits, and removes it.
	sandbox.clearRequests();
	const next = await ask(WORKFLOWS.smsReplyTimeout, { phone: '+13475550714', text: 'Reply YES' });
	expect(subscriptionsOf(reply.executionId)).toEqual([]);
	expect(subscriptionsOf(next.executionId)).toHaveLength(1);
	expect(sandbox.requests().filter((request) => request.method === 'DELETE').map((request) => request.path)).toEqual([
		`/v1/accounts/acc_sandbox/webhooks/${encodeURIComponent(stale.url)}`,
	]);
	// Its own reply still resumes it.
	await sandbox.deliverWebhook('message-received', incomingSms({ ...recipientOf('+13475550714'), text: 'YES' }));
	expect((await outcome(WORKFLOWS.smsReplyTimeout, next.executionId)).items('Ask')[0].data.reply.message).toBe('YES');
}, 240_000);

test("Limit Wait Time at a picked time: the execution waits until that wall time in the workflow's time zone", async () => {
	const { executionId, status, link } = await ask(WORKFLOWS.atTime, { phone: '+13475550716', text: 'Can you confirm by the 15th?' });
	expect(status).toBe('waiting');
	const waiting = (await server.executions(WORKFLOWS.atTime.id)).find((each) => each.id === executionId);
	// 09:00 in Tokyo, not 09:00 in the server's zone.
	expect(new Date(waiting.waitTill).toISOString()).toBe('2030-01-15T00:00:00.000Z');
	expect((await submit(link, { approved: 'true' })).status).toBe(200);
	expect((await outcome(WORKFLOWS.atTime, executionId)).items('Ask')[0].data).toMatchObject({ approved: true });
});

test('SMS Reply: an execution stopped in n8n leaves its subscription until the node runs again, which removes it', async () => {
	const workflow = WORKFLOWS.smsReply;
	const stopped = await ask(workflow, { phone: '+13475550715', text: 'Reply YES to confirm' });
	const [subscription] = subscriptionsOf(stopped.executionId);
	await server.rest.expectOk('POST', `/rest/executions/${stopped.executionId}/stop`, {});
	await outcome(workflow, stopped.executionId);
	expect(subscriptionsOf(stopped.executionId)).toEqual([subscription]);
	const next = await ask(workflow, { phone: '+13475550716', text: 'Reply YES to confirm' });
	expect(subscriptionsOf(stopped.executionId)).toEqual([]);
	// The next one waits and answers its own recipient.
	await sandbox.deliverWebhook('message-received', incomingSms({ ...recipientOf('+13475550716'), text: 'YES' }));
	expect((await outcome(workflow, next.executionId)).items('Ask')[0].data.reply.message).toBe('YES');
});

test('examples/confirm-appointment-by-sms.json: YES confirms, anything else offers another time', async () => {
	const workflow = WORKFLOWS.example;
	const sends = () => sandbox.requests().filter((request) => request.method === 'POST' && request.path === MESSAGES_PATH).map((request) => request.body);
	const booked = await ask(workflow, { name: 'Ada', phone: '+13475550721', time: 'Tuesday at 3 pm' });
	expect(booked.sms.template).toBe('Hi Ada, reply YES to confirm your appointment on Tuesday at 3 pm, or NO to cancel.');
	await sandbox.deliverWebhook('message-received', incomingSms({ ...recipientOf('+13475550721'), text: ' yes ' }));
	const yes = await outcome(workflow, booked.executionId);
	expect(yes.status).toBe('success');
	expect(yes.items('Confirm')).toHaveLength(1);
	expect(yes.items('Offer another time')).toEqual([]);
	expect(sends().at(-1)).toEqual({
		contacts: [{ mobile: { number: '+13475550721', country: 'US' } }],
		template: 'Thanks Ada, you are booked for Tuesday at 3 pm. See you then!',
	});

	const declined = await ask(workflow, { name: 'Grace', phone: '+13475550722', time: 'Friday at 9 am' });
	await sandbox.deliverWebhook('message-received', incomingSms({ ...recipientOf('+13475550722'), text: 'NO, sorry' }));
	const no = await outcome(workflow, declined.executionId);
	expect(no.items('Confirm')).toEqual([]);
	expect(sends().at(-1)?.template).toBe('No problem, Grace: we will call you to find another time.');
});

test('More than one input item: nothing is sent and the error says why', async () => {
	const workflow = WORKFLOWS.twoItems;
	const { executionId, sends } = await ask(workflow, { phone: '+13475550707', text: 'Hello?' });
	const result = await outcome(workflow, executionId);
	expect(result.status).toBe('error');
	expect(result.error.message).toBe('Send and Wait for Response waits for one answer per execution, and got 2 items');
	expect(sends).toEqual([]);
});
