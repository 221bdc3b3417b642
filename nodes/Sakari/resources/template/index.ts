import type { INodeProperties } from 'n8n-workflow';

import { outputData, outputSuccess } from '../../shared/envelope';
import type { OperationHandlers } from '../../shared/dispatch';
import { sendPages } from '../../shared/send';
import { createDescription, createTemplateRequest } from './create';
import { getAllDescription, listTemplatesRequest } from './getAll';
import { templateById } from './locator';
import { updateDescription, updateTemplateRequest } from './update';

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
					send: { preSend: [createTemplateRequest] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a template',
				description: 'Delete a saved template by ID; outputs {"success": true}',
				routing: {
					request: { method: 'DELETE' },
					send: { preSend: [templateById.request] },
					output: { postReceive: [outputSuccess] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a template',
				description: 'Get one saved template by ID: its name, type and text',
				routing: {
					request: { method: 'GET' },
					send: { preSend: [templateById.request] },
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
					send: { preSend: [listTemplatesRequest] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a template',
				description: 'Change the name, text or type of a saved template found by ID: only the fields added are sent',
				routing: {
					request: { method: 'PUT' },
					send: { preSend: [updateTemplateRequest] },
					output: { postReceive: [outputData] },
				},
			},
		],
		default: 'create',
	},
	...createDescription,
	templateById.field,
	...updateDescription,
	...getAllDescription,
];

/** How Template operations send, beyond one request per item, and whether a create may be repeated. */
export const templateRequests: OperationHandlers = {
	// A repeated create would save a second template.
	create: { repeatable: false },
	getAll: { send: sendPages },
};
