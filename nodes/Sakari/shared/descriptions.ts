import type { IDataObject, INodeProperties } from 'n8n-workflow';

interface LocatorOptions {
	/** Parameter name, part of the workflow JSON: e.g. `contactId`. */
	name: string;
	/** What a Sakari user calls the object: e.g. `Contact`. */
	displayName: string;
	/** The `methods.listSearch` function that lists the objects. */
	searchListMethod: string;
	idPlaceholder: string;
	description: string;
}

/** A Sakari object picked from a searchable list or given by ID; the operation's preSend reads its plain ID. */
export function objectLocator({ name, displayName, searchListMethod, idPlaceholder, description }: LocatorOptions): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${displayName.toLowerCase()}...`,
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: idPlaceholder,
			},
		],
	};
}

/**
 * Return All / Limit, one pair for every Get Many (so each name is defined once); `sendPages` reads both and
 * pages by 100.
 */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: { operation: ['getAll'] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { operation: ['getAll'], returnAll: [false] } },
	},
];

/** The filters of a Get Many that were added and are not blank (a blank one would match everything). */
export function givenFilters(filters: IDataObject): IDataObject {
	const query: IDataObject = {};
	for (const [key, value] of Object.entries(filters)) {
		const given = typeof value === 'string' ? value.trim() : value;
		if (given !== '' && given !== undefined && given !== null) query[key] = given;
	}
	return query;
}
