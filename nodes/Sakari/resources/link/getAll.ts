import { listFiltered } from '../../shared/commonOperations';

/** Link → Get Many: `GET /links?q=` page by page (developer.sakari.io/api-reference/links/fetch-links). */
export const getAll = listFiltered(
	{ name: 'Get Many', value: 'getAll', action: 'Get many links filtered by search term', description: 'List tracked links, optionally only those matching a search term' },
	'/links',
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
);
