import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { operationRequest, requireChanges } from '../../shared/fieldChecks';
import { templateBody, templateFields } from './fields';
import { templateById } from './locator';

const properties: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'templateUpdateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent to Sakari',
		options: templateFields,
	},
];

export const updateDescription = updateDisplayOptions({ show: { resource: ['template'], operation: ['update'] } }, properties);

/** preSend of Template → Update: `PUT /templates/{id}` with only the fields added. */
export const updateTemplateRequest = operationRequest(function (options) {
	options.url = templateById.path(this);
	const fields = this.getNodeParameter('templateUpdateFields', {}) as IDataObject;
	requireChanges(fields, 'Update Fields');
	options.body = templateBody(fields, false);
});
