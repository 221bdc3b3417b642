import type { INodeProperties } from 'n8n-workflow';

/** A template's fields, shared by Create (required name and text) and Update (Update Fields). */
export const templateFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Order shipped',
		description: 'The name the template is listed under in Sakari',
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'string',
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Hi {{{firstName}}}, your order has shipped.',
		description:
			"The message text. Sakari fills placeholders in triple braces from the recipient's contact, e.g. {{{firstName}}}. Fixed text reaches Sakari as typed; inside an expression, write a placeholder as {{ '{{{' }}firstName}}}.",
		hint: 'See <a href="https://developer.sakari.io/api-reference/templates/create-template" target="_blank">Sakari templates</a>',
		routing: { send: { type: 'body', property: 'template' } },
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		default: 'SMS',
		description: 'SMS for a text message template, Web for a web page template',
		options: [
			{ name: 'SMS', value: 'SMS' },
			{ name: 'Web', value: 'Web' },
		],
		routing: { send: { type: 'body', property: 'type' } },
	},
];
