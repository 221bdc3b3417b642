import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { templateLocator } from './locator';

const properties: INodeProperties[] = [templateLocator];

export const deleteDescription = updateDisplayOptions({ show: { resource: ['template'], operation: ['delete'] } }, properties);
