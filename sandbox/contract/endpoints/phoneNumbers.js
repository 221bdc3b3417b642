// @ts-check
'use strict';
// Available phone numbers: the query parameters and answer fields as the summary of the current reference gives
// them (mindcloud-inc/universal-api-reference › apis/s/sakariSMS/native-api/actions/list-available-phone-numbers.md),
// which links this page; no values are listed for `type` or `features`, and no paging.
const { REFERENCE, answer } = require('../schemas');

const NUMBER = {
	type: 'object',
	properties: {
		number: { type: 'string' },
		country: { type: 'string' },
		type: { type: 'string' },
		features: { type: 'array', items: { type: 'string' } },
		price: { type: 'string' },
	},
};

module.exports = [
	{
		name: 'Phone Number → Get Available',
		method: 'GET',
		path: '/v1/accounts/{accountId}/availablephonenumbers',
		source: `${REFERENCE}/availablephonenumbers/check-all-available-phone-numbers`,
		query: {
			type: 'object',
			properties: {
				type: { type: 'string' },
				postalCode: { type: 'string' },
				features: { type: 'string' },
				contains: { type: 'string' },
				areaCode: { type: 'string', pattern: '^[0-9]+$' },
			},
		},
		answers: { 200: answer({ type: 'array', items: NUMBER }) },
	},
];
