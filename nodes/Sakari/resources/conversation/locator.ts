import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { objectLocator } from '../../shared/descriptions';
import { objectId } from '../../shared/fieldChecks';

const locator = {
	name: 'conversationId',
	displayName: 'Conversation',
	searchListMethod: 'searchConversations',
	idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d1',
};

/** The conversation Get and Close work on (one parameter for both): searchable by the contact, or by ID. */
export const conversationIdField = {
	...objectLocator({
		...locator,
		description: "The Sakari conversation (a contact's message thread). Search by the contact's name or number, or enter its ID.",
	}),
	displayOptions: { show: { resource: ['conversation'], operation: ['get', 'close'] } },
};

/** A conversation picker for another resource's operation, under that operation's own parameter name. */
export const conversationLocator = (name: string, description: string) => objectLocator({ ...locator, name, description });

/** `/conversations/{id}` of the conversation picked in Conversation. */
export function conversationPath(context: IExecuteSingleFunctions): string {
	const id = objectId(context, 'conversationId', 'Conversation', 'pick a conversation from the list or enter its ID');
	return `/conversations/${encodeURIComponent(id)}`;
}
