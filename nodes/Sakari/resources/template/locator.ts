import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { objectLocator } from '../../shared/descriptions';
import { objectId } from '../../shared/fieldChecks';

/** The template Get, Update and Delete work on (one parameter for all three): searchable by name, or by ID. */
export const templateIdField = {
	...objectLocator({
		name: 'templateId',
		displayName: 'Template',
		searchListMethod: 'searchTemplates',
		idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d4',
		description: 'The saved Sakari message template. Search by name, or enter its ID.',
	}),
	displayOptions: { show: { resource: ['template'], operation: ['get', 'update', 'delete'] } },
};

/** `/templates/{id}` of the template picked in Template. */
export function templatePath(context: IExecuteSingleFunctions): string {
	return `/templates/${encodeURIComponent(objectId(context, 'templateId', 'Template', 'pick a template from the list or enter its ID'))}`;
}
