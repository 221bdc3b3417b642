import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { templateFields } from './fields';

// Name and text are required to create a template; the type defaults to SMS.
const properties: INodeProperties[] = templateFields.map((field) =>
	field.name === 'type' ? field : { ...field, required: true },
);

export const createDescription = updateDisplayOptions({ show: { resource: ['template'], operation: ['create'] } }, properties);
