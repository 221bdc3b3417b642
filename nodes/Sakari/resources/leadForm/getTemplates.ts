import { listFiltered } from '../../shared/commonOperations';
import { formListFilters } from './getAll';

/** Lead Form → Get Templates: `GET /forms/templates` page by page (developer.sakari.io/api-reference/forms/fetch-all-lead-form-templates). */
export const getTemplates = listFiltered(
	{ name: 'Get Templates', value: 'getTemplates', action: 'Get lead form templates filtered by search term', description: 'List the form templates a new lead form can copy' },
	'/forms/templates',
	formListFilters('leadFormTemplateFilters', 'lead form template'),
);
