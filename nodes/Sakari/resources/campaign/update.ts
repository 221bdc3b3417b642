import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { operationRequest, requireChanges } from '../../shared/fieldChecks';
import { campaignBody, campaignFields } from './fields';
import { campaignById } from './locator';

const properties: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'campaignUpdateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent to Sakari',
		options: campaignFields,
	},
];

export const updateDescription = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['update'] } }, properties);

/** preSend of Campaign → Update: `PUT /campaigns/{id}` with only the fields added. */
export const updateCampaignRequest = operationRequest(function (options) {
	options.url = campaignById.path(this);
	const fields = this.getNodeParameter('campaignUpdateFields', {}) as IDataObject;
	requireChanges(fields, 'Update Fields');
	options.body = campaignBody(fields, false);
});
