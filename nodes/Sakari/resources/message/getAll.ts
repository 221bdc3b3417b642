import { listFiltered } from '../../shared/commonOperations';

/** Message → Get Many: `GET /messages` page by page, with the filters added (and not blank) as the query. */
export const getAll = listFiltered(
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many messages filtered by contact or conversation',
		description: 'List sent and received messages, optionally only those of one contact or one conversation',
	},
	'/messages',
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
);
