import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { objectId, operationRequest } from '../../shared/fieldChecks';

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

export const getDescription = updateDisplayOptions({ show: { resource: ['message'], operation: ['get'] } }, properties);

/** preSend of Message → Get: `GET /messages/{id}`. */
export const getMessageRequest = operationRequest(function (options) {
	const id = objectId(this, 'messageId', 'Message ID', 'enter the ID of a message, e.g. from Message → Send');
	options.url = `/messages/${encodeURIComponent(id)}`;
});
