import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { templateFields } from './fields';
import { templateLocator } from './locator';

const properties: INodeProperties[] = [
	templateLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent to Sakari',
		options: templateFields,
	},
];

export const updateDescription = updateDisplayOptions({ show: { resource: ['template'], operation: ['update'] } }, properties);
