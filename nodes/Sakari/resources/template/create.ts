import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { operationRequest } from '../../shared/fieldChecks';
import { templateBody, templateFields } from './fields';

// Name and text are required to create a template; the type defaults to SMS.
const properties: INodeProperties[] = templateFields.map((field) =>
	field.name === 'type' ? field : { ...field, required: true },
);

export const createDescription = updateDisplayOptions({ show: { resource: ['template'], operation: ['create'] } }, properties);

/** preSend of Template → Create: `POST /templates` with a name, a text and a type. */
export const createTemplateRequest = operationRequest(function (options) {
	options.body = templateBody(
		{
			name: this.getNodeParameter('name', ''),
			template: this.getNodeParameter('template', ''),
			type: this.getNodeParameter('type', 'SMS'),
		},
		true,
	);
});
