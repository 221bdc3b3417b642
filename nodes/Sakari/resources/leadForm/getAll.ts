import type { INodeProperties } from 'n8n-workflow';

import { listFiltered } from '../../shared/commonOperations';

/** Search and Sort, as Sakari's form lists take them (developer.sakari.io/api-reference/forms/fetch-all-lead-forms). */
export const formListFilters = (name: string, what: string): INodeProperties => ({
	displayName: 'Filters',
	name,
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description: `Without filters, every ${what} of the account is listed`,
	options: [
		{
			displayName: 'Search',
			name: 'q',
			type: 'string',
			default: '',
			placeholder: 'e.g. newsletter',
			description: `Only ${what}s matching this term (Sakari searches across several fields)`,
		},
		{
			displayName: 'Sort By',
			name: 'orderBy',
			type: 'string',
			default: '',
			placeholder: 'e.g. name',
			description: 'Passed to Sakari as orderBy; its reference does not list the values it takes',
		},
	],
});

/** Lead Form → Get Many: `GET /forms` page by page, filtered as given. */
export const getAll = listFiltered(
	{ name: 'Get Many', value: 'getAll', action: 'Get many lead forms filtered by search term', description: 'List lead forms, optionally only those matching a search term' },
	'/forms',
	formListFilters('leadFormFilters', 'lead form'),
);
