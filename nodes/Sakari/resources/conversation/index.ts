import type { INodeProperties } from 'n8n-workflow';

import { objectPath } from '../../shared/descriptions';
import { outputData } from '../../shared/envelope';
import { sakariListRequest } from '../../shared/request';
import { requireId } from '../../shared/validation';
import { closeDescription } from './close';
import { getDescription } from './get';
import { getAllDescription } from './getAll';

const requireConversation = requireId('conversationId', 'Conversation');

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
					request: { method: 'PUT', url: objectPath('conversations', 'conversationId', '/close') },
					send: { preSend: [requireConversation] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a conversation',
				description: "Get one conversation by ID: its contact, the sending number, its last message and whether it is closed",
				routing: {
					request: { method: 'GET', url: objectPath('conversations', 'conversationId') },
					send: { preSend: [requireConversation] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many conversations',
				description: 'List the conversations (message threads with contacts) of the Sakari account',
				routing: {
					request: { method: 'GET', url: '/conversations' },
					operations: { pagination: sakariListRequest },
				},
			},
		],
		default: 'get',
	},
	...closeDescription,
	...getDescription,
	...getAllDescription,
];
