import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COUNTRIES } from '../../shared/countries';
import { contactFields } from './fields';
import { contactLocator } from './locator';

const properties: INodeProperties[] = [
	contactLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent to Sakari',
		options: [
			...contactFields,
			{
				displayName: 'Mobile Country',
				name: 'mobileCountry',
				type: 'options',
				default: 'US',
				description: 'The country of the new mobile number (ISO 3166 alpha-2 code); needed with Mobile Number',
				options: COUNTRIES,
				routing: { send: { type: 'body', property: 'mobile.country' } },
			},
			{
				displayName: 'Mobile Number',
				name: 'mobileNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +13471234567',
				description: 'A new mobile number, best in E.164 format. Add Mobile Country with it.',
				routing: { send: { type: 'body', property: 'mobile.number' } },
			},
		],
	},
];

export const updateDescription = updateDisplayOptions({ show: { resource: ['contact'], operation: ['update'] } }, properties);
