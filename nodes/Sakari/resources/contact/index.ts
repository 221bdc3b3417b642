import type { INodeProperties } from 'n8n-workflow';

import { outputData, outputSuccess } from '../../shared/envelope';
import type { OperationHandlers } from '../../shared/dispatch';
import { sendPages } from '../../shared/send';
import { createContactRequest, createDescription } from './create';
import { getAllDescription, listContactsRequest } from './getAll';
import { sendContactCreate } from './import';
import { contactById } from './locator';
import { updateContactRequest, updateDescription } from './update';

export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				// Sakari has no separate upsert: a create with a mobile number it knows merges into that contact.
				name: 'Create or Update',
				value: 'create',
				action: 'Create or update a contact',
				description:
					'Create a Sakari contact from a mobile number, names, email, custom attributes and lists. Sakari identifies contacts by mobile number: if one exists with that number, Sakari merges these fields into it (see Merge Strategy) instead of creating a second one.',
				routing: {
					request: { method: 'POST', url: '/contacts' },
					send: { preSend: [createContactRequest] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a contact',
				description: 'Delete a Sakari contact by ID; outputs {"success": true}',
				routing: {
					request: { method: 'DELETE' },
					send: { preSend: [contactById.request] },
					output: { postReceive: [outputSuccess] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a contact',
				description: "Get one Sakari contact by ID: names, email, mobile number, attributes, lists and opt-out status",
				routing: {
					request: { method: 'GET' },
					send: { preSend: [contactById.request] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many contacts',
				description: 'List Sakari contacts, optionally filtered by first name, last name, email, mobile number or tags',
				routing: {
					request: { method: 'GET', url: '/contacts' },
					send: { preSend: [listContactsRequest] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a contact',
				description: 'Change a Sakari contact found by ID: only the fields added under Update Fields are sent',
				routing: {
					request: { method: 'PUT' },
					send: { preSend: [updateContactRequest] },
					output: { postReceive: [outputData] },
				},
			},
		],
		default: 'create',
	},
	...createDescription,
	contactById.field,
	...updateDescription,
	...getAllDescription,
];

/** How Contact operations send, beyond one request per item, and whether a create may be repeated. */
export const contactRequests: OperationHandlers = {
	// Sakari merges contacts by mobile number, so a repeated create (or CSV import) updates the same contacts.
	create: { send: sendContactCreate, repeatable: true },
	getAll: { send: sendPages },
};
