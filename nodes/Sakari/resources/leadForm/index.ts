import type { INodeProperties } from 'n8n-workflow';

import { outputData, outputSuccess } from '../../shared/envelope';
import type { OperationHandlers } from '../../shared/dispatch';
import { sendPages } from '../../shared/send';
import { createDescription, createLeadForm, createLeadFormRequest } from './create';
import { nameDescription } from './fields';
import { getAllDescription, listLeadFormsRequest } from './getAll';
import { getTemplatesDescription, listLeadFormTemplatesRequest } from './getTemplates';
import { leadFormById, leadFormPart } from './locator';
import { periodDescription, periodRequest } from './period';
import { updateLeadFormRequest } from './update';

// Every path and shape: developer.sakari.io/api-reference/forms/* (summary: mindcloud-inc/universal-api-reference
// › apis/s/sakariSMS/native-api/).
export const leadFormDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['leadForm'] } },
		options: [
			{
				name: 'Activate',
				value: 'activate',
				action: 'Activate a lead form',
				description: 'Put a lead form live, so it collects sign-ups; outputs the form with the time it went live (active)',
				routing: {
					request: { method: 'PUT' },
					send: { preSend: [leadFormPart('activate')] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a lead form',
				description: 'Create a lead form by name, blank or as a copy of a form template; sent once, never repeated',
				routing: {
					// createLeadForm sends it and shapes the answer.
					request: { method: 'POST', url: '/forms' },
					send: { preSend: [createLeadFormRequest] },
				},
			},
			{
				name: 'Deactivate',
				value: 'deactivate',
				action: 'Deactivate a lead form',
				description: 'Take a lead form offline, so it stops collecting sign-ups',
				routing: {
					request: { method: 'PUT' },
					send: { preSend: [leadFormPart('deactivate')] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a lead form',
				description: 'Delete a lead form by ID; outputs {"success": true}',
				routing: {
					request: { method: 'DELETE' },
					send: { preSend: [leadFormById.request] },
					output: { postReceive: [outputSuccess] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a lead form',
				description: 'Get one lead form by ID: its name, whether it is live, impressions and conversions',
				routing: {
					request: { method: 'GET' },
					send: { preSend: [leadFormById.request] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Get Analytics',
				value: 'getAnalytics',
				action: 'Get analytics of a lead form',
				description: "A lead form's impressions and conversions over a period, with Sakari's breakdown by date",
				routing: {
					request: { method: 'GET' },
					send: { preSend: [periodRequest('analytics')] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Get Conversions',
				value: 'getConversions',
				action: 'Get conversions of a lead form',
				description: 'The sign-ups a lead form collected over a period: one item each, with the contact and the fields submitted',
				routing: {
					request: { method: 'GET' },
					send: { preSend: [periodRequest('conversions')] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many lead forms',
				description: 'List lead forms, optionally only those matching a search term',
				routing: {
					request: { method: 'GET', url: '/forms' },
					send: { preSend: [listLeadFormsRequest] },
				},
			},
			{
				name: 'Get Templates',
				value: 'getTemplates',
				action: 'Get lead form templates',
				description: 'List the form templates a new lead form can copy',
				routing: {
					request: { method: 'GET', url: '/forms/templates' },
					send: { preSend: [listLeadFormTemplatesRequest] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a lead form',
				description: 'Rename a lead form found by ID',
				routing: {
					request: { method: 'PUT' },
					send: { preSend: [updateLeadFormRequest] },
					output: { postReceive: [outputData] },
				},
			},
		],
		default: 'create',
	},
	leadFormById.field,
	...nameDescription,
	...createDescription,
	...periodDescription,
	...getAllDescription,
	...getTemplatesDescription,
];

/** How Lead Form operations send, beyond one request per item, and whether a create may be repeated. */
export const leadFormRequests: OperationHandlers = {
	// A repeated create would make a second form.
	create: { send: createLeadForm, repeatable: false },
	getAll: { send: sendPages },
	getConversions: { send: sendPages },
	getTemplates: { send: sendPages },
};
