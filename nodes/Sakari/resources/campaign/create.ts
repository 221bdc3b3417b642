import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { operationRequest } from '../../shared/fieldChecks';
import { campaignBody, campaignFields } from './fields';

// Name and text are required to create a campaign; the trigger defaults to manual, the filters to none. Name is
// also Create and Send's (one parameter, so it carries over when the operation changes).
const properties: INodeProperties[] = campaignFields.map((field) => {
	if (field.name === 'campaignName') {
		return { ...field, required: true, displayOptions: { show: { resource: ['campaign'], operation: ['create', 'createAndSend'] } } };
	}
	const shown = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['create'] } }, [field])[0];
	return field.name === 'campaignTemplate' ? { ...shown, required: true } : shown;
});

export const createDescription = properties;

/** preSend of Campaign → Create: `POST /campaigns` with a name, a text, a trigger, audience filters and reporting. */
export const createCampaignRequest = operationRequest(function (options) {
	options.body = campaignBody(
		{
			campaignName: this.getNodeParameter('campaignName', ''),
			campaignTemplate: this.getNodeParameter('campaignTemplate', ''),
			campaignTrigger: this.getNodeParameter('campaignTrigger', 'M'),
			campaignAudience: this.getNodeParameter('campaignAudience', '{}'),
			campaignReporting: this.getNodeParameter('campaignReporting', ''),
		},
		true,
	);
});
