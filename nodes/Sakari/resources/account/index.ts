import type { INodeProperties } from 'n8n-workflow';

import { outputData } from '../../shared/envelope';
import type { OperationHandlers } from '../../shared/requestPath';
import { sendAccountGet } from './get';

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
					// The account itself is the base URL; sendAccountGet adds the balance request.
					request: { method: 'GET', url: '' },
					output: { postReceive: [outputData] },
				},
			},
		],
		default: 'get',
	},
];

/** Account → Get sends two requests per item. */
export const accountRequests: OperationHandlers = { get: sendAccountGet };
