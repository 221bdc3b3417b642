import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { givenFilters } from '../../shared/descriptions';
import { operationRequest } from '../../shared/fieldChecks';

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'campaignFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Without filters, every campaign of the account is listed',
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. sale',
				description: 'Only campaigns whose name matches this',
			},
		],
	},
];

export const getAllDescription = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['getAll'] } }, properties);

/** preSend of Campaign → Get Many: the name filter, when given. */
export const listCampaignsRequest = operationRequest(function (options) {
	options.qs = givenFilters(this.getNodeParameter('campaignFilters', {}) as IDataObject);
});
