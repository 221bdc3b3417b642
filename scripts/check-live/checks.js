// @ts-check
'use strict';
// What the live check runs in n8n: one workflow per part (read, contact, send), each a node per check, and the
// Sakari Trigger workflow for the webhook subscription. Every check names the contract endpoints its node calls.
const { NODE_TYPE, CREDENTIAL_TYPE, PACKAGE_NAME, workflowNode } = require('../n8n');

const CREDENTIAL = { id: 'sakariLiveCheck1', name: 'Sakari (live check)' };
const TRIGGER_WEBHOOK_ID = '5f0c8a52-9d3e-4b7a-8e21-3c6d9f4b1a70';
const LIST_LIMIT = 5;
const SEND_TEXT = 'Live check from n8n-nodes-sakari (npm run check:live): you may ignore this text.';

/**
 * @typedef {object} Check
 * @property {string} name the row in the report
 * @property {string} phase the part of the run whose exchanges it reads
 * @property {string[]} endpoints contract endpoint names whose exchanges belong to it
 * @property {string} [node] the workflow node whose outcome it reports
 */

const byId = (value) => ({ __rl: true, mode: 'id', value });
const start = () => workflowNode('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]);

/**
 * @param {string} name
 * @param {object} parameters
 * @param {number} row
 */
const sakari = (name, parameters, row) =>
	workflowNode(name, NODE_TYPE, 1, parameters, [300, row * 160], {
		credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
		// One check failing must not stop the others: the error stays on the node's output item.
		onError: 'continueRegularOutput',
	});

/** Nodes all fed by Start (each runs once), or each fed by the one before (`chain`). */
function workflow(id, name, nodes, { chain = false } = {}) {
	/** @type {Record<string, unknown>} */
	const connections = {};
	nodes.forEach((node, index) => {
		const from = chain && index > 0 ? nodes[index - 1].name : 'Start';
		const list = /** @type {{main: object[][]}} */ (connections[from] ??= { main: [[]] });
		list.main[0].push({ node: node.name, type: 'main', index: 0 });
	});
	return { id, name, active: false, nodes: [start(), ...nodes], connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const getMany = (resource, extra = {}) => ({ resource, operation: 'getAll', returnAll: false, limit: LIST_LIMIT, ...extra });

/**
 * The read-only part: token, account, the lists, and the webhook list (n8n's HTTP Request node with the package's
 * credential: the Sakari node has no webhook operation; the trigger lists them only when it is published).
 * @param {{proxyUrl: string, accountId: string}} target
 */
function readPart({ proxyUrl, accountId }) {
	/** @type {Array<Check & {parameters?: object}>} */
	const checks = [
		{ name: 'Token', phase: 'read', endpoints: ['Token'] },
		{ name: 'Account → Get', phase: 'read', endpoints: ['Account → Get', 'Account → Get (balance)'], node: 'Account → Get', parameters: { resource: 'account', operation: 'get' } },
		{ name: 'Contact → Get Many', phase: 'read', endpoints: ['Contact → Get Many'], node: 'Contact → Get Many', parameters: getMany('contact', { filters: {} }) },
		{ name: 'Conversation → Get Many', phase: 'read', endpoints: ['Conversation → Get Many'], node: 'Conversation → Get Many', parameters: getMany('conversation') },
		{ name: 'Message → Get Many', phase: 'read', endpoints: ['Message → Get Many'], node: 'Message → Get Many', parameters: getMany('message', { messageFilters: {} }) },
		{ name: 'Template → Get Many', phase: 'read', endpoints: ['Template → Get Many'], node: 'Template → Get Many', parameters: getMany('template') },
		{ name: 'Campaign → Get Many', phase: 'read', endpoints: ['Campaign → Get Many'], node: 'Campaign → Get Many', parameters: getMany('campaign') },
		{ name: 'Account → Get Many', phase: 'read', endpoints: ['Account → Get Many'], node: 'Account → Get Many', parameters: getMany('account') },
		{ name: 'Lead Form → Get Many', phase: 'read', endpoints: ['Lead Form → Get Many'], node: 'Lead Form → Get Many', parameters: getMany('leadForm') },
		{ name: 'Lead Form → Get Templates', phase: 'read', endpoints: ['Lead Form → Get Templates'], node: 'Lead Form → Get Templates', parameters: getMany('leadForm', { operation: 'getTemplates' }) },
		{ name: 'Link → Get Many', phase: 'read', endpoints: ['Link → Get Many'], node: 'Link → Get Many', parameters: getMany('link') },
		{ name: 'Phone Number → Get Available', phase: 'read', endpoints: ['Phone Number → Get Available'], node: 'Phone Number → Get Available', parameters: { resource: 'phoneNumber', operation: 'getAvailable' } },
		{ name: 'Webhooks → list', phase: 'read', endpoints: ['Webhook → List'], node: 'Webhooks → list' },
	];
	const nodes = checks.filter((check) => check.parameters).map((check, index) => sakari(/** @type {string} */ (check.node), /** @type {object} */ (check.parameters), index));
	nodes.push(
		workflowNode(
			'Webhooks → list',
			'n8n-nodes-base.httpRequest',
			4.2,
			{
				method: 'GET',
				url: `${proxyUrl}/v1/accounts/${encodeURIComponent(accountId)}/webhooks`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: CREDENTIAL_TYPE,
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'offset', value: '0' }, { name: 'limit', value: '100' }] },
				options: {},
			},
			[300, nodes.length * 160],
			{ credentials: { [CREDENTIAL_TYPE]: CREDENTIAL }, onError: 'continueRegularOutput' },
		),
	);
	return { checks, workflow: workflow('sakariLiveRead01', 'Live check: read', nodes) };
}

/**
 * Contact → Create, Update, Delete of the number the user gave, after a Get Many that makes sure no contact has it
 * (`existing`): a contact that exists is the user's, and this check deletes what it creates.
 * @param {string} mobile
 * @param {string} country
 */
function contactParts(mobile, country) {
	const lookup = workflow('sakariLiveLook01', 'Live check: is the number new?', [
		sakari('Contact → Get Many (number)', getMany('contact', { filters: { mobile } }), 0),
	]);
	const crud = workflow(
		'sakariLiveCrud01',
		'Live check: contact create, update, delete',
		[
			sakari('Contact → Create', { resource: 'contact', operation: 'create', mobileNumber: mobile, mobileCountry: country, mergeStrategy: 'default', additionalFields: { firstName: 'n8n live check' } }, 0),
			sakari('Contact → Update', { resource: 'contact', operation: 'update', contactId: byId('={{ $json.id }}'), updateFields: { lastName: 'n8n-nodes-sakari' } }, 1),
			sakari('Contact → Delete', { resource: 'contact', operation: 'delete', contactId: byId("={{ $('Contact → Create').item.json.id }}") }, 2),
		],
		{ chain: true },
	);
	/** @type {Check[]} */
	const checks = [
		{ name: 'Contact → Get Many (is the number new?)', phase: 'lookup', endpoints: ['Contact → Get Many'], node: 'Contact → Get Many (number)' },
		...['Create', 'Update', 'Delete'].map((op) => ({ name: `Contact → ${op}`, phase: 'contact', endpoints: [`Contact → ${op}`], node: `Contact → ${op}` })),
	];
	return { checks, lookup, crud };
}

/**
 * @param {string} mobile
 * @param {string} country
 */
function sendPart(mobile, country) {
	const send = workflow('sakariLiveSend01', 'Live check: send', [
		sakari('Message → Send', { resource: 'message', operation: 'send', sendTo: 'mobileNumber', toMobileNumber: mobile, toMobileCountry: country, message: SEND_TEXT, messageOptions: {} }, 0),
	]);
	return { checks: [{ name: 'Message → Send', phase: 'send', endpoints: ['Message → Send'], node: 'Message → Send' }], workflow: send };
}

/** The Sakari Trigger on message-received: publishing it subscribes, unpublishing unsubscribes. */
function webhookPart() {
	const trigger = {
		id: '00000000-0000-4000-8000-0000000f1ce0',
		name: 'Sakari Trigger',
		type: `${PACKAGE_NAME}.sakariTrigger`,
		typeVersion: 1,
		position: [0, 0],
		webhookId: TRIGGER_WEBHOOK_ID,
		parameters: { events: ['message-received'], simplify: true, options: {} },
		credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
	};
	/** @type {Check[]} */
	const checks = [
		{ name: 'Webhook → Subscribe (trigger published)', phase: 'subscribe', endpoints: ['Webhook → Subscribe', 'Webhook → List'] },
		{ name: 'Webhook → Unsubscribe (trigger unpublished)', phase: 'unsubscribe', endpoints: ['Webhook → Unsubscribe', 'Webhook → List'] },
	];
	const flow = { id: 'sakariLiveHook01', name: 'Live check: webhook', active: false, nodes: [trigger], connections: {}, settings: { executionOrder: 'v1' }, pinData: {} };
	return { checks, workflow: flow, path: `webhook/${TRIGGER_WEBHOOK_ID}/webhook` };
}

module.exports = { CREDENTIAL, readPart, contactParts, sendPart, webhookPart };
