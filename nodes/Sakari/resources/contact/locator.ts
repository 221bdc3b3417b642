import { objectById, objectLocator } from '../../shared/descriptions';

const locator = {
	name: 'contactId',
	displayName: 'Contact',
	searchListMethod: 'searchContacts',
	idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d0',
};

/** The contact an operation works on: searchable by name, email or number, or given by ID. */
export const contactById = objectById({
	...locator,
	description: 'The Sakari contact. Search by first name, "first last", email or mobile number, or enter its ID.',
	collection: 'contacts',
});

/** A contact picker for another resource's operation, under that operation's own parameter name. */
export const contactLocator = (name: string, description: string) => objectLocator({ ...locator, name, description });
