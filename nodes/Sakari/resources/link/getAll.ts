import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { givenFilters } from '../../shared/descriptions';
import { operationRequest } from '../../shared/fieldChecks';

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'linkFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Without filters, every tracked link of the account is listed',
		options: [
			{
				displayName: 'Search',
				name: 'q',
				type: 'string',
				default: '',
				placeholder: 'e.g. spring-sale',
				description: 'Only links matching this term (Sakari searches across several fields)',
			},
		],
	},
];

export const getAllDescription = updateDisplayOptions({ show: { resource: ['link'], operation: ['getAll'] } }, properties);

/** preSend of Link → Get Many: `GET /links?q=` (developer.sakari.io/api-reference/links/fetch-links). */
export const listLinksRequest = operationRequest(function (options) {
	options.qs = givenFilters(this.getNodeParameter('linkFilters', {}) as IDataObject);
});
