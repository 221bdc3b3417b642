import { objectById, objectLocator } from '../../shared/descriptions';
import { outputData } from '../../shared/send';
import { operationRequest } from '../../shared/fieldChecks';
import type { Operation } from '../../shared/resource';

/** The lead form an operation works on: searchable by name, or given by ID. */
export const leadFormById = objectById({
	name: 'leadFormId',
	displayName: 'Lead Form',
	searchListMethod: 'searchLeadForms',
	idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9e1',
	description: 'The Sakari lead form. Search by name, or enter its ID.',
	collection: 'forms',
	// `GET /forms/templates` lists the form templates: a form ID "templates" would reach that list instead.
	notIds: ['templates'],
});

/** An operation that puts one part of the lead form: `PUT /forms/{id}/{part}`, e.g. `activate`; outputs the form. */
export const putPart = (part: string, option: Pick<Operation['option'], 'name' | 'action' | 'description'>): Operation => ({
	option: {
		...option,
		value: part,
		routing: {
			request: { method: 'PUT' },
			send: {
				preSend: [
					operationRequest(function (options) {
						options.url = `${leadFormById.path(this)}/${part}`;
					}),
				],
			},
			output: { postReceive: [outputData] },
		},
	},
	fields: [leadFormById.locator],
});

/** The form template a new lead form copies (optional): searchable by name, or given by ID. */
export const leadFormTemplate = {
	...objectLocator({
		name: 'leadFormTemplate',
		displayName: 'Copy Template',
		searchListMethod: 'searchLeadFormTemplates',
		idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9e2',
		description: 'A lead form template of the account for the new form to copy. Leave empty for a blank form.',
	}),
	required: false,
};
