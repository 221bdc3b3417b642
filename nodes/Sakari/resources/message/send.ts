import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COUNTRIES } from '../../shared/countries';
import { contactLocator } from '../contact/locator';
import { conversationLocator } from '../conversation/locator';

const properties: INodeProperties[] = [
	{
		displayName: 'Send To',
		name: 'sendTo',
		type: 'options',
		default: 'mobileNumber',
		description: 'Who receives the message',
		options: [
			{
				name: 'Mobile Number',
				value: 'mobileNumber',
				description: 'A mobile number; Sakari creates a contact for it if it has none',
			},
			{ name: 'Contact', value: 'contact', description: 'An existing Sakari contact' },
			{
				name: 'Conversation',
				value: 'conversation',
				description: "An existing conversation, to reply in the contact's thread",
			},
		],
	},
	{
		displayName: 'Mobile Number',
		name: 'mobileNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +13471234567',
		description:
			'The mobile number to text, best in E.164 format (+, country code, number). A national number such as (347) 123-4567 is read using Mobile Country.',
		displayOptions: { show: { sendTo: ['mobileNumber'] } },
		routing: { send: { type: 'body', property: 'contacts[0].mobile.number' } },
	},
	{
		displayName: 'Mobile Country',
		name: 'mobileCountry',
		type: 'options',
		default: 'US',
		description: 'The country of the mobile number (ISO 3166 alpha-2 code). Type to search by name.',
		options: COUNTRIES,
		displayOptions: { show: { sendTo: ['mobileNumber'] } },
		routing: { send: { type: 'body', property: 'contacts[0].mobile.country' } },
	},
	{
		...contactLocator,
		description: 'The Sakari contact to text. Search by first name, "first last", email or mobile number, or enter its ID.',
		displayOptions: { show: { sendTo: ['contact'] } },
		routing: { send: { type: 'body', property: 'contacts[0].id' } },
	},
	{
		...conversationLocator,
		description: "The conversation to reply in. Search by the contact's name or number, or enter its ID.",
		displayOptions: { show: { sendTo: ['conversation'] } },
		routing: { send: { type: 'body', property: 'conversations[0]' } },
	},
	{
		displayName: 'Message',
		name: 'template',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Hi {{{firstName}}}, your order has shipped.',
		description:
			"The text to send. Sakari fills placeholders in triple braces from the recipient's contact, e.g. {{{firstName}}}, {{{lastName}}}, {{{email}}} or a custom attribute. Fixed text reaches Sakari as typed; inside an expression, write a placeholder as {{ '{{{' }}firstName}}}.",
		hint: 'Sakari fills <code>{{{firstName}}}</code>, <code>{{{lastName}}}</code> and custom attributes per recipient. See <a href="https://developer.sakari.io/api-reference/messages/send-messages" target="_blank">Send messages</a>.',
		routing: { send: { type: 'body', property: 'template' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Media URLs',
				name: 'mediaUrls',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/receipt.png',
				description: 'Public http(s) URLs of images or files to attach, separated by commas. Set Type to MMS to send them.',
				routing: { send: { type: 'body', property: 'media' } },
			},
			{
				displayName: 'Sending Number Group ID',
				name: 'phoneNumberGroupId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d2',
				description: 'Send from a number in this Sakari number group instead of the account default',
				routing: { send: { type: 'body', property: 'phoneNumberFilter.group.id' } },
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				default: 'SMS',
				description: 'SMS for text only, MMS for text with media',
				options: [
					{ name: 'SMS', value: 'SMS' },
					{ name: 'MMS', value: 'MMS' },
				],
				routing: { send: { type: 'body', property: 'type' } },
			},
		],
	},
];

export const sendDescription = updateDisplayOptions({ show: { resource: ['message'], operation: ['send'] } }, properties);
