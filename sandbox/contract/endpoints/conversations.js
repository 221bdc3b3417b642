// @ts-check
'use strict';
// Conversations: list, get, close. `closed` is when it was closed today (a date-time, absent or null while
// open); OpenAPI 1.0.1 had a boolean.
const { REFERENCE, OPENAPI_1_0_1, answer, page, PAGING, STAMP, DATE } = require('../schemas');

const conversation = (closed) => ({
	type: 'object',
	required: ['id'],
	properties: {
		id: { type: 'string', minLength: 1 },
		contact: { type: 'object' },
		phoneNumber: { type: 'object' },
		lastMessage: { type: 'object' },
		unread: { type: 'array' },
		closed,
		created: STAMP,
		updated: STAMP,
	},
});
const CURRENT = conversation({ anyOf: [DATE, { type: 'null' }] });
const OLDER = conversation({ type: 'boolean' });
const older = (answers) => ({ '1.0.1': { source: `${OPENAPI_1_0_1} (components › Conversation)`, answers } });

module.exports = [
	{
		name: 'Conversation → Get Many',
		method: 'GET',
		path: '/v1/accounts/{accountId}/conversations',
		source: `${REFERENCE}/conversations/fetch-conversations`,
		query: { type: 'object', properties: PAGING },
		answers: { 200: page(CURRENT) },
		shapes: older({ 200: page(OLDER) }),
	},
	{
		name: 'Conversation → Get',
		method: 'GET',
		path: '/v1/accounts/{accountId}/conversations/{conversationId}',
		source: `${REFERENCE}/conversations/fetch-conversation-by-id`,
		answers: { 200: answer(CURRENT) },
		shapes: older({ 200: answer(OLDER) }),
	},
	{
		name: 'Conversation → Close',
		method: 'PUT',
		path: '/v1/accounts/{accountId}/conversations/{conversationId}/close',
		source: `${REFERENCE}/conversations/closes-a-conversation`,
		answers: { 200: answer(CURRENT) },
		shapes: older({ 200: answer(OLDER) }),
	},
];
