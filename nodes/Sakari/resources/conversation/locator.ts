import { objectById, objectLocator } from '../../shared/descriptions';

const locator = {
	name: 'conversationId',
	displayName: 'Conversation',
	searchListMethod: 'searchConversations',
	idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d1',
};

/** The conversation an operation works on: searchable by the contact's name or number, or given by ID. */
export const conversationById = objectById({
	...locator,
	description: "The Sakari conversation (a contact's message thread). Search by the contact's name or number, or enter its ID.",
	collection: 'conversations',
});

/** A conversation picker for another resource's operation, under that operation's own parameter name. */
export const conversationLocator = (name: string, description: string) => objectLocator({ ...locator, name, description });
