import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { givenFilters } from '../../shared/descriptions';
import { operationRequest } from '../../shared/fieldChecks';

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'messageFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Without filters, every message of the account is listed (sent and received)',
		options: [
			{
				displayName: 'Contact ID',
				name: 'contactId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d0',
				description: 'Only messages to or from this contact',
			},
			{
				displayName: 'Conversation ID',
				name: 'conversationId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d1',
				description: 'Only messages in this conversation',
			},
		],
	},
];

export const getAllDescription = updateDisplayOptions({ show: { resource: ['message'], operation: ['getAll'] } }, properties);

/** preSend of Message → Get Many: the filters added (and not blank) as the query. */
export const listMessagesRequest = operationRequest(function (options) {
	options.qs = givenFilters(this.getNodeParameter('messageFilters', {}) as IDataObject);
});
