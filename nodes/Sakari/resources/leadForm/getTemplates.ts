import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { givenFilters } from '../../shared/descriptions';
import { operationRequest } from '../../shared/fieldChecks';
import { formListFilters } from './getAll';

export const getTemplatesDescription = updateDisplayOptions({ show: { resource: ['leadForm'], operation: ['getTemplates'] } }, [
	formListFilters('leadFormTemplateFilters', 'lead form template'),
]);

/** preSend of Lead Form → Get Templates (developer.sakari.io/api-reference/forms/fetch-all-lead-form-templates). */
export const listLeadFormTemplatesRequest = operationRequest(function (options) {
	options.qs = givenFilters(this.getNodeParameter('leadFormTemplateFilters', {}) as IDataObject);
});
