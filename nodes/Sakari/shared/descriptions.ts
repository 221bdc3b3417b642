import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { FieldError, objectId, operationRequest, optionalText, quote } from './fieldChecks';

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

interface ObjectByIdOptions extends LocatorOptions {
	/** Where the objects live below the account, e.g. `contacts`. */
	collection: string;
	/** Paths below the collection that are not objects (`forms/templates`): refused as IDs, like `..`. */
	notIds?: string[];
}

/**
 * What a resource's one-object operations share: one locator parameter (an operation lists it among its fields;
 * it is shown for every operation that does), the object's path (`/contacts/{id}`, the ID checked and encoded as
 * one segment) and a preSend that makes it the URL.
 */
export function objectById({ collection, notIds = [], ...options }: ObjectByIdOptions) {
	const hint = `pick a ${options.displayName.toLowerCase()} from the list or enter its ID`;
	const path = (context: IExecuteSingleFunctions) => {
		const id = objectId(context, options.name, options.displayName, hint);
		if (notIds.includes(id)) throw new FieldError(options.displayName, `${quote(id)} is not an ID; ${hint}`);
		return `/${collection}/${encodeURIComponent(id)}`;
	};
	return {
		locator: objectLocator(options),
		path,
		request: operationRequest(function (options) {
			options.url = path(this);
		}),
	};
}

/**
 * Return All / Limit, one pair for every paged operation (so each name is defined once), shown for the operation
 * values that declare `paged`; `sendPages` reads both and pages by 100.
 */
export const returnAllOrLimit = (pagedOperations: string[]): INodeProperties[] => [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: { operation: pagedOperations } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { operation: pagedOperations, returnAll: [false] } },
	},
];

/**
 * The filters of a Get Many that were added and are not blank (a blank one would match everything), as text
 * (optionalText's rule); an object refused naming the filter by its name in `collection`, when given.
 */
export function givenFilters(filters: IDataObject, collection?: INodeProperties): IDataObject {
	const query: IDataObject = {};
	for (const [key, value] of Object.entries(filters)) {
		const option = (collection?.options as INodeProperties[] | undefined)?.find((entry) => entry.name === key);
		const given = optionalText(value, `Filters > ${option?.displayName ?? key}`)?.trim();
		if (given) query[key] = given;
	}
	return query;
}
