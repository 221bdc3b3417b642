import type { IDataObject } from 'n8n-workflow';

import { outputData } from '../../shared/send';
import { FieldError, operationRequest, requireChanges, requireValues } from '../../shared/fieldChecks';
import type { Operation } from '../../shared/resource';
import { contactFields, mobileCountryField, mobileNumberField, optionalContactBody, toMobile } from './fields';
import { contactById } from './locator';

/** Contact → Update: `PUT /contacts/{id}` with only the fields added, each checked. */
export const update: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a contact by ID and return the updated contact',
		description: 'Change a Sakari contact found by ID: only the fields added under Update Fields are sent',
		routing: {
			request: { method: 'PUT' },
			send: {
				preSend: [
					operationRequest(function (options) {
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
						requireValues(body, 'Update Fields');
						options.body = body;
					}),
				],
			},
			output: { postReceive: [outputData] },
		},
	},
	fields: [
		contactById.locator,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Only the fields added here are sent to Sakari',
			options: [
				...contactFields,
				mobileCountryField('mobileCountry', {
					description: 'The country of the new mobile number (ISO 3166 alpha-2 code); needed with Mobile Number',
				}),
				mobileNumberField('mobileNumber', { description: 'A new mobile number, best in E.164 format. Add Mobile Country with it.' }),
			],
		},
	],
};
