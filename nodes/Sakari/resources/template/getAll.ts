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
		description: 'Without filters, every saved template of the account is listed',
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. shipped',
				description: 'Only templates whose name matches this',
				routing: { send: { type: 'query', property: 'name' } },
			},
		],
	},
];

export const getAllDescription = updateDisplayOptions({ show: { resource: ['template'], operation: ['getAll'] } }, properties);
