import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactFields, mobileFields } from './fields';

const properties: INodeProperties[] = [
	...mobileFields,
	{
		displayName: 'Merge Strategy',
		name: 'mergeStrategy',
		type: 'options',
		default: 'default',
		// Sakari documents only that this "determines how existing contacts with matching mobile numbers
		// are treated": no text here may claim more than that.
		description:
			'How Sakari treats an existing contact with the same mobile number. Sakari does not document what each strategy does; "Sakari Default" sends none.',
		hint: 'Sent as the <code>mergeStrategy</code> query parameter of <a href="https://developer.sakari.io/api-reference/contacts/create-contact" target="_blank">Create contact</a>',
		options: [
			{
				name: 'Sakari Default',
				value: 'default',
				description: 'Send no merge strategy and let Sakari apply its own default',
			},
			{
				name: 'Append',
				value: 'append',
				description: 'Send mergeStrategy=append',
				routing: { send: { type: 'query', property: 'mergeStrategy', value: 'append' } },
			},
			{
				name: 'Core',
				value: 'core',
				description: 'Send mergeStrategy=core',
				routing: { send: { type: 'query', property: 'mergeStrategy', value: 'core' } },
			},
			{
				name: 'Remove',
				value: 'remove',
				description: 'Send mergeStrategy=remove',
				routing: { send: { type: 'query', property: 'mergeStrategy', value: 'remove' } },
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: contactFields,
	},
];

export const createDescription = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);
