// @ts-check
'use strict';
// Tracked links: read only (no create, update or delete is documented). `offset`/`limit` are not listed as
// parameters of the two lists, though their answers carry `pagination`.
const { REFERENCE, answer, page, STAMP } = require('../schemas');

const STATS = { type: 'object', properties: { totalClicks: { type: 'number' }, uniqueClicks: { type: 'number' }, ctr: { type: 'number' } } };
const LINK = {
	type: 'object',
	required: ['id'],
	properties: {
		id: { type: 'string', minLength: 1 },
		name: { type: 'string' },
		keyId: { type: 'string' },
		domain: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
		destinationUrl: { type: 'string' },
		shortenedUrl: { type: 'string' },
		contactTracking: { type: 'boolean' },
		sourceTracking: { type: 'boolean' },
		stats: STATS,
		created: STAMP,
		updated: STAMP,
	},
};
const SOURCE = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, stats: STATS } };
const LINKS = `${REFERENCE}/links`;

module.exports = [
	{
		name: 'Link → Get Many',
		method: 'GET',
		path: '/v1/accounts/{accountId}/links',
		source: `${LINKS}/fetch-links`,
		query: { type: 'object', properties: { q: { type: 'string' } } },
		answers: { 200: page(LINK) },
	},
	{
		name: 'Link → Get',
		method: 'GET',
		path: '/v1/accounts/{accountId}/links/{linkId}',
		source: `${LINKS}/fetch-link-by-id`,
		answers: { 200: answer(LINK) },
	},
	{
		name: 'Link → Get Sources',
		method: 'GET',
		path: '/v1/accounts/{accountId}/links/{linkId}/sources',
		source: `${LINKS}/fetch-link-sources`,
		query: { type: 'object', properties: { sources: { type: 'string' } } },
		answers: { 200: page(SOURCE) },
	},
];
