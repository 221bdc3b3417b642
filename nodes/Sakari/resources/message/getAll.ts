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
		description: 'Without filters, every message of the account is listed (sent and received)',
		options: [
			{
				displayName: 'Contact ID',
				name: 'contactId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d0',
				description: 'Only messages to or from this contact',
				routing: { send: { type: 'query', property: 'contactId' } },
			},
			{
				displayName: 'Conversation ID',
				name: 'conversationId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d1',
				description: 'Only messages in this conversation',
				routing: { send: { type: 'query', property: 'conversationId' } },
			},
		],
	},
];

export const getAllDescription = updateDisplayOptions({ show: { resource: ['message'], operation: ['getAll'] } }, properties);
