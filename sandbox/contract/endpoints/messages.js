// @ts-check
'use strict';
// Messages: send (one request for many recipients), list, get. The send answer differs between the shapes:
// today `requested/valid/invalid`, OpenAPI 1.0.1 `queued`.
const { REFERENCE, OPENAPI_1_0_1, answer, page, PAGING, STAMP, ITEM_ERROR, DATE, CONTACT_REQUEST } = require('../schemas');

const MESSAGE = {
	type: 'object',
	required: ['id'],
	properties: {
		id: { type: 'string', minLength: 1 },
		contact: { type: 'object' },
		conversation: { type: 'object', properties: { id: { type: 'string' } } },
		message: { type: 'string' },
		template: { type: 'string' },
		type: { type: 'string' },
		outgoing: { type: 'boolean' },
		phoneNumber: { type: 'string' },
		price: { type: 'number' },
		segments: { type: 'number' },
		read: { type: 'boolean' },
		// Documented values: New, Sent, Delivered, Received, Queued, Validated, Error, Invalid (not an enum: new ones may come).
		status: { type: 'string' },
		media: { type: 'array', items: { type: 'object', properties: { url: { type: 'string' } } } },
		error: ITEM_ERROR,
		sendAt: DATE,
		created: STAMP,
		updated: STAMP,
	},
};

/** A recipient: a contact as for Contact → Create, or an existing contact by its id. */
const RECIPIENT = { anyOf: [{ type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1 } } }, { ...CONTACT_REQUEST, required: ['mobile'] }] };

const SEND_REQUEST = {
	$comment: `${REFERENCE}/messages/send-messages (body); ${OPENAPI_1_0_1} (components › SendMessagesRequest)`,
	type: 'object',
	required: ['template'],
	properties: {
		contacts: { type: 'array', items: RECIPIENT },
		conversations: { type: 'array', items: { type: 'string', minLength: 1 } },
		filters: { type: 'object' },
		template: { type: 'string', minLength: 1 },
		type: { enum: ['SMS', 'MMS'] },
		media: { type: 'array', items: { type: 'object', required: ['url'], properties: { url: { type: 'string', minLength: 1 } } } },
		phoneNumberFilter: { type: 'object' },
		conversationStrategy: { type: 'string' },
		sendAt: DATE,
	},
	anyOf: [{ required: ['contacts'] }, { required: ['conversations'] }, { required: ['filters'] }],
};

/** Each recipient Sakari did not queue, with its own error (opted out, landline, unknown id...). */
const INVALID = { type: 'array', items: { type: 'object', required: ['error'], properties: { contact: { type: 'object' }, conversation: { type: 'object' }, error: ITEM_ERROR } } };

module.exports = [
	{
		name: 'Message → Send',
		method: 'POST',
		path: '/v1/accounts/{accountId}/messages',
		source: `${REFERENCE}/messages/send-messages`,
		body: { 'application/json': SEND_REQUEST },
		answers: {
			200: answer({
				type: 'object',
				required: ['messages', 'requested', 'valid', 'invalid'],
				properties: { messages: { type: 'array', items: MESSAGE }, jobId: { type: 'string' }, requested: { type: 'integer' }, valid: { type: 'integer' }, invalid: INVALID, estimatedPrice: { type: 'number' } },
			}),
		},
		shapes: {
			'1.0.1': {
				source: `${OPENAPI_1_0_1} (components › SendMessagesResponse)`,
				answers: {
					200: answer({
						type: 'object',
						required: ['messages', 'queued'],
						properties: { messages: { type: 'array', items: MESSAGE }, jobId: { type: 'string' }, queued: { type: 'integer' }, estimatedPrice: { type: 'number' } },
					}),
				},
			},
		},
	},
	{
		name: 'Message → Get Many',
		method: 'GET',
		path: '/v1/accounts/{accountId}/messages',
		source: `${REFERENCE}/messages/fetch-messages`,
		query: { type: 'object', properties: { ...PAGING, contactId: { type: 'string' }, conversationId: { type: 'string' } } },
		answers: { 200: page(MESSAGE) },
	},
	{
		name: 'Message → Get',
		method: 'GET',
		path: '/v1/accounts/{accountId}/messages/{messageId}',
		source: `${REFERENCE}/messages/fetch-message-by-id`,
		answers: { 200: answer(MESSAGE) },
	},
];
