import { objectLocator } from '../../shared/descriptions';

/** The conversation an operation works on: searchable by the contact's name or number, or given by ID. */
export const conversationLocator = objectLocator({
	name: 'conversationId',
	displayName: 'Conversation',
	searchListMethod: 'searchConversations',
	idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d1',
	description: "The Sakari conversation (a contact's message thread). Search by the contact's name or number, or enter its ID.",
});
