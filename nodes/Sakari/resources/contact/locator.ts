import { objectLocator } from '../../shared/descriptions';

/** The contact an operation works on: searchable by name, email or number, or given by ID. */
export const contactLocator = objectLocator({
	name: 'contactId',
	displayName: 'Contact',
	searchListMethod: 'searchContacts',
	idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d0',
	description: 'The Sakari contact. Search by first name, "first last", email or mobile number, or enter its ID.',
});
