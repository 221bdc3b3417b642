// @ts-check
'use strict';
// Accounts: the account (whose answer carries apiCredentials, which must never reach output), the list of
// accounts the client may use, and the balance. OpenAPI 1.0.1 documents no account endpoint at all; its only
// account data is `AccountEventPayload {balance}`, so an older answer may lack the account's balance.
const { REFERENCE, OPENAPI_1_0_1, answer, page, PAGING } = require('../schemas');

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

// developer.sakari.io/api-reference/accounts/fetch-account-balance, as the current reference's schema summary
// (mindcloud-inc/universal-api-reference › apis/s/sakariSMS/universal-api/openapi.json › get-account-balance) has it.
const BALANCE = {
	type: 'object',
	required: ['balance'],
	properties: { balance: { type: 'number' }, country: { type: 'string' }, segmentPrice: { type: 'number' }, segments: { type: 'number' } },
};
const BALANCE_1_0_1 = { type: 'object', required: ['balance'], properties: { balance: { type: 'number' } } };
const older = (answers) => ({ '1.0.1': { source: `${OPENAPI_1_0_1} (components › AccountEventPayload; no account endpoint)`, answers } });

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
		answers: { 200: answer(BALANCE) },
		shapes: older({ 200: answer(BALANCE_1_0_1) }),
	},
];
