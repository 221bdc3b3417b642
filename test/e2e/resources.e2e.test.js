// @ts-check
'use strict';
// Every Sakari resource end to end in real n8n: the packed package installed as a community package, one
// `n8n start` for the whole file, one multi-node workflow per scenario (chained with expressions, so n8n's own
// pairing lookups are exercised), each started through a Webhook trigger and read back through n8n's REST API.
// Each test checks the items of every node, the requests the sandbox recorded and the sandbox's final state.
const path = require('node:path');
const { startCheckedSandbox, useContractCheck } = require('./folder');
const n8n = require('../../scripts/n8n');
const { node, pairingCheck, rows: listRows } = require('./workflows');

const CREDENTIAL_NAME = 'Sakari sandbox (resources)';
const ACCOUNT_PATH = '/v1/accounts/acc_sandbox';
const SEEDED = 250;
// Seeded contacts get +1347200NNNN numbers in creation order (sandbox/lib/seed.js); these are
// checked against the sandbox's state in beforeAll.
const seededMobile = (n) => `+1347${2000000 + n}`;
const OPTED_OUT = seededMobile(250);
const MESSAGE_TO = seededMobile(1);
const CONTINUE_OK = seededMobile(5);
const CONVERSATION_CONTACTS = [seededMobile(2), seededMobile(3), seededMobile(4)];
// A number no seeded contact has: Contact → Create or Update makes a new contact.
const NEW_MOBILE = '+13475550777';
const TEMPLATE_TEXT = 'Hi {{{firstName}}}, your order has shipped.';
const CONTACT_TEXT = 'Thanks {{{lastName}}}!';
const REPLY_TEXT = 'Here are your receipts.';

// ---------------------------------------------------------------------------------------------------------
// Workflows
// ---------------------------------------------------------------------------------------------------------

const byId = (value) => ({ __rl: true, mode: 'id', value });

/** A Sakari node; its credential is filled in when the workflow is created (n8n assigns the credential's id). */
const sakari = (name, parameters, x, extra = {}) => node(name, n8n.NODE_TYPE, 1, parameters, [x, 0], extra);

const webhookPath = (key) => `sakari-e2e-${key}`;

/**
 * A workflow started by a POST to its production webhook URL, answering when the last node finished; `chain` is
 * the nodes after the Webhook, connected in order.
 */
let webhooks = 0;
function webhookWorkflow(key, name, chain) {
	webhooks += 1;
	const trigger = node(
		'Webhook',
		'n8n-nodes-base.webhook',
		2,
		{ httpMethod: 'POST', path: webhookPath(key), responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		[0, 0],
		{ webhookId: `00000000-0000-4000-a000-${String(webhooks).padStart(12, '0')}` },
	);
	const nodes = [trigger, ...chain];
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { key, name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** Message → Send to a mobile number, as the editor saves it. */
const sendToNumber = ({ mobileNumber, template }) => ({
	resource: 'message',
	operation: 'send',
	sendTo: 'mobileNumber',
	toMobileNumber: mobileNumber,
	toMobileCountry: 'US',
	message: template,
	messageOptions: {},
});

const rows = (name, items, x) => listRows(name, items, [x, 0]);

const CONTACT = {
	firstName: 'Ada',
	lastName: 'E2e',
	email: 'ada.e2e@example.com',
	updatedLastName: 'Byron',
	updatedEmail: 'ada.byron.e2e@example.com',
};
// First names the seeded contacts have (a dozen names in turn), none a part of another.
const PAIRING_NAMES = ['Grace', 'Alan'];
const TEMPLATE = {
	name: 'E2E order shipped',
	text: 'Hi {{{firstName}}}, order {{{order}}} has shipped.',
	updatedName: 'E2E order delivered',
	updatedText: 'Hi {{{firstName}}}, your order was delivered.',
	decoy: 'E2E appointment reminder',
};

const WORKFLOWS = {
	contactsAll: webhookWorkflow('ContactsAll', 'E2E: Contact Get Many, Return All', [
		sakari('Get Many', { resource: 'contact', operation: 'getAll', returnAll: true, filters: {} }, 220),
	]),
	// Two input items, several contacts each: n8n cannot pair these by itself (it only does for 1 → n, n → n or
	// n → 1 items), so `$('Names').item` downstream works only with the pairing the node sets.
	contactsByName: webhookWorkflow('ContactsByName', 'E2E: Contact Get Many per input item, paired', [
		...rows('Names', PAIRING_NAMES.map((first) => ({ first })), 220),
		sakari(
			'Get Many',
			{ resource: 'contact', operation: 'getAll', returnAll: false, limit: 3, filters: { firstName: '={{ $json.first }}' } },
			440,
		),
		pairingCheck('Names', { sourceField: 'first', sourceAs: 'asked', ownField: 'firstName', ownAs: 'found' }, [660, 0]),
	]),
	contactCrud: webhookWorkflow('ContactCrud', 'E2E: Contact create or update → get → update → get many → delete', [
		sakari(
			'Create or Update',
			{
				resource: 'contact',
				operation: 'create',
				mobileNumber: NEW_MOBILE,
				mobileCountry: 'US',
				mergeStrategy: 'default',
				additionalFields: { firstName: CONTACT.firstName, lastName: CONTACT.lastName, email: CONTACT.email },
			},
			220,
		),
		sakari('Get', { resource: 'contact', operation: 'get', contactId: byId('={{ $json.id }}') }, 440),
		sakari(
			'Update',
			{
				resource: 'contact',
				operation: 'update',
				contactId: byId("={{ $('Create or Update').item.json.id }}"),
				updateFields: { lastName: CONTACT.updatedLastName, email: CONTACT.updatedEmail },
			},
			660,
		),
		sakari(
			'Get Many',
			{ resource: 'contact', operation: 'getAll', returnAll: false, limit: 10, filters: { email: '={{ $json.email }}' } },
			880,
		),
		// Through four nodes back to the contact created: n8n resolves it with the pairing every node set.
		sakari('Delete', { resource: 'contact', operation: 'delete', contactId: byId("={{ $('Create or Update').item.json.id }}") }, 1100),
	]),
	messageFlow: webhookWorkflow('MessageFlow', 'E2E: Message send (number, contact, conversation) → get → get many', [
		// Fixed text, not an expression: the placeholder reaches Sakari as typed.
		sakari('Send', sendToNumber({ mobileNumber: MESSAGE_TO, template: TEMPLATE_TEXT }), 220),
		sakari('Get', { resource: 'message', operation: 'get', messageId: "={{ $('Send').item.json.id }}" }, 440),
		sakari(
			'Send to Contact',
			{
				resource: 'message',
				operation: 'send',
				sendTo: 'contact',
				toContactId: byId("={{ $('Send').item.json.contact.id }}"),
				message: CONTACT_TEXT,
				messageOptions: {},
			},
			660,
		),
		sakari(
			'Reply in Conversation',
			{
				resource: 'message',
				operation: 'send',
				sendTo: 'conversation',
				toConversationId: byId("={{ $('Send').item.json.conversation.id }}"),
				message: REPLY_TEXT,
				messageOptions: { type: 'MMS', mediaUrls: 'https://example.com/a.png, https://example.com/b.png' },
			},
			880,
		),
		sakari(
			'Get Many',
			{
				resource: 'message',
				operation: 'getAll',
				returnAll: true,
				messageFilters: { contactId: "={{ $('Send').item.json.contact.id }}" },
			},
			1100,
		),
	]),
	sendOptedOut: webhookWorkflow('SendOptOut', 'E2E: Message send to an opted-out number', [
		sakari(
			'Send',
			sendToNumber({ mobileNumber: OPTED_OUT, template: 'Hello' }),
			220,
		),
	]),
	sendContinue: webhookWorkflow('SendContinue', 'E2E: Message send, continue on fail', [
		...rows('Recipients', [{ phone: CONTINUE_OK }, { phone: OPTED_OUT }], 220),
		sakari(
			'Send',
			sendToNumber({ mobileNumber: '={{ $json.phone }}', template: 'Hello {{{firstName}}}' }),
			440,
			{ onError: 'continueRegularOutput' },
		),
	]),
	conversationFlow: webhookWorkflow('Conversations', 'E2E: Conversation get many → get → close', [
		sakari('Get Many', { resource: 'conversation', operation: 'getAll', returnAll: false, limit: 2 }, 220),
		sakari('Get', { resource: 'conversation', operation: 'get', conversationId: byId('={{ $json.id }}') }, 440),
		sakari(
			'Close',
			{ resource: 'conversation', operation: 'close', conversationId: byId("={{ $('Get Many').item.json.id }}") },
			660,
		),
	]),
	templateCrud: webhookWorkflow('TemplateCrud', 'E2E: Template create → get → update → get many → delete', [
		sakari('Create', { resource: 'template', operation: 'create', name: TEMPLATE.name, template: TEMPLATE.text, type: 'SMS' }, 220),
		sakari('Get', { resource: 'template', operation: 'get', templateId: byId('={{ $json.id }}') }, 440),
		sakari(
			'Update',
			{
				resource: 'template',
				operation: 'update',
				templateId: byId("={{ $('Create').item.json.id }}"),
				templateUpdateFields: { name: TEMPLATE.updatedName, template: TEMPLATE.updatedText },
			},
			660,
		),
		sakari('Get Many', { resource: 'template', operation: 'getAll', returnAll: true, templateFilters: { name: 'delivered' } }, 880),
		sakari('Delete', { resource: 'template', operation: 'delete', templateId: byId('={{ $json.id }}') }, 1100),
	]),
	account: webhookWorkflow('Account', 'E2E: Account get', [sakari('Get Account', { resource: 'account', operation: 'get' }, 220)]),
};

// ---------------------------------------------------------------------------------------------------------
// Harness: one server, workflows published once, runs started by webhook and read back over REST
// ---------------------------------------------------------------------------------------------------------

let sandbox;
useContractCheck(() => sandbox);
let folder;
let server;
const timings = { runs: {} };

beforeAll(async () => {
	let started = Date.now();
	sandbox = await startCheckedSandbox();
	// Seeded before n8n ever talks to the sandbox: the first run fetches the credential's first token.
	sandbox.reset({ seedContacts: SEEDED, optedOutMobiles: [OPTED_OUT] });
	const contacts = sandbox.state().contacts;
	const numbers = contacts.map((contact) => contact.mobile.number);
	if (contacts.length !== SEEDED || numbers[0] !== seededMobile(1) || numbers[SEEDED - 1] !== OPTED_OUT) {
		throw new Error(`the sandbox no longer seeds ${SEEDED} contacts as +1347200NNNN: ${numbers.slice(0, 3)}`);
	}

	folder = await n8n.freshUserFolder({ label: 'resources', tarball: n8n.packPackage() });
	timings.folderMs = Date.now() - started;

	started = Date.now();
	server = await n8n.startServer(folder, { logFile: path.join(folder, 'n8n.log') });
	await server.login();
	timings.startMs = Date.now() - started;

	// The credential and the workflows are created the way the editor creates them, through the running server:
	// `n8n import:*` would cost a CLI boot each (~8 s here).
	started = Date.now();
	const { data: credential } = await server.rest.expectOk('POST', '/rest/credentials', {
		name: CREDENTIAL_NAME,
		type: n8n.CREDENTIAL_TYPE,
		data: n8n.sandboxCredentialData(sandbox),
	});
	// One at a time: n8n 1.x on SQLite fails concurrent workflow saves ("no such savepoint").
	for (const workflow of Object.values(WORKFLOWS)) await publish(workflow, { id: credential.id, name: credential.name });
	timings.publishMs = Date.now() - started;
});

afterAll(async () => {
	await server?.stop();
	if (folder) n8n.removeUserFolder(folder);
	await sandbox?.close();
	process.stderr.write(`[e2e resources] timings ms: ${JSON.stringify(timings)}\n`);
});

const webhookUrl = (workflow) => `${server.url}/webhook/${webhookPath(workflow.key)}`;

/**
 * Creates a workflow (its Sakari nodes using `credential`) and publishes it as the editor does, then waits until
 * n8n serves its webhook (activation is asynchronous in n8n 2.x). Sets `workflow.id`.
 */
async function publish(workflow, credential) {
	const nodes = workflow.nodes.map((each) =>
		each.type === n8n.NODE_TYPE ? { ...each, credentials: { [n8n.CREDENTIAL_TYPE]: credential } } : each,
	);
	const { data } = await server.rest.expectOk('POST', '/rest/workflows', { ...workflow, nodes, key: undefined, active: false });
	workflow.id = data.id;
	await server.rest.expectOk('POST', `/rest/workflows/${workflow.id}/activate`, { versionId: data.versionId });
	const deadline = Date.now() + 20_000;
	// A CORS preflight asks n8n which methods a webhook path has without starting a run: 404 until registered.
	for (;;) {
		const answer = await fetch(webhookUrl(workflow), {
			method: 'OPTIONS',
			headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
		});
		if (answer.status < 300) return;
		if (Date.now() > deadline) throw new Error(`${workflow.name}: webhook not registered (OPTIONS ${answer.status})`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

const finished = (execution) => execution.finished || ['success', 'error', 'crashed'].includes(execution.status);

/**
 * Starts a workflow through its webhook and returns `{status, response, resultData}` of the new execution:
 * `items(name)` gives a node's output items (`{json, pairedItem, error?}`), `error` the run's error.
 */
async function run(workflow) {
	const before = new Set((await server.executions(workflow.id)).map((execution) => execution.id));
	const started = Date.now();
	const answer = await fetch(webhookUrl(workflow), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
		signal: AbortSignal.timeout(60_000),
	});
	const response = { status: answer.status, text: await answer.text() };
	const responseMs = Date.now() - started;
	let execution;
	const deadline = Date.now() + 20_000;
	while (!execution) {
		execution = (await server.executions(workflow.id)).find((candidate) => !before.has(candidate.id) && finished(candidate));
		if (execution) break;
		if (Date.now() > deadline) throw new Error(`${workflow.name}: no finished execution (webhook answered ${response.status})`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const resultData = await server.executionResult(execution.id);
	timings.runs[workflow.key] = { responseMs, totalMs: Date.now() - started };
	return {
		status: execution.status,
		response,
		resultData,
		error: resultData.error,
		items: (name) => {
			const task = resultData.runData[name]?.[0];
			if (!task) throw new Error(`${workflow.name}: node "${name}" did not run; error: ${resultData.error?.message}`);
			return task.data?.main?.[0] ?? [];
		},
		nodeError: (name) => resultData.runData[name]?.[0]?.error,
	};
}

/** Fails with the run's own error when it did not succeed, so a broken node reads as what n8n said. */
function expectSuccess(result) {
	expect({ status: result.status, error: result.error?.message }).toEqual({ status: 'success', error: undefined });
}

/** What the node asked Sakari, token requests left out: `{method, path, query, body}` in arrival order. */
const apiCalls = () =>
	sandbox
		.requests()
		.filter((request) => request.path.startsWith('/v1/'))
		.map(({ method, path: requestPath, query, body, status }) => ({ method, path: requestPath, query, body, status }));

/** Calls the sandbox's API directly (with a token of its own), as another Sakari client would; not recorded. */
async function sakariApi(method, route, body) {
	const token = await fetch(`${sandbox.url}/oauth2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret }),
	}).then(async (response) => /** @type {{ access_token: string }} */ (await response.json()));
	const answer = await fetch(`${sandbox.url}${ACCOUNT_PATH}${route}`, {
		method,
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = /** @type {{ success: boolean, data: any }} */ (await answer.json());
	if (!json.success) throw new Error(`${method} ${route} answered ${answer.status}: ${JSON.stringify(json)}`);
	sandbox.clearRequests();
	return json.data;
}

const contactByMobile = (mobile) => sandbox.state().contacts.find((contact) => contact.mobile.number === mobile);

beforeEach(() => {
	sandbox.clearRequests();
});

// ---------------------------------------------------------------------------------------------------------
// Tests (the first one relies on the sandbox holding exactly the 250 seeded contacts: keep it first)
// ---------------------------------------------------------------------------------------------------------

test('Contact → Get Many with Return All returns all 250 contacts, fetched in three pages of 100', async () => {
	expect(sandbox.state().contacts).toHaveLength(SEEDED);
	const result = await run(WORKFLOWS.contactsAll);
	expectSuccess(result);

	const items = result.items('Get Many');
	expect(items).toHaveLength(SEEDED);
	// Every contact once, in the sandbox's order, each paired to the one webhook item.
	expect(items.map((item) => item.json.id)).toEqual(sandbox.state().contacts.map((contact) => contact.id));
	expect(new Set(items.map((item) => item.json.id)).size).toBe(SEEDED);
	expect(items.every((item) => item.pairedItem?.item === 0)).toBe(true);
	expect(items[0].json).toMatchObject({ mobile: { number: seededMobile(1), country: 'US' }, firstName: expect.any(String) });

	expect(apiCalls()).toEqual(
		[0, 100, 200].map((offset) => ({
			method: 'GET',
			path: `${ACCOUNT_PATH}/contacts`,
			query: { offset: String(offset), limit: '100' },
			body: undefined,
			status: 200,
		})),
	);
	// n8n had no token stored for this credential yet: exactly one was fetched for the three pages.
	expect(sandbox.requests().filter((request) => request.path === '/oauth2/token')).toHaveLength(1);
});

test('Contact → Get Many per input item: each contact paired to the item it was found for', async () => {
	const result = await run(WORKFLOWS.contactsByName);
	expectSuccess(result);

	const expected = PAIRING_NAMES.flatMap((first, item) =>
		sandbox
			.state()
			.contacts.filter((contact) => contact.firstName === first)
			.slice(0, 3)
			.map((contact) => ({ id: contact.id, first, item })),
	);
	expect(expected).toHaveLength(6);
	const found = result.items('Get Many');
	expect(found.map((each) => ({ id: each.json.id, first: each.json.firstName, item: each.pairedItem?.item }))).toEqual(expected);
	// n8n's own lookup through that pairing finds the row each contact came from.
	expect(result.items('Check pairing').map((each) => [each.json.asked, each.json.found])).toEqual(
		expected.map(({ first }) => [first, first]),
	);
	expect(
		apiCalls()
			.map((call) => JSON.stringify([call.method, call.path, call.query, call.status]))
			.sort(),
	).toEqual(
		PAIRING_NAMES.map((first) =>
			JSON.stringify(['GET', `${ACCOUNT_PATH}/contacts`, { firstName: first, offset: '0', limit: '3' }, 200]),
		).sort(),
	);
});

test('Contact: create or update → get → update → get many (filter) → delete', async () => {
	expect(contactByMobile(NEW_MOBILE)).toBeUndefined();
	const result = await run(WORKFLOWS.contactCrud);
	expectSuccess(result);

	const [created] = result.items('Create or Update');
	expect(result.items('Create or Update')).toHaveLength(1);
	expect(created.json).toMatchObject({
		id: expect.any(String),
		firstName: CONTACT.firstName,
		lastName: CONTACT.lastName,
		email: CONTACT.email,
		mobile: { number: NEW_MOBILE, country: 'US' },
	});
	const id = created.json.id;
	expect(created.pairedItem).toEqual({ item: 0 });

	const fetched = result.items('Get');
	expect(fetched).toHaveLength(1);
	expect(fetched[0].json).toMatchObject({ id, firstName: CONTACT.firstName, lastName: CONTACT.lastName, email: CONTACT.email });
	expect(fetched[0].pairedItem).toEqual({ item: 0 });

	const updated = result.items('Update');
	expect(updated).toHaveLength(1);
	expect(updated[0].json).toMatchObject({
		id,
		firstName: CONTACT.firstName,
		lastName: CONTACT.updatedLastName,
		email: CONTACT.updatedEmail,
		mobile: { number: NEW_MOBILE },
	});

	// The filter found exactly the updated contact among the 250 seeded ones.
	const found = result.items('Get Many');
	expect(found.map((item) => [item.json.id, item.json.lastName, item.json.email])).toEqual([
		[id, CONTACT.updatedLastName, CONTACT.updatedEmail],
	]);
	expect(found[0].pairedItem).toEqual({ item: 0 });

	expect(result.items('Delete').map((item) => ({ json: item.json, pairedItem: item.pairedItem }))).toEqual([
		{ json: { success: true }, pairedItem: { item: 0 } },
	]);

	const contactPath = `${ACCOUNT_PATH}/contacts/${id}`;
	expect(apiCalls()).toEqual([
		{
			method: 'POST',
			path: `${ACCOUNT_PATH}/contacts`,
			query: {},
			body: {
				mobile: { number: NEW_MOBILE, country: 'US' },
				firstName: CONTACT.firstName,
				lastName: CONTACT.lastName,
				email: CONTACT.email,
			},
			status: 201,
		},
		{ method: 'GET', path: contactPath, query: {}, body: undefined, status: 200 },
		{
			method: 'PUT',
			path: contactPath,
			query: {},
			// Only the fields added under Update Fields.
			body: { lastName: CONTACT.updatedLastName, email: CONTACT.updatedEmail },
			status: 200,
		},
		{
			method: 'GET',
			path: `${ACCOUNT_PATH}/contacts`,
			query: { email: CONTACT.updatedEmail, offset: '0', limit: '10' },
			body: undefined,
			status: 200,
		},
		{ method: 'DELETE', path: contactPath, query: {}, body: undefined, status: 200 },
	]);

	// Gone from Sakari, and nothing else touched.
	const contacts = sandbox.state().contacts;
	expect(contacts.find((contact) => contact.id === id || contact.mobile.number === NEW_MOBILE)).toBeUndefined();
	expect(contacts).toHaveLength(SEEDED);
});

test('Message: send to a number (placeholder verbatim) → get → send to its contact → reply in its conversation → get many', async () => {
	const recipient = contactByMobile(MESSAGE_TO);
	expect(recipient.firstName).toEqual(expect.any(String));
	expect(sandbox.state().messages.filter((message) => message.contact.id === recipient.id)).toEqual([]);
	const result = await run(WORKFLOWS.messageFlow);
	expectSuccess(result);

	const sent = result.items('Send');
	expect(sent).toHaveLength(1);
	const expectedText = `Hi ${recipient.firstName}, your order has shipped.`;
	expect(sent[0].json).toMatchObject({
		id: expect.any(String),
		status: 'Queued',
		type: 'SMS',
		template: TEMPLATE_TEXT,
		message: expectedText,
		contact: { id: recipient.id, mobile: { number: MESSAGE_TO } },
		conversation: { id: expect.any(String) },
	});
	expect(sent[0].json.invalidRecipients).toBeUndefined();
	expect(sent[0].pairedItem).toEqual({ item: 0 });
	const messageId = sent[0].json.id;
	const conversationId = sent[0].json.conversation.id;

	const fetched = result.items('Get');
	expect(fetched.map((item) => [item.json.id, item.json.message, item.json.status])).toEqual([[messageId, expectedText, 'Queued']]);
	expect(fetched[0].pairedItem).toEqual({ item: 0 });

	const toContact = result.items('Send to Contact');
	expect(toContact.map((item) => [item.json.contact.id, item.json.message, item.json.conversation.id])).toEqual([
		[recipient.id, `Thanks ${recipient.lastName}!`, conversationId],
	]);
	const reply = result.items('Reply in Conversation');
	expect(reply.map((item) => [item.json.contact.id, item.json.conversation.id, item.json.type, item.json.media])).toEqual([
		[recipient.id, conversationId, 'MMS', [{ url: 'https://example.com/a.png' }, { url: 'https://example.com/b.png' }]],
	]);

	// All of that contact's messages (the three sends are its only ones), none of anyone else's.
	const sentIds = [messageId, toContact[0].json.id, reply[0].json.id];
	const ofContact = sandbox.state().messages.filter((message) => message.contact.id === recipient.id);
	expect(ofContact.map((message) => message.id)).toEqual(sentIds);
	const listed = result.items('Get Many');
	expect(listed.map((item) => [item.json.id, item.json.contact.id])).toEqual(sentIds.map((id) => [id, recipient.id]));

	const messagesPath = `${ACCOUNT_PATH}/messages`;
	expect(apiCalls()).toEqual([
		{
			method: 'POST',
			path: messagesPath,
			query: {},
			body: { contacts: [{ mobile: { number: MESSAGE_TO, country: 'US' } }], template: TEMPLATE_TEXT },
			status: 200,
		},
		{ method: 'GET', path: `${messagesPath}/${messageId}`, query: {}, body: undefined, status: 200 },
		{ method: 'POST', path: messagesPath, query: {}, body: { contacts: [{ id: recipient.id }], template: CONTACT_TEXT }, status: 200 },
		{
			method: 'POST',
			path: messagesPath,
			query: {},
			body: {
				conversations: [conversationId],
				template: REPLY_TEXT,
				type: 'MMS',
				media: [{ url: 'https://example.com/a.png' }, { url: 'https://example.com/b.png' }],
			},
			status: 200,
		},
		{
			method: 'GET',
			path: messagesPath,
			query: { contactId: recipient.id, offset: '0', limit: '100' },
			body: undefined,
			status: 200,
		},
	]);
});

test('Message: a send to an opted-out number fails the run with CONT-010', async () => {
	const messagesBefore = sandbox.state().messages.length;
	const result = await run(WORKFLOWS.sendOptedOut);

	expect(result.status).toBe('error');
	expect(result.error?.message).toContain('CONT-010');
	expect(result.error?.message).toContain('Contact has requested no further communication');
	expect(result.nodeError('Send')?.message).toContain('CONT-010');
	expect(result.items('Send')).toEqual([]);
	// The webhook caller is told too (n8n answers a failed "last node" run with an error status).
	expect(result.response.status).toBeGreaterThanOrEqual(400);
	// Sakari was asked and refused the recipient: nothing was queued.
	expect(apiCalls()).toEqual([
		{
			method: 'POST',
			path: `${ACCOUNT_PATH}/messages`,
			query: {},
			body: { contacts: [{ mobile: { number: OPTED_OUT, country: 'US' } }], template: 'Hello' },
			status: 200,
		},
	]);
	expect(sandbox.state().messages).toHaveLength(messagesBefore);
});

test('Message: with continue on fail, the opted-out recipient is an error item and the other is sent', async () => {
	const ok = contactByMobile(CONTINUE_OK);
	const result = await run(WORKFLOWS.sendContinue);
	expectSuccess(result);

	const items = result.items('Send');
	expect(items).toHaveLength(2);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(items[0].json).toMatchObject({
		id: expect.any(String),
		status: 'Queued',
		contact: { id: ok.id },
		message: `Hello ${ok.firstName}`,
	});
	expect(items[1].json.id).toBeUndefined();
	expect(JSON.stringify(items[1])).toContain('CONT-010');

	const sends = apiCalls();
	expect(sends.map((call) => [call.method, call.path, call.body.contacts[0].mobile.number]).sort()).toEqual(
		[
			['POST', `${ACCOUNT_PATH}/messages`, CONTINUE_OK],
			['POST', `${ACCOUNT_PATH}/messages`, OPTED_OUT],
		].sort(),
	);
	const optedOut = contactByMobile(OPTED_OUT);
	expect(sandbox.state().messages.filter((message) => message.contact.id === optedOut.id)).toEqual([]);
});

test('Conversation: get many (limit 2) → get → close', async () => {
	// Three more conversations, started by messages another Sakari client sent.
	for (const mobile of CONVERSATION_CONTACTS) {
		await sakariApi('POST', '/messages', { contacts: [{ mobile: { number: mobile, country: 'US' } }], template: 'Hi' });
	}
	const before = sandbox.state().conversations;
	expect(before.length).toBeGreaterThanOrEqual(3);
	expect(before.every((conversation) => conversation.closed === null)).toBe(true);
	const firstTwo = before.slice(0, 2).map((conversation) => conversation.id);

	const result = await run(WORKFLOWS.conversationFlow);
	expectSuccess(result);

	const listed = result.items('Get Many');
	expect(listed.map((item) => item.json.id)).toEqual(firstTwo);
	expect(listed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	const fetched = result.items('Get');
	expect(fetched.map((item) => [item.json.id, item.json.closed])).toEqual(firstTwo.map((id) => [id, null]));
	expect(fetched.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	const closed = result.items('Close');
	expect(closed.map((item) => item.json.id)).toEqual(firstTwo);
	// Today's reference: `closed` is when it was closed (developer.sakari.io › Conversations › "Closes a conversation").
	expect(closed.every((item) => !Number.isNaN(Date.parse(item.json.closed)))).toBe(true);
	expect(closed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

	const calls = apiCalls();
	expect(calls[0]).toEqual({
		method: 'GET',
		path: `${ACCOUNT_PATH}/conversations`,
		query: { offset: '0', limit: '2' },
		body: undefined,
		status: 200,
	});
	// Each item's requests run concurrently: compare as sets.
	const rest = calls.slice(1).map((call) => `${call.method} ${call.path} ${call.status}`);
	expect(rest.sort()).toEqual(
		firstTwo
			.flatMap((id) => [`GET ${ACCOUNT_PATH}/conversations/${id} 200`, `PUT ${ACCOUNT_PATH}/conversations/${id}/close 200`])
			.sort(),
	);

	// Exactly those two are closed in Sakari; the others stay open.
	const after = sandbox.state().conversations;
	expect(after.filter((conversation) => conversation.closed).map((conversation) => conversation.id)).toEqual(firstTwo);
	expect(after).toHaveLength(before.length);
});

test('Template: create → get → update → get many (filter name) → delete', async () => {
	// Another template the name filter must leave out.
	const decoy = await sakariApi('POST', '/templates', { name: TEMPLATE.decoy, template: 'See you {{{date}}}', type: 'SMS' });

	const result = await run(WORKFLOWS.templateCrud);
	expectSuccess(result);

	const created = result.items('Create');
	expect(created).toHaveLength(1);
	expect(created[0].json).toMatchObject({ id: expect.any(String), name: TEMPLATE.name, template: TEMPLATE.text, type: 'SMS' });
	expect(created[0].pairedItem).toEqual({ item: 0 });
	const id = created[0].json.id;
	expect(result.items('Get').map((item) => [item.json.id, item.json.name, item.json.template])).toEqual([
		[id, TEMPLATE.name, TEMPLATE.text],
	]);
	expect(result.items('Update').map((item) => [item.json.id, item.json.name, item.json.template])).toEqual([
		[id, TEMPLATE.updatedName, TEMPLATE.updatedText],
	]);
	expect(result.items('Get Many').map((item) => [item.json.id, item.json.name])).toEqual([[id, TEMPLATE.updatedName]]);
	expect(result.items('Delete').map((item) => ({ json: item.json, pairedItem: item.pairedItem }))).toEqual([
		{ json: { success: true }, pairedItem: { item: 0 } },
	]);

	const templatePath = `${ACCOUNT_PATH}/templates/${id}`;
	expect(apiCalls()).toEqual([
		{
			method: 'POST',
			path: `${ACCOUNT_PATH}/templates`,
			query: {},
			body: { name: TEMPLATE.name, template: TEMPLATE.text, type: 'SMS' },
			status: 201,
		},
		{ method: 'GET', path: templatePath, query: {}, body: undefined, status: 200 },
		{
			method: 'PUT',
			path: templatePath,
			query: {},
			body: { name: TEMPLATE.updatedName, template: TEMPLATE.updatedText },
			status: 200,
		},
		{
			method: 'GET',
			path: `${ACCOUNT_PATH}/templates`,
			query: { name: 'delivered', offset: '0', limit: '100' },
			body: undefined,
			status: 200,
		},
		{ method: 'DELETE', path: templatePath, query: {}, body: undefined, status: 200 },
	]);
	expect(sandbox.state().templates.map((template) => template.id)).toEqual([decoy.id]);
});

test('Account: get returns the account with its balance, without the API credentials Sakari answers with it', async () => {
	const result = await run(WORKFLOWS.account);
	expectSuccess(result);

	const items = result.items('Get Account');
	expect(items).toHaveLength(1);
	expect(items[0].json).toMatchObject({
		id: sandbox.accountId,
		name: expect.any(String),
		balance: 100,
		balanceDetails: { balance: 100, country: 'US' },
	});
	expect(items[0].json).not.toHaveProperty('apiCredentials');
	expect(JSON.stringify(result.resultData)).not.toContain(sandbox.clientSecret);
	expect(items[0].pairedItem).toEqual({ item: 0 });
	expect(apiCalls().map((call) => `${call.method} ${call.path} ${call.status}`).sort()).toEqual([
		`GET ${ACCOUNT_PATH} 200`,
		`GET ${ACCOUNT_PATH}/balance 200`,
	]);
});
