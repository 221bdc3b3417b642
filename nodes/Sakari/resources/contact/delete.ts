import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from './locator';

const properties: INodeProperties[] = [contactLocator];

export const deleteDescription = updateDisplayOptions({ show: { resource: ['contact'], operation: ['delete'] } }, properties);
