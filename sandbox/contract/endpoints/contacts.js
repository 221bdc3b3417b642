// @ts-check
'use strict';
// Contacts: create (JSON, or a CSV upload to the same URL), list, get, update, delete.
const { REFERENCE, answer, page, SUCCESS, PAGING, ITEM_ERROR, CONTACT, CONTACT_REQUEST } = require('../schemas');

const MERGE_STRATEGY = { enum: ['append', 'core', 'remove'] };

/** CSV upload: a header row naming the mandatory `mobile` and `country` columns, header names without spaces. */
const CSV_UPLOAD = {
	$comment: 'https://support.sakari.io/hc/en-us/articles/360039410111-Adding-Editing-and-Managing-Contacts (CSV Upload Requirements: the two mandatory columns, "field header names have no spaces")',
	type: 'string',
	allOf: [
		{ pattern: '^\\uFEFF?[^\\r\\n]*\\b[Mm]obile\\b' },
		{ pattern: '^\\uFEFF?[^\\r\\n]*\\b[Cc]ountry\\b' },
		{ pattern: '^\\uFEFF?[^ \\r\\n]*(\\r?\\n|$)' },
	],
};

/** ContactUploadResponse: the contacts imported and those refused, each with its error. */
const UPLOAD_ANSWER = answer({
	type: 'object',
	required: ['contacts', 'errors'],
	properties: {
		contacts: { type: 'array', items: CONTACT },
		errors: { type: 'array', items: { type: 'object', required: ['error'], properties: { mobile: { type: 'object' }, error: ITEM_ERROR } } },
		submitted: { type: 'integer' },
		inserted: { type: 'integer' },
		updated: { type: 'integer' },
		success: { type: 'integer' },
	},
});

module.exports = [
	{
		name: 'Contact → Create',
		method: 'POST',
		path: '/v1/accounts/{accountId}/contacts',
		source: `${REFERENCE}/contacts/create-contact`,
		query: { type: 'object', properties: { mergeStrategy: MERGE_STRATEGY } },
		body: { 'application/json': CONTACT_REQUEST, 'text/csv': CSV_UPLOAD },
		// A JSON create answers the contact(s) as an array; a CSV upload the ContactUploadResponse (1.0.1 › ContactUploadResponse).
		answers: { 201: { anyOf: [answer({ type: 'array', items: CONTACT }), UPLOAD_ANSWER] } },
	},
	{
		name: 'Contact → Get Many',
		method: 'GET',
		path: '/v1/accounts/{accountId}/contacts',
		source: `${REFERENCE}/contacts/fetch-contacts`,
		query: {
			type: 'object',
			properties: { ...PAGING, firstName: { type: 'string' }, lastName: { type: 'string' }, mobile: { type: 'string' }, email: { type: 'string' }, tags: { type: 'string' } },
		},
		answers: { 200: page(CONTACT) },
	},
	{
		name: 'Contact → Get',
		method: 'GET',
		path: '/v1/accounts/{accountId}/contacts/{contactId}',
		source: `${REFERENCE}/contacts/fetch-contact-by-id`,
		answers: { 200: answer(CONTACT) },
	},
	{
		name: 'Contact → Update',
		method: 'PUT',
		path: '/v1/accounts/{accountId}/contacts/{contactId}',
		source: `${REFERENCE}/contacts/updates-a-contact`,
		body: { 'application/json': CONTACT_REQUEST },
		answers: { 200: answer(CONTACT) },
	},
	{
		name: 'Contact → Delete',
		method: 'DELETE',
		path: '/v1/accounts/{accountId}/contacts/{contactId}',
		source: `${REFERENCE}/contacts/deletes-a-contact`,
		answers: { 200: SUCCESS },
	},
];
