import type { INodeProperties } from 'n8n-workflow';

import { listFiltered } from '../../shared/commonOperations';

const filter = (displayName: string, name: string, placeholder: string, description?: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	...(description ? { description } : {}),
});

const filters: INodeProperties = {
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
};

/** Contact → Get Many: `GET /contacts` page by page, with the filters added (and not blank) as the query. */
export const getAll = listFiltered(
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many contacts filtered by mobile number or name',
		description: 'List Sakari contacts, optionally filtered by first name, last name, email, mobile number or tags',
	},
	'/contacts',
	filters,
);
