import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { outputData } from '../../shared/envelope';
import type { OperationHandlers } from '../../shared/dispatch';
import { sendPages } from '../../shared/send';
import { sendMessage } from './bulkSend';
import { getDescription, getMessageRequest } from './get';
import { getAllDescription, listMessagesRequest } from './getAll';
import { outputQueuedMessages, sendDescription, sendMessageRequest } from './send';
import { sendAndWaitDescription } from './sendAndWait';

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
					request: { method: 'GET' },
					send: { preSend: [getMessageRequest] },
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
					send: { preSend: [listMessagesRequest] },
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
					send: { preSend: [sendMessageRequest] },
					output: { postReceive: [outputQueuedMessages] },
				},
			},
			{
				name: 'Send and Wait for Response',
				value: SEND_AND_WAIT_OPERATION,
				action: 'Send message and wait for response',
				description:
					'Text one recipient and pause the workflow until they answer: approve or decline through a link, type an answer on a page, or text back. Outputs the answer as data.',
			},
		],
		default: 'send',
	},
	...getDescription,
	...getAllDescription,
	...sendDescription,
	...sendAndWaitDescription,
];

/** How Message operations send, beyond one request per item, and whether a send may be repeated. */
export const messageRequests: OperationHandlers = {
	getAll: { send: sendPages },
	// A repeated send would text someone twice: never retried unless the request provably never left.
	send: { send: sendMessage, repeatable: false },
};
