import { createFrom, deleteById, getById, getManyByName, updateById } from '../../shared/commonOperations';
import { objectById } from '../../shared/descriptions';
import { resource } from '../../shared/resource';
import { templateBody, templateFields } from './fields';

const templateById = objectById({
	name: 'templateId',
	displayName: 'Template',
	searchListMethod: 'searchTemplates',
	idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d4',
	description: 'The saved Sakari message template. Search by name, or enter its ID.',
	collection: 'templates',
});

// Every operation has a shape other resources share (shared/commonOperations.ts).
export const template = resource(
	{ name: 'Template', value: 'template', description: 'Saved message texts with placeholders' },
	[
		createFrom(
			{ action: 'Create a template from a name and message text', description: 'Save a reusable message text under a name, with Sakari placeholders such as {{{firstName}}}' },
			'/templates',
			templateFields,
			['name', 'template'],
			templateBody,
		),
		deleteById(templateById, { action: 'Delete a template by ID and report success', description: 'Delete a saved template by ID; outputs {"success": true}' }),
		getById(templateById, { action: 'Get a template by ID with its name and text', description: 'Get one saved template by ID: its name, type and text' }),
		getManyByName(
			{ action: 'Get many templates filtered by name', description: 'List saved templates, optionally only those whose name matches' },
			'/templates',
			'templateFilters',
			{ all: 'Without filters, every saved template of the account is listed', placeholder: 'e.g. shipped', description: 'Only templates whose name matches this' },
		),
		updateById(
			templateById,
			{ action: 'Update a template by ID and return the updated template', description: 'Change the name, text or type of a saved template found by ID: only the fields added are sent' },
			'templateUpdateFields',
			templateFields,
			templateBody,
		),
	],
	'create',
);
