// @ts-check
'use strict';
// Webhook deliveries: the body Sakari POSTs to a subscribed URL. One wrapper in both modes: the help centre's
// example (2023) is newer than OpenAPI 1.0.1's callback `Event {accountId, type, eventId, data}` (types
// account/messageStatus/messageIncoming), which no third-party code handling Sakari traffic reads. A message
// event's payload: the message itself (help centre), or 1.0.1's `MessageEventPayload` in the 1.0.1 shapes.
const { STAMP, OPENAPI_1_0_1 } = require('./schemas');

const SOURCE = 'https://support.sakari.io/hc/en-us/articles/15804059182100-API-and-Webhooks';

// Every event type a source lists: the current subscribe enum, plus conversation-closed (help centre, 1.0.1).
const EVENT_TYPES = [
	'message-received', 'message-sent', 'message-status', 'contact-created', 'contact-updated', 'contact-removed',
	'contact-opt-out', 'contact-opt-in', 'list-opt-out', 'list-opt-in', 'conversation-started', 'conversation-closed',
];
const MESSAGE_EVENTS = ['message-received', 'message-sent', 'message-status'];

const MOBILE = { type: 'object', properties: { number: { type: 'string' }, country: { type: 'string' } } };

/** The message itself is the payload of a message event (help centre example; fields third-party code reads). */
const MESSAGE_PAYLOAD = {
	type: 'object',
	required: ['id', 'message', 'conversation', 'contact'],
	properties: {
		accountId: { type: 'string' },
		id: { type: 'string', minLength: 1 },
		message: { type: 'string' },
		type: { type: 'string' },
		outgoing: { type: 'boolean' },
		status: { type: 'string' },
		conversation: {
			type: 'object',
			required: ['id'],
			properties: { id: { type: 'string' }, group: { type: 'object' }, phoneNumber: { type: 'object', properties: { id: { type: 'string' }, number: { type: 'string' }, country: { type: 'string' } } } },
		},
		group: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
		contact: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, mobile: MOBILE } },
		job: { type: 'object', properties: { id: { type: 'string' } } },
		media: { type: 'array', items: { type: 'object', properties: { url: { type: 'string' } } } },
		created: STAMP,
	},
};

/** OpenAPI 1.0.1 › components › MessageEventPayload: the text, its status (and error) and the contact. */
const MESSAGE_PAYLOAD_1_0_1 = {
	type: 'object',
	required: ['message'],
	properties: {
		contact: { type: 'object', properties: { id: { type: 'string' }, mobile: MOBILE } },
		message: { type: 'string' },
		status: { type: 'string' },
		error: { type: 'string' },
	},
};
const SOURCE_1_0_1 = `${SOURCE} (wrapper); ${OPENAPI_1_0_1} (components › MessageEventPayload)`;

const delivery = (comment, messagePayload) => ({
	$comment: comment,
	type: 'object',
	required: ['accountId', 'eventType', 'payload'],
	properties: {
		accountId: { type: 'string', minLength: 1 },
		eventType: { enum: EVENT_TYPES },
		payload: { type: 'object' },
	},
	if: { properties: { eventType: { enum: MESSAGE_EVENTS } } },
	then: { properties: { payload: messagePayload } },
});

const DELIVERY = delivery(`${SOURCE} (example request body)`, MESSAGE_PAYLOAD);
const DELIVERY_1_0_1 = delivery(SOURCE_1_0_1, MESSAGE_PAYLOAD_1_0_1);

/**
 * The help centre's example request body (message-received), its `$PLACEHOLDERS` filled with example values and
 * its message id, text and status written out: what tests feed the trigger as "a delivery as Sakari documents it".
 */
const EXAMPLE = Object.freeze({
	accountId: 'acc_example',
	eventType: 'message-received',
	payload: {
		accountId: 'acc_example',
		id: 'msg_example',
		conversation: {
			id: 'cv_example',
			closed: null,
			group: { id: 'grp_example' },
			phoneNumber: { id: 'pn_example', number: '+15555550100', country: 'US' },
		},
		group: { id: 'grp_example', name: 'Example numbers' },
		contact: {
			id: 'ct_example',
			firstName: 'Ada',
			lastName: 'Lovelace',
			mobile: { number: '+13471234567', country: 'US' },
			email: 'ada@example.com',
			created: { at: '2024-01-02T03:04:05.000Z', by: { id: 'usr_example', name: 'API Consumer', source: 'api', email: 'api@example.com' } },
			hubspot: { vid: '101', id: '101' },
		},
		job: { id: 'job_example' },
		type: 'sms',
		message: 'Test message',
		outgoing: false,
		status: 'received',
		created: { at: '2024-01-02T03:04:05.000Z' },
	},
});

const SDK_SOURCE = 'https://github.com/Sakari-Io/sakari-nodejs-sdk/blob/master/src/signature.js';

/**
 * The message Sakari's Node SDK verifies as a signed delivery: the payload of the example JWS in its
 * `src/signature.js` (commented-out `validate('eyJhbGciOiJSUzI1NiJ9…')`), decoded verbatim. A sent message
 * (outgoing, status "sent"): the bare message, no `eventType`/`payload` wrapper, no `iat`.
 */
const SDK_SIGNED_MESSAGE = Object.freeze({
	id: '5c112b3a4ee4e0605ae8ae2c',
	job: { id: '5c112b3a4ee4e0605ae8ae2b' },
	type: 'sms',
	template: 'asdfkjhsdflkj dsfkljsdhfkjlhsdfkjlh\r\nsdfkjlsdhfkjlsdf',
	status: 'sent',
	outgoing: true,
	read: true,
	segments: 1,
	jobBatch: 0,
	price: 0.05,
	contact: { id: '5be9ab25b4ef210f5529f1b5', mobile: { number: '+12032938817', country: 'US' } },
	conversation: { id: '5be9ab25b4ef210f5529f1b7', closed: '2018-12-19T15:37:30.982Z' },
	message: 'asdfkjhsdflkj dsfkljsdhfkjlhsdfkjlh\r\nsdfkjlsdhfkjlsdf',
	created: { at: '2018-12-12T15:37:30.963Z', by: { name: 'API Consumer' } },
	updated: { at: '2018-12-12T15:37:35.229Z', by: { name: 'API Consumer' } },
});

module.exports = { SOURCE, SOURCE_1_0_1, SDK_SOURCE, EVENT_TYPES, DELIVERY, DELIVERY_1_0_1, EXAMPLE, SDK_SIGNED_MESSAGE };
