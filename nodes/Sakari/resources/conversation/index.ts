import type { INodeProperties } from 'n8n-workflow';

import { outputData } from '../../shared/envelope';
import { operationRequest } from '../../shared/fieldChecks';
import type { OperationHandlers } from '../../shared/dispatch';
import { sendPages } from '../../shared/send';
import { conversationById } from './locator';

const closeConversationRequest = operationRequest(function (options) {
	options.url = `${conversationById.path(this)}/close`;
});

export const conversationDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{
				name: 'Close',
				value: 'close',
				action: 'Close a conversation',
				description: "Close a contact's open conversation; the next message to or from them starts a new one",
				routing: {
					request: { method: 'PUT' },
					send: { preSend: [closeConversationRequest] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a conversation',
				description: "Get one conversation by ID: its contact, the sending number, its last message and whether it is closed",
				routing: {
					request: { method: 'GET' },
					send: { preSend: [conversationById.request] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many conversations',
				description: 'List the conversations (message threads with contacts) of the Sakari account',
				routing: { request: { method: 'GET', url: '/conversations' } },
			},
		],
		default: 'get',
	},
	conversationById.field,
];

/** How Conversation operations send, where it is more than one request per item. */
export const conversationRequests: OperationHandlers = { getAll: { send: sendPages } };
