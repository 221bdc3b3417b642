import type { INodeProperties } from 'n8n-workflow';

import { outputData } from '../../shared/envelope';
import { availableNumbersRequest, getAvailableDescription } from './getAvailable';

export const phoneNumberDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneNumber'] } },
		options: [
			{
				name: 'Get Available',
				value: 'getAvailable',
				action: 'Get available phone numbers',
				description: 'Phone numbers the account could add, one item each: number, country, type, features and price',
				routing: {
					// Sakari documents no paging here: one request, every number it answers.
					request: { method: 'GET', url: '/availablephonenumbers' },
					send: { preSend: [availableNumbersRequest] },
					output: { postReceive: [outputData] },
				},
			},
		],
		default: 'getAvailable',
	},
	...getAvailableDescription,
];
