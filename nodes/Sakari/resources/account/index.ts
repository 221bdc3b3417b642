import type { INodeProperties } from 'n8n-workflow';

import { sakariAccountRequest } from '../../shared/account';
import { outputData } from '../../shared/envelope';

export const accountDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the account',
				description:
					'Get the Sakari account of the credential with its current balance (as "balance"), e.g. to check the credit before a large send',
				routing: {
					// The account itself is the base URL; sakariAccountRequest adds the balance request.
					request: { method: 'GET', url: '' },
					operations: { pagination: sakariAccountRequest },
					output: { postReceive: [outputData] },
				},
			},
		],
		default: 'get',
	},
];
