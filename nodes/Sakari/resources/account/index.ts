import type { INodeProperties } from 'n8n-workflow';

import { outputData } from '../../shared/envelope';
import type { OperationHandlers } from '../../shared/dispatch';
import { sendAccountGet } from './get';
import { sendAccountList } from './getAll';

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
					'Get the Sakari account of the credential: its "balance" (a number) and the balance answer (as "balanceDetails"), e.g. to check the credit before a large send. Its API credentials are never output.',
				routing: {
					// The account itself is the base URL; sendAccountGet adds the balance request.
					request: { method: 'GET', url: '' },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many accounts',
				description: 'List the Sakari accounts this API client may use, without their API credentials',
				routing: {
					// sendAccountList sets the URL: the list lives outside the credential's account.
					request: { method: 'GET' },
				},
			},
		],
		default: 'get',
	},
];

/** Account → Get sends two requests per item; Get Many pages through a list outside the account. */
export const accountRequests: OperationHandlers = { get: { send: sendAccountGet }, getAll: { send: sendAccountList } };
