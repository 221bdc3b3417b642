import type { INodeProperties } from 'n8n-workflow';

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

/** A Sakari object picked from a searchable list or given by ID; routing always receives the plain ID. */
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
 * The request path of one object: the locator's value, trimmed and URL-encoded (an ID is one path segment).
 * RoutingNode's `$parameter` hands over a resource locator's plain value.
 */
export function objectPath(collection: string, parameter: string, suffix = ''): string {
	return `=/${collection}/{{encodeURIComponent(String($parameter.${parameter}).trim())}}${suffix}`;
}

/** Return All / Limit for a Get Many operation; `sakariListRequest` reads both and pages by 100. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];
