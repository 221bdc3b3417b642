// @ts-check
'use strict';
// Schema pieces several endpoints share: Sakari's envelope, pagination and error answer. Open objects: Sakari's
// reference says the server may add properties ("open schema model", OpenAPI 1.0.1 › Versioning).

const REFERENCE = 'https://developer.sakari.io/api-reference';
const OPENAPI_1_0_1 = 'https://github.com/APIs-guru/openapi-directory/blob/main/APIs/sakari.io/1.0.1/openapi.yaml';

/** `{success: true, data}` around one object. */
const answer = (data) => ({ type: 'object', required: ['success', 'data'], properties: { success: { const: true }, data } });

/** `{success: true, data: [...], pagination}`: a page of a list (pagination members may be absent). */
const page = (item) => ({
	type: 'object',
	required: ['success', 'data'],
	properties: {
		success: { const: true },
		data: { type: 'array', items: item },
		pagination: {
			type: 'object',
			properties: { offset: { type: 'integer', minimum: 0 }, limit: { type: 'integer', minimum: 0 }, totalCount: { type: 'integer', minimum: 0 }, hasNext: { type: 'boolean' } },
		},
	},
});

/** `{success: true}` and nothing the client needs (deletes). */
const SUCCESS = { type: 'object', required: ['success'], properties: { success: { const: true } } };

/** Offset paging of the lists: `offset` >= 0, `limit` 1..100. */
const PAGING = { offset: { type: 'integer', minimum: 0 }, limit: { type: 'integer', minimum: 1, maximum: 100 } };

const ERROR_ANSWER = {
	$comment: `${OPENAPI_1_0_1} (info › Errors; components › ErrorResponse)`,
	type: 'object',
	required: ['success', 'error'],
	properties: {
		success: { const: false },
		error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', minLength: 1 }, message: { type: 'string' } } },
	},
};

/** `{at, by}` as Sakari stamps created/updated. */
const STAMP = { type: 'object', properties: { at: { type: 'string', format: 'date-time' }, by: { type: 'object' } } };

/** An object's own `error {code, description}` inside a successful answer (e.g. an opted-out contact). */
const ITEM_ERROR = { type: 'object', required: ['code'], properties: { code: { type: 'string' }, description: { type: 'string' } } };

const DATE = { type: 'string', format: 'date-time' };
// In answers a date that is not set (no opt-in, not blocked, not verified) may come as null.
const DATE_OR_NULL = { anyOf: [DATE, { type: 'null' }] };

/** What a client sends for a contact (ContactRequest): `mobile` needs both its number and its ISO country. */
const CONTACT_REQUEST = {
	$comment: `${REFERENCE}/contacts/create-contact (body); tags [{tag, visible}] from ${OPENAPI_1_0_1} (components › ContactRequest)`,
	type: 'object',
	properties: {
		firstName: { type: 'string' },
		lastName: { type: 'string' },
		email: { type: 'string' },
		mobile: {
			type: 'object',
			required: ['number', 'country'],
			properties: { number: { type: 'string', minLength: 1 }, country: { type: 'string', pattern: '^[A-Z]{2}$' } },
		},
		attributes: { type: 'object' },
		lists: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' } } } },
		tags: { type: 'array', items: { type: 'object', required: ['tag'], properties: { tag: { type: 'string' }, visible: { type: 'boolean' } } } },
		optIn: DATE,
		blocked: DATE,
	},
};

/** A contact as Sakari answers it. */
const CONTACT = {
	type: 'object',
	required: ['id'],
	properties: {
		id: { type: 'string', minLength: 1 },
		firstName: { type: 'string' },
		lastName: { type: 'string' },
		email: { type: 'string' },
		mobile: {
			type: 'object',
			properties: { number: { type: 'string' }, country: { type: 'string' }, valid: { type: 'boolean' }, lineType: { type: 'string' }, verified: DATE_OR_NULL },
		},
		attributes: { type: 'object' },
		lists: { type: 'array', items: { type: 'object' } },
		tags: { type: 'array', items: { type: 'object' } },
		valid: { type: 'boolean' },
		error: ITEM_ERROR,
		optIn: DATE_OR_NULL,
		blocked: DATE_OR_NULL,
		created: STAMP,
		updated: STAMP,
	},
};

module.exports = { REFERENCE, OPENAPI_1_0_1, answer, page, SUCCESS, PAGING, ERROR_ANSWER, STAMP, ITEM_ERROR, DATE, DATE_OR_NULL, CONTACT, CONTACT_REQUEST };
