import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { FieldError, optionalText, quote } from '../../shared/fieldChecks';

/** A template's fields: all of them for Create (name and text required), any of them under Update Fields. */
export const templateFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Order shipped',
		description: 'The name the template is listed under in Sakari',
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
	},
];

/**
 * A template body from the fields given, by optionalText's rule (numbers as text, a blank one not sent, an object
 * refused): Create needs a name and a text, a type is SMS or Web.
 */
export function templateBody(fields: IDataObject, creating: boolean): IDataObject {
	const body: IDataObject = {};
	const name = optionalText(fields.name, 'Name')?.trim();
	if (name) body.name = name;
	else if (creating) throw new FieldError('Name', 'is empty; give the template a name, e.g. Order shipped');
	const template = optionalText(fields.template, 'Template');
	if (template !== undefined) body.template = template;
	else if (creating) throw new FieldError('Template', 'is empty; enter the template text, e.g. Hi {{{firstName}}}');
	const type = optionalText(fields.type, 'Type')?.trim();
	if (type !== undefined) {
		if (type !== 'SMS' && type !== 'Web') throw new FieldError('Type', `${quote(type)} is not SMS or Web`);
		body.type = type;
	}
	return body;
}
