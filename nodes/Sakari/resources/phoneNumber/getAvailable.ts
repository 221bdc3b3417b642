import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { givenFilters } from '../../shared/descriptions';
import { FieldError, operationRequest, quote, text } from '../../shared/fieldChecks';

// The query parameters developer.sakari.io/api-reference/availablephonenumbers/check-all-available-phone-numbers
// lists, each described in one line there ("Phone number type", "Features for phone number"…): no values given.
const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'availableNumberFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Sent to Sakari as given; its reference does not list the values Type and Features take',
		options: [
			{
				displayName: 'Area Code',
				name: 'areaCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. 347',
				description: 'Only numbers with this area code (digits only)',
			},
			{
				displayName: 'Contains',
				name: 'contains',
				type: 'string',
				default: '',
				placeholder: 'e.g. 555',
				description: 'Only numbers that contain this',
			},
			{
				displayName: 'Features',
				name: 'features',
				type: 'string',
				default: '',
				placeholder: 'e.g. sms',
				description: 'Only numbers with these features, e.g. sms or mms',
			},
			{
				displayName: 'Postal Code',
				name: 'postalCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. 11201',
				description: 'Only numbers of this postal code',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'string',
				default: '',
				placeholder: 'e.g. local',
				description: 'Only numbers of this type, e.g. local or tollfree',
			},
		],
	},
];

export const getAvailableDescription = updateDisplayOptions({ show: { resource: ['phoneNumber'], operation: ['getAvailable'] } }, properties);

/** preSend of Phone Number → Get Available: the filters given; an area code is digits. */
export const availableNumbersRequest = operationRequest(function (options) {
	const query = givenFilters(this.getNodeParameter('availableNumberFilters', {}) as IDataObject);
	if (query.areaCode !== undefined && !/^\d{1,6}$/.test(text(query.areaCode))) {
		throw new FieldError('Filters > Area Code', `${quote(text(query.areaCode))} is not an area code; use digits only, e.g. 347`);
	}
	options.qs = query;
});
