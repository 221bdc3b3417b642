import { objectById } from '../../shared/descriptions';

/** The tracked link an operation works on: searchable, or given by ID. */
export const linkById = objectById({
	name: 'linkId',
	displayName: 'Link',
	searchListMethod: 'searchLinks',
	idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9f1',
	description: 'The Sakari tracked link. Search by name or URL, or enter its ID.',
	collection: 'links',
});
