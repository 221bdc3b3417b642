import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { givenFilters } from '../../shared/descriptions';
import { operationRequest } from '../../shared/fieldChecks';

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'templateFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Without filters, every saved template of the account is listed',
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. shipped',
				description: 'Only templates whose name matches this',
			},
		],
	},
];

export const getAllDescription = updateDisplayOptions({ show: { resource: ['template'], operation: ['getAll'] } }, properties);

/** preSend of Template → Get Many: the name filter, when given. */
export const listTemplatesRequest = operationRequest(function (options) {
	options.qs = givenFilters(this.getNodeParameter('templateFilters', {}) as IDataObject);
});
