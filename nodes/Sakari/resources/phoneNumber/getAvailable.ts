import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { givenFilters } from '../../shared/descriptions';
import { outputData } from '../../shared/send';
import { FieldError, operationRequest, quote, text } from '../../shared/fieldChecks';
import type { Operation } from '../../shared/resource';

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

/** The filters given; an area code is digits. */
const availableNumbersRequest = operationRequest(function (options) {
	const query = givenFilters(this.getNodeParameter('availableNumberFilters', {}) as IDataObject);
	if (query.areaCode !== undefined && !/^\d{1,6}$/.test(text(query.areaCode))) {
		throw new FieldError('Filters > Area Code', `${quote(text(query.areaCode))} is not an area code; use digits only, e.g. 347`);
	}
	options.qs = query;
});

/** Phone Number → Get Available: `GET /availablephonenumbers`, one item per number. */
export const getAvailable: Operation = {
	option: {
		name: 'Get Available',
		value: 'getAvailable',
		action: 'Get available phone numbers by area code or type with prices',
		description: 'Phone numbers the account could add, one item each: number, country, type, features and price',
		routing: {
			// Sakari documents no paging here: one request, every number it answers.
			request: { method: 'GET', url: '/availablephonenumbers' },
			send: { preSend: [availableNumbersRequest] },
			output: { postReceive: [outputData] },
		},
	},
	fields: properties,
};
