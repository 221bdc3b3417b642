import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { operationRequest } from '../../shared/fieldChecks';
import { campaignBody, campaignFields } from './fields';

// Name and text are required to create a campaign; the trigger defaults to manual, the filters to none.
const properties: INodeProperties[] = campaignFields.map((field) =>
	['campaignName', 'campaignTemplate'].includes(field.name) ? { ...field, required: true } : field,
);

export const createDescription = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['create'] } }, properties);

/** preSend of Campaign → Create: `POST /campaigns` with a name, a text, a trigger and any audience filters. */
export const createCampaignRequest = operationRequest(function (options) {
	options.body = campaignBody(
		{
			campaignName: this.getNodeParameter('campaignName', ''),
			campaignTemplate: this.getNodeParameter('campaignTemplate', ''),
			campaignTrigger: this.getNodeParameter('campaignTrigger', 'M'),
			campaignAudience: this.getNodeParameter('campaignAudience', '{}'),
		},
		true,
	);
});
