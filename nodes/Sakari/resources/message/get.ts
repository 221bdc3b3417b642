import type { INodeProperties } from 'n8n-workflow';

import { outputData } from '../../shared/send';

import { objectId, operationRequest } from '../../shared/fieldChecks';
import type { Operation } from '../../shared/resource';

const properties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d3',
		description: 'The ID of the message, as output by Message → Send (the "ID" field)',
	},
];

/** `GET /messages/{id}`. */
const getMessageRequest = operationRequest(function (options) {
	const id = objectId(this, 'messageId', 'Message ID', 'enter the ID of a message, e.g. from Message → Send');
	options.url = `/messages/${encodeURIComponent(id)}`;
});

/** Message → Get: one message by ID. */
export const get: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a message by ID with its delivery status',
		description: 'Get one message by ID, with its text, recipient, status (Queued, Sent, Delivered, Error...), segments and price',
		routing: { request: { method: 'GET' }, send: { preSend: [getMessageRequest] }, output: { postReceive: [outputData] } },
	},
	fields: properties,
};
