import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { givenFilters } from '../../shared/descriptions';
import { operationRequest } from '../../shared/fieldChecks';

/** Search and Sort, as Sakari's form lists take them (developer.sakari.io/api-reference/forms/fetch-all-lead-forms). */
export const formListFilters = (name: string, what: string): INodeProperties => ({
	displayName: 'Filters',
	name,
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description: `Without filters, every ${what} of the account is listed`,
	options: [
		{
			displayName: 'Search',
			name: 'q',
			type: 'string',
			default: '',
			placeholder: 'e.g. newsletter',
			description: `Only ${what}s matching this term (Sakari searches across several fields)`,
		},
		{
			displayName: 'Sort By',
			name: 'orderBy',
			type: 'string',
			default: '',
			placeholder: 'e.g. name',
			description: 'Passed to Sakari as orderBy; its reference does not list the values it takes',
		},
	],
});

export const getAllDescription = updateDisplayOptions({ show: { resource: ['leadForm'], operation: ['getAll'] } }, [
	formListFilters('leadFormFilters', 'lead form'),
]);

/** preSend of Lead Form → Get Many: the filters given. */
export const listLeadFormsRequest = operationRequest(function (options) {
	options.qs = givenFilters(this.getNodeParameter('leadFormFilters', {}) as IDataObject);
});
