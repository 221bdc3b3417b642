import { objectLocator } from '../../shared/descriptions';

/** The template an operation works on: searchable by name, or given by ID. */
export const templateLocator = objectLocator({
	name: 'templateId',
	displayName: 'Template',
	searchListMethod: 'searchTemplates',
	idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d4',
	description: 'The saved Sakari message template. Search by name, or enter its ID.',
});
