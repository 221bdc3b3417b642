import type { INodeProperties } from 'n8n-workflow';

import { objectPath } from '../../shared/descriptions';
import { outputData } from '../../shared/envelope';
import { outputQueuedMessages } from '../../shared/messages';
import { sakariListRequest } from '../../shared/request';
import { omitBlankFilters, requireId, validateMessageSend } from '../../shared/validation';
import { getDescription } from './get';
import { getAllDescription } from './getAll';
import { sendDescription } from './send';

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a message',
				description: 'Get one message by ID, with its text, recipient, status (Queued, Sent, Delivered, Error...), segments and price',
				routing: {
					request: { method: 'GET', url: objectPath('messages', 'messageId') },
					send: { preSend: [requireId('messageId', 'Message ID', 'enter the ID of a message, e.g. from Message → Send')] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many messages',
				description: 'List sent and received messages, optionally only those of one contact or one conversation',
				routing: {
					request: { method: 'GET', url: '/messages' },
					send: { preSend: [omitBlankFilters] },
					operations: { pagination: sakariListRequest },
				},
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send a message',
				description:
					'Text one recipient (a mobile number, a contact or a conversation) by SMS or MMS. Outputs the queued message; fails when Sakari refuses the recipient (e.g. opted out, landline).',
				routing: {
					request: { method: 'POST', url: '/messages' },
					send: { preSend: [validateMessageSend] },
					output: { postReceive: [outputQueuedMessages] },
				},
			},
		],
		default: 'send',
	},
	...getDescription,
	...getAllDescription,
	...sendDescription,
];
