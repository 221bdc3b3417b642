// @ts-check
'use strict';
// Webhook subscriptions: subscribe, list, unsubscribe. The current reference answers `{id, type, eventTypes,
// destination}` and documents no delete; OpenAPI 1.0.1 answers `{eventTypes, url}` (no id) and deletes by the
// url-encoded callback URL. The Sakari Trigger also deletes by id where Sakari refuses the URL form (undocumented).
const { REFERENCE, OPENAPI_1_0_1, answer, page, PAGING } = require('../schemas');

const SUBSCRIBE = `${REFERENCE}/webhooks/subscribe-to-message-events`;
const LIST = `${REFERENCE}/webhooks/fetch-active-webhooks`;
const OLD = `${OPENAPI_1_0_1} (paths › /accounts/{accountId}/webhooks, /accounts/{accountId}/webhooks/{url}; components › Webhook)`;

// The current subscribe enum; `conversation-closed` (1.0.1, help centre) is not in it.
const CURRENT_EVENT_TYPES = [
	'contact-created', 'contact-updated', 'contact-removed', 'message-received', 'message-sent', 'message-status',
	'conversation-started', 'contact-opt-out', 'contact-opt-in', 'list-opt-out', 'list-opt-in',
];

const EVENT_LIST = (items) => ({ type: 'array', minItems: 1, items });

const SUBSCRIPTION = {
	type: 'object',
	required: ['id', 'eventTypes', 'destination'],
	properties: {
		id: { type: 'string', minLength: 1 },
		type: { type: 'string' },
		eventTypes: EVENT_LIST({ type: 'string' }),
		destination: { type: 'string', format: 'uri' },
	},
};
const SUBSCRIPTION_1_0_1 = {
	type: 'object',
	required: ['url', 'eventTypes'],
	properties: { url: { type: 'string', format: 'uri' }, eventTypes: EVENT_LIST({ type: 'string' }) },
};

const subscribeBody = (eventTypes) => ({
	'application/json': {
		type: 'object',
		required: ['url', 'eventTypes'],
		properties: { url: { type: 'string', format: 'uri' }, eventTypes: EVENT_LIST(eventTypes) },
	},
});

module.exports = [
	{
		name: 'Webhook → Subscribe',
		method: 'POST',
		path: '/v1/accounts/{accountId}/webhooks',
		source: SUBSCRIBE,
		body: subscribeBody({ enum: CURRENT_EVENT_TYPES }),
		answers: { 200: answer(SUBSCRIPTION) },
		// 1.0.1's request body types eventTypes as strings (its enum sits on the answer's Webhook only).
		shapes: { '1.0.1': { source: OLD, body: subscribeBody({ type: 'string' }), answers: { 200: answer(SUBSCRIPTION_1_0_1) } } },
	},
	{
		name: 'Webhook → List',
		method: 'GET',
		path: '/v1/accounts/{accountId}/webhooks',
		source: LIST,
		query: { type: 'object', properties: PAGING },
		answers: { 200: page(SUBSCRIPTION) },
		shapes: { '1.0.1': { source: OLD, answers: { 200: page(SUBSCRIPTION_1_0_1) } } },
	},
	{
		name: 'Webhook → Unsubscribe (by url-encoded callback URL; by id undocumented)',
		method: 'DELETE',
		path: '/v1/accounts/{accountId}/webhooks/{url}',
		source: OLD,
		answers: { 204: null },
	},
];
