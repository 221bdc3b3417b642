import type { INodeProperties } from 'n8n-workflow';

import { COUNTRIES } from '../../shared/countries';

/** The contact's mobile number and its country: what Sakari identifies a contact by. */
export const mobileFields: INodeProperties[] = [
	{
		displayName: 'Mobile Number',
		name: 'mobileNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +13471234567',
		description:
			'The mobile number, best in E.164 format (+, country code, number). A national number such as (347) 123-4567 is read using Mobile Country.',
		routing: { send: { type: 'body', property: 'mobile.number' } },
	},
	{
		displayName: 'Mobile Country',
		name: 'mobileCountry',
		type: 'options',
		required: true,
		default: 'US',
		description: 'The country of the mobile number (ISO 3166 alpha-2 code). Type to search by name.',
		options: COUNTRIES,
		routing: { send: { type: 'body', property: 'mobile.country' } },
	},
];

/** Optional contact fields, shared by Create (Additional Fields) and Update (Update Fields). */
export const contactFields: INodeProperties[] = [
	{
		displayName: 'Attributes',
		name: 'attributes',
		type: 'fixedCollection',
		placeholder: 'Add Attribute',
		default: {},
		typeOptions: { multipleValues: true },
		description: 'Custom contact attributes. Define them in the Sakari app first (Contacts > Attributes).',
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. plan',
						description: "The attribute's name as defined in Sakari",
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. gold',
					},
				],
			},
		],
		// Sent as given; the preSend check turns the pairs into Sakari's `attributes` object.
		routing: { send: { type: 'body', property: 'attributes' } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		placeholder: 'name@email.com',
		routing: { send: { type: 'body', property: 'email' } },
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Ada',
		routing: { send: { type: 'body', property: 'firstName' } },
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Lovelace',
		routing: { send: { type: 'body', property: 'lastName' } },
	},
	{
		displayName: 'List IDs',
		name: 'lists',
		type: 'string',
		default: '',
		placeholder: 'e.g. 6242a1b0c3, 6242a1b0c4',
		description: 'Comma-separated IDs of the Sakari lists to add the contact to',
		// Sent as given; the preSend check turns the IDs into Sakari's `lists: [{ id }]`.
		routing: { send: { type: 'body', property: 'lists' } },
	},
];
