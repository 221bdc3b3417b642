// @ts-check
'use strict';
// Templates: reusable message texts.
const { REFERENCE, OPENAPI_1_0_1, answer, page, SUCCESS, PAGING } = require('../schemas');

const TYPE = { enum: ['SMS', 'Web'] };
const TEMPLATE_REQUEST = {
	$comment: `${REFERENCE}/templates/create-template (body); ${OPENAPI_1_0_1} (components › TemplateRequest)`,
	type: 'object',
	properties: { name: { type: 'string', minLength: 1 }, type: TYPE, template: { type: 'string', minLength: 1 } },
};
const TEMPLATE = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1 }, name: { type: 'string' }, type: { type: 'string' }, template: { type: 'string' } } };

module.exports = [
	{
		name: 'Template → Create',
		method: 'POST',
		path: '/v1/accounts/{accountId}/templates',
		source: `${REFERENCE}/templates/create-template`,
		body: { 'application/json': { ...TEMPLATE_REQUEST, required: ['name', 'template'] } },
		// 1.0.1 documents the created template inside a list (TemplatesResponse); take either.
		answers: { 201: { anyOf: [answer(TEMPLATE), page(TEMPLATE)] } },
	},
	{
		name: 'Template → Get Many',
		method: 'GET',
		path: '/v1/accounts/{accountId}/templates',
		source: `${REFERENCE}/templates/fetch-templates`,
		query: { type: 'object', properties: { ...PAGING, name: { type: 'string' } } },
		answers: { 200: page(TEMPLATE) },
	},
	{
		name: 'Template → Get',
		method: 'GET',
		path: '/v1/accounts/{accountId}/templates/{templateId}',
		source: `${REFERENCE}/templates/fetch-template-by-id`,
		answers: { 200: answer(TEMPLATE) },
	},
	{
		name: 'Template → Update',
		method: 'PUT',
		path: '/v1/accounts/{accountId}/templates/{templateId}',
		source: `${REFERENCE}/templates/updates-a-template`,
		body: { 'application/json': TEMPLATE_REQUEST },
		answers: { 200: answer(TEMPLATE) },
	},
	{
		name: 'Template → Delete',
		method: 'DELETE',
		path: '/v1/accounts/{accountId}/templates/{templateId}',
		source: `${REFERENCE}/templates/deletes-a-template`,
		answers: { 200: SUCCESS },
	},
];
