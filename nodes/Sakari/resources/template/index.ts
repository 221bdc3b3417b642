import type { INodeProperties } from 'n8n-workflow';

import { objectPath } from '../../shared/descriptions';
import { outputData, outputSuccess } from '../../shared/envelope';
import { sakariListRequest } from '../../shared/request';
import { omitBlankFilters, requireId, validateNewTemplate, validateTemplateUpdate } from '../../shared/validation';
import { createDescription } from './create';
import { deleteDescription } from './delete';
import { getDescription } from './get';
import { getAllDescription } from './getAll';
import { updateDescription } from './update';

const templatePath = objectPath('templates', 'templateId');
const requireTemplate = requireId('templateId', 'Template');

export const templateDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a template',
				description: 'Save a reusable message text under a name, with Sakari placeholders such as {{{firstName}}}',
				routing: {
					request: { method: 'POST', url: '/templates' },
					send: { preSend: [validateNewTemplate] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a template',
				description: 'Delete a saved template by ID; outputs {"success": true}',
				routing: {
					request: { method: 'DELETE', url: templatePath },
					send: { preSend: [requireTemplate] },
					output: { postReceive: [outputSuccess] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a template',
				description: 'Get one saved template by ID: its name, type and text',
				routing: {
					request: { method: 'GET', url: templatePath },
					send: { preSend: [requireTemplate] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many templates',
				description: 'List saved templates, optionally only those whose name matches',
				routing: {
					request: { method: 'GET', url: '/templates' },
					send: { preSend: [omitBlankFilters] },
					operations: { pagination: sakariListRequest },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a template',
				description: 'Change the name, text or type of a saved template found by ID: only the fields added are sent',
				routing: {
					request: { method: 'PUT', url: templatePath },
					send: { preSend: [requireTemplate, validateTemplateUpdate] },
					output: { postReceive: [outputData] },
				},
			},
		],
		default: 'create',
	},
	...createDescription,
	...deleteDescription,
	...getDescription,
	...getAllDescription,
	...updateDescription,
];
