import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../shared/descriptions';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Sakari matches each filter partially (e.g. "ada" finds "Ada" and "Adam"); several filters must all match',
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'e.g. ada@example.com',
				routing: { send: { type: 'query', property: 'email' } },
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Ada',
				routing: { send: { type: 'query', property: 'firstName' } },
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Lovelace',
				routing: { send: { type: 'query', property: 'lastName' } },
			},
			{
				displayName: 'Mobile Number',
				name: 'mobile',
				type: 'string',
				default: '',
				placeholder: 'e.g. +13471234567',
				description: 'All or part of the mobile number',
				routing: { send: { type: 'query', property: 'mobile' } },
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. vip, newsletter',
				description: 'Comma-separated tags; sent to Sakari as given',
				routing: { send: { type: 'query', property: 'tags' } },
			},
		],
	},
];

export const getAllDescription = updateDisplayOptions({ show: { resource: ['contact'], operation: ['getAll'] } }, properties);
