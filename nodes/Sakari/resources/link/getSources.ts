import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { givenFilters } from '../../shared/descriptions';
import { operationRequest } from '../../shared/fieldChecks';
import { linkById } from './locator';

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'linkSourceFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Without filters, every source of the link is listed',
		options: [
			{
				displayName: 'Sources',
				name: 'sources',
				type: 'string',
				default: '',
				placeholder: 'e.g. sms',
				description: 'Passed to Sakari as sources ("Sources to analyse"); its reference does not say what it takes',
			},
		],
	},
];

export const getSourcesDescription = updateDisplayOptions({ show: { resource: ['link'], operation: ['getSources'] } }, properties);

/** preSend of Link → Get Sources: `GET /links/{id}/sources` (developer.sakari.io/api-reference/links/fetch-link-sources). */
export const listLinkSourcesRequest = operationRequest(function (options) {
	options.url = `${linkById.path(this)}/sources`;
	options.qs = givenFilters(this.getNodeParameter('linkSourceFilters', {}) as IDataObject);
});
