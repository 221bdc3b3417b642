import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COUNTRIES } from '../../shared/countries';
import { FieldError, operationRequest, requireChanges } from '../../shared/fieldChecks';
import { contactFields, optionalContactBody, toMobile } from './fields';
import { contactById } from './locator';

const properties: INodeProperties[] = [
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
			},
			{
				displayName: 'Mobile Number',
				name: 'mobileNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +13471234567',
				description: 'A new mobile number, best in E.164 format. Add Mobile Country with it.',
			},
		],
	},
];

export const updateDescription = updateDisplayOptions({ show: { resource: ['contact'], operation: ['update'] } }, properties);

/** preSend of Contact → Update: `PUT /contacts/{id}` with only the fields added, each checked. */
export const updateContactRequest = operationRequest(function (options) {
	options.url = contactById.path(this);
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	requireChanges(fields, 'Update Fields');
	const body = optionalContactBody(fields);
	if (fields.mobileNumber !== undefined) {
		body.mobile = toMobile(fields.mobileNumber, fields.mobileCountry);
	} else if (fields.mobileCountry !== undefined) {
		// A country alone would be dropped silently: it only means something with a number.
		throw new FieldError('Mobile Number', 'is empty; a Mobile Country is only sent with a Mobile Number');
	}
	// Every field added was blank (empty cells): a PUT of nothing would change nothing and look like success.
	if (Object.keys(body).length === 0) throw new FieldError('Update Fields', 'nothing to change; every field added is empty, and an empty value is not sent');
	options.body = body;
});
