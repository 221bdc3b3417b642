import { objectById } from '../../shared/descriptions';

/** The template Get, Update and Delete work on: searchable by name, or given by ID. */
export const templateById = objectById({
	name: 'templateId',
	displayName: 'Template',
	searchListMethod: 'searchTemplates',
	idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d4',
	description: 'The saved Sakari message template. Search by name, or enter its ID.',
	resource: 'template',
	operations: ['get', 'update', 'delete'],
	collection: 'templates',
});
