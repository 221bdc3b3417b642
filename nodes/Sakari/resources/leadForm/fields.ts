import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { FieldError, optionalText } from '../../shared/fieldChecks';

/** The Name of Create and Update (Sakari requires it in both: developer.sakari.io/api-reference/forms/update-lead-form). */
export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'leadFormName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Spring newsletter sign-up',
	description: 'The name the lead form is listed under in Sakari',
};

/** The lead form body `{name}`, the name trimmed and not blank (a number from an expression as text, an object refused). */
export function leadFormBody(context: IExecuteSingleFunctions): { name: string } {
	const name = optionalText(context.getNodeParameter('leadFormName', ''), 'Name')?.trim();
	if (!name) throw new FieldError('Name', 'is empty; give the lead form a name, e.g. Spring newsletter sign-up');
	return { name };
}
