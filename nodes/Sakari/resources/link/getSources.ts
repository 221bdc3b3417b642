import type { IDataObject } from 'n8n-workflow';

import { givenFilters } from '../../shared/descriptions';
import { operationRequest } from '../../shared/fieldChecks';
import type { Operation } from '../../shared/resource';
import { linkById } from './locator';

/** Link → Get Sources: `GET /links/{id}/sources` page by page (developer.sakari.io/api-reference/links/fetch-link-sources). */
export const getSources: Operation = {
	option: {
		name: 'Get Sources',
		value: 'getSources',
		action: 'Get the sources of a link by ID with their click stats',
		description: "A tracked link's sources (where its clicks came from), each with its click stats",
		routing: {
			request: { method: 'GET' },
			send: {
				preSend: [
					operationRequest(function (options) {
						options.url = `${linkById.path(this)}/sources`;
						options.qs = givenFilters(this.getNodeParameter('linkSourceFilters', {}) as IDataObject);
					}),
				],
			},
		},
	},
	fields: [
		linkById.locator,
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
	],
	paged: true,
};
