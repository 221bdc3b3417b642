import type { INodeProperties } from 'n8n-workflow';

import { outputData } from '../../shared/envelope';
import { validateNewContact } from '../../shared/validation';
import { createDescription } from './create';

const showOnlyForContacts = { resource: ['contact'] };

export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForContacts },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a contact',
				description:
					'Create a Sakari contact from a mobile number, names, email, custom attributes and lists; an existing contact with that number is merged',
				routing: {
					request: { method: 'POST', url: '/contacts' },
					send: { preSend: [validateNewContact] },
					output: { postReceive: [outputData] },
				},
			},
		],
		default: 'create',
	},
	...createDescription,
];
