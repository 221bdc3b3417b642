import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { givenFilters } from '../../shared/descriptions';
import { operationRequest } from '../../shared/fieldChecks';

const filter = (displayName: string, name: string, placeholder: string, description?: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	...(description ? { description } : {}),
});

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Sakari matches each filter partially (e.g. "ada" finds "Ada" and "Adam"); several filters must all match',
		options: [
			filter('Email', 'email', 'e.g. ada@example.com'),
			filter('First Name', 'firstName', 'e.g. Ada'),
			filter('Last Name', 'lastName', 'e.g. Lovelace'),
			filter('Mobile Number', 'mobile', 'e.g. +13471234567', 'All or part of the mobile number'),
			filter('Tags', 'tags', 'e.g. vip, newsletter', 'Comma-separated tags; sent to Sakari as given'),
		],
	},
];

export const getAllDescription = updateDisplayOptions({ show: { resource: ['contact'], operation: ['getAll'] } }, properties);

/** preSend of Contact → Get Many: the filters added (and not blank) as the query; paging is added per page. */
export const listContactsRequest = operationRequest(function (options) {
	options.qs = givenFilters(this.getNodeParameter('filters', {}) as IDataObject);
});
