// @ts-check
'use strict';
// Campaigns. Their audience filters differ between the shapes: today `{list {id, name…}, q, attributes
// [{attribute, comparator, value[]}], tags [{tag, visible}]}`, in OpenAPI 1.0.1 lists of strings.
const { REFERENCE, OPENAPI_1_0_1, answer, page, SUCCESS, PAGING, STAMP } = require('../schemas');

const strings = { type: 'array', items: { type: 'string' } };
const FILTERS = {
	type: 'object',
	properties: {
		list: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
		q: { type: 'string' },
		attributes: {
			type: 'array',
			items: { type: 'object', required: ['attribute'], properties: { attribute: { type: 'string', minLength: 1 }, comparator: { type: 'string', minLength: 1 }, value: strings } },
		},
		tags: { type: 'array', items: { type: 'object', required: ['tag'], properties: { tag: { type: 'string' }, visible: { type: 'boolean' } } } },
	},
};
const FILTERS_1_0_1 = { type: 'object', properties: { attributes: strings, contacts: strings, tags: strings } };
// Today's request body lists filters.attributes, contacts and tags as text, as OpenAPI 1.0.1 did (developer.sakari.io's
// generated.yaml as mindcloud-inc/universal-api-reference › apis/s/sakariSMS/native-api/actions/create-campaign.md
// summarises it), while today's answers carry objects: a request may hold either (e.g. Campaign → Get's filters).
const either = (object) => ({ anyOf: [{ type: 'string', minLength: 1 }, object] });
const REQUEST_FILTERS = {
	type: 'object',
	properties: {
		list: either(FILTERS.properties.list),
		q: FILTERS.properties.q,
		attributes: { type: 'array', items: either(FILTERS.properties.attributes.items) },
		tags: { type: 'array', items: either(FILTERS.properties.tags.items) },
		contacts: strings,
	},
};

const request = (filters, triggerCodes) => ({
	type: 'object',
	properties: {
		name: { type: 'string', minLength: 1 },
		description: { type: 'string' },
		trigger: { type: 'object', required: ['code'], properties: { code: { enum: triggerCodes } } },
		filters,
		template: { type: 'string' },
		media: { type: 'array', items: { type: 'object', required: ['url'], properties: { url: { type: 'string' } } } },
		reporting: { type: 'object', properties: { when: { type: 'string' } } },
		phoneNumberFilter: { type: 'object' },
		schedule: { type: 'object' },
	},
});
const CURRENT_REQUEST = request(REQUEST_FILTERS, ['M', 'S', 'FU', 'V2']);
const OLDER_REQUEST = request(FILTERS_1_0_1, ['M', 'S', 'FU']);

const campaign = (filters) => ({
	type: 'object',
	required: ['id'],
	properties: {
		id: { type: 'string', minLength: 1 },
		name: { type: 'string' },
		filters,
		template: { type: 'string' },
		trigger: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
		reporting: { type: 'object' },
		created: STAMP,
		updated: STAMP,
	},
});
const CAMPAIGN = campaign(FILTERS);
const CAMPAIGN_1_0_1 = campaign(FILTERS_1_0_1);
const quick = (shape) => answer({ type: 'object', required: ['campaign'], properties: { campaign: shape } });
const older = (parts) => ({ '1.0.1': { source: `${OPENAPI_1_0_1} (components › CampaignRequest, Campaign)`, ...parts } });

module.exports = [
	{
		name: 'Campaign → Create',
		method: 'POST',
		path: '/v1/accounts/{accountId}/campaigns',
		source: `${REFERENCE}/campaigns/create-campaign`,
		body: { 'application/json': { ...CURRENT_REQUEST, required: ['name', 'trigger', 'template'] } },
		answers: { 201: answer(CAMPAIGN) },
		shapes: older({ body: { 'application/json': { ...OLDER_REQUEST, required: ['name', 'trigger', 'template'] } }, answers: { 201: answer(CAMPAIGN_1_0_1) } }),
	},
	{
		name: 'Campaign → Get Many',
		method: 'GET',
		path: '/v1/accounts/{accountId}/campaigns',
		source: `${REFERENCE}/campaigns/fetch-campaigns`,
		query: { type: 'object', properties: { ...PAGING, name: { type: 'string' } } },
		answers: { 200: page(CAMPAIGN) },
		shapes: older({ answers: { 200: page(CAMPAIGN_1_0_1) } }),
	},
	{
		name: 'Campaign → Get',
		method: 'GET',
		path: '/v1/accounts/{accountId}/campaigns/{campaignId}',
		source: `${REFERENCE}/campaigns/fetch-campaign-by-id`,
		answers: { 200: answer(CAMPAIGN) },
		shapes: older({ answers: { 200: answer(CAMPAIGN_1_0_1) } }),
	},
	{
		name: 'Campaign → Update',
		method: 'PUT',
		path: '/v1/accounts/{accountId}/campaigns/{campaignId}',
		source: `${REFERENCE}/campaigns/updates-a-campaign`,
		body: { 'application/json': CURRENT_REQUEST },
		answers: { 200: answer(CAMPAIGN) },
		shapes: older({ body: { 'application/json': OLDER_REQUEST }, answers: { 200: answer(CAMPAIGN_1_0_1) } }),
	},
	{
		name: 'Campaign → Create and Send',
		method: 'POST',
		path: '/v1/accounts/{accountId}/quickcampaigns',
		source: `${REFERENCE}/campaigns/create-and-execute-a-campaign`,
		body: {
			'application/json': {
				type: 'object',
				// All four required (the reference's summary: mindcloud-inc/universal-api-reference › apis/s/sakariSMS/native-api/actions/create-and-execute-campaign.md).
				required: ['name', 'groupId', 'listId', 'message'],
				properties: {
					name: { type: 'string', minLength: 1 },
					groupId: { type: 'string', minLength: 1 },
					listId: { type: 'string', minLength: 1 },
					// The page shows text and media; which one may be left out it does not say: at least one of them.
					message: {
						type: 'object',
						properties: { message: { type: 'string', minLength: 1 }, media: { type: 'array', minItems: 1, items: { type: 'object', required: ['url'], properties: { url: { type: 'string' } } } } },
						anyOf: [{ required: ['message'] }, { required: ['media'] }],
					},
					sendAt: { type: 'string', format: 'date-time' },
				},
			},
		},
		// The page shows the answer, not its status.
		answers: { 200: quick(CAMPAIGN), 201: quick(CAMPAIGN) },
		// 1.0.1 has no quick campaign; a sandbox in 1.0.1 shapes answers its campaign in 1.0.1's Campaign shape.
		shapes: older({ answers: { 200: quick(CAMPAIGN_1_0_1), 201: quick(CAMPAIGN_1_0_1) } }),
	},
	{
		name: 'Campaign → Delete',
		method: 'DELETE',
		path: '/v1/accounts/{accountId}/campaigns/{campaignId}',
		source: `${REFERENCE}/campaigns/deletes-a-campaign`,
		answers: { 200: SUCCESS },
	},
];
