// @ts-check
'use strict';
// Lead forms. The form, create/update bodies, activate/deactivate and the lists come from their pages on
// developer.sakari.io; the pages for get, delete, analytics and conversions are known here only through the
// summary of the current reference (mindcloud-inc/universal-api-reference › apis/s/sakariSMS/), which gives
// their paths, parameters and answer fields (not whether conversions are paged, nor what delete answers).
const { REFERENCE, answer, page, SUCCESS, PAGING, STAMP } = require('../schemas');

const FORM = {
	type: 'object',
	required: ['id'],
	properties: {
		id: { type: 'string', minLength: 1 },
		name: { type: 'string' },
		active: { type: 'string', format: 'date-time' },
		impressions: { type: 'number' },
		conversions: { type: 'number' },
		created: STAMP,
		updated: STAMP,
	},
};
const NAME_BODY = { 'application/json': { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } } } };
const LIST_QUERY = { type: 'object', properties: { q: { type: 'string' }, orderBy: { type: 'string' }, ...PAGING } };
const PERIOD = { type: 'object', properties: { start: { type: 'string', minLength: 1 }, end: { type: 'string', minLength: 1 } } };
const ANALYTICS = {
	type: 'object',
	properties: {
		impressions: { type: 'number' },
		conversions: { type: 'number' },
		data: {
			type: 'object',
			properties: {
				data: {
					type: 'array',
					items: { type: 'object', properties: { date: { type: 'string' }, impressions: { type: 'number' }, conversions: { type: 'number' } } },
				},
			},
		},
	},
};
const CONVERSION = {
	type: 'object',
	properties: {
		id: { type: 'string' },
		contact: {
			type: 'object',
			properties: {
				id: { type: 'string' },
				firstName: { type: 'string' },
				lastName: { type: 'string' },
				email: { type: 'string' },
				mobile: { type: 'string' },
				country: { type: 'string' },
			},
		},
		ip: { type: 'string' },
		pageUrl: { type: 'string' },
		submitted: { type: 'string', format: 'date-time' },
		submittedFields: { type: 'string' },
	},
};
const FORMS = `${REFERENCE}/forms`;

// `…/forms/templates` comes before `…/forms/{formId}`: the first entry that matches a path is its endpoint.
module.exports = [
	{
		name: 'Lead Form → Get Templates',
		method: 'GET',
		path: '/v1/accounts/{accountId}/forms/templates',
		source: `${FORMS}/fetch-all-lead-form-templates`,
		query: LIST_QUERY,
		answers: { 200: page(FORM) },
	},
	{
		name: 'Lead Form → Get Many',
		method: 'GET',
		path: '/v1/accounts/{accountId}/forms',
		source: `${FORMS}/fetch-all-lead-forms`,
		query: LIST_QUERY,
		answers: { 200: page(FORM) },
	},
	{
		name: 'Lead Form → Create',
		method: 'POST',
		path: '/v1/accounts/{accountId}/forms',
		source: `${FORMS}/create-lead-form`,
		query: { type: 'object', properties: { template: { type: 'string', minLength: 1 } } },
		body: NAME_BODY,
		answers: { 200: answer(FORM) },
	},
	{
		name: 'Lead Form → Get',
		method: 'GET',
		path: '/v1/accounts/{accountId}/forms/{formId}',
		source: `${FORMS}/fetch-lead-form-info`,
		answers: { 200: answer(FORM) },
	},
	{
		name: 'Lead Form → Update',
		method: 'PUT',
		path: '/v1/accounts/{accountId}/forms/{formId}',
		source: `${FORMS}/update-lead-form`,
		body: NAME_BODY,
		answers: { 200: answer(FORM) },
	},
	{
		name: 'Lead Form → Delete',
		method: 'DELETE',
		path: '/v1/accounts/{accountId}/forms/{formId}',
		source: `${FORMS}/delete-a-lead-form`,
		answers: { 200: SUCCESS },
	},
	{
		name: 'Lead Form → Activate',
		method: 'PUT',
		path: '/v1/accounts/{accountId}/forms/{formId}/activate',
		source: `${FORMS}/activate-an-existing-form`,
		answers: { 200: answer(FORM) },
	},
	{
		name: 'Lead Form → Deactivate',
		method: 'PUT',
		path: '/v1/accounts/{accountId}/forms/{formId}/deactivate',
		source: `${FORMS}/deactivate-an-existing-form`,
		answers: { 200: answer(FORM) },
	},
	{
		name: 'Lead Form → Get Analytics',
		method: 'GET',
		path: '/v1/accounts/{accountId}/forms/{formId}/analytics',
		source: `${FORMS}/fetch-lead-form-analytic-data`,
		query: PERIOD,
		answers: { 200: answer(ANALYTICS) },
	},
	{
		name: 'Lead Form → Get Conversions',
		method: 'GET',
		path: '/v1/accounts/{accountId}/forms/{formId}/conversions',
		source: `${FORMS}/fetch-lead-form-conversion-data`,
		query: PERIOD,
		answers: { 200: page(CONVERSION) },
	},
];
