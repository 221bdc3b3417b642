// @ts-check
'use strict';
// Accounts: the account (whose answer carries apiCredentials, which must never reach output), the list of
// accounts the client may use, and the balance.
const { REFERENCE, answer, page, PAGING } = require('../schemas');

const ACCOUNT = {
	type: 'object',
	required: ['id'],
	properties: {
		id: { type: 'string', minLength: 1 },
		name: { type: 'string' },
		balance: { type: 'number' },
		plan: { type: 'object' },
		apiCredentials: { type: 'object', properties: { id: { type: 'string' }, secret: { type: 'string' } } },
		defaults: { type: 'object' },
		info: { type: 'object' },
		options: { type: 'object' },
	},
};

module.exports = [
	{
		name: 'Account → Get',
		method: 'GET',
		path: '/v1/accounts/{accountId}',
		source: `${REFERENCE}/accounts/fetch-account`,
		answers: { 200: answer(ACCOUNT) },
	},
	{
		name: 'Account → Get Many',
		method: 'GET',
		path: '/v1/accounts',
		source: `${REFERENCE}/accounts/get-all-of-your-sakari-accounts-split`,
		query: { type: 'object', properties: PAGING },
		answers: { 200: page(ACCOUNT) },
	},
	{
		name: 'Account → Get (balance)',
		method: 'GET',
		path: '/v1/accounts/{accountId}/balance',
		source: `${REFERENCE}/accounts/fetch-account-balance`,
		answers: { 200: answer({ type: 'object' }) },
	},
];
