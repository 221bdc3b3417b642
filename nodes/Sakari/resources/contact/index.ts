import type { INodeProperties } from 'n8n-workflow';

import { outputData, outputSuccess } from '../../shared/envelope';
import { objectPath } from '../../shared/descriptions';
import { sakariListRequest } from '../../shared/request';
import { omitBlankFilters, requireId, validateContactUpdate, validateNewContact } from '../../shared/validation';
import { createDescription } from './create';
import { deleteDescription } from './delete';
import { getDescription } from './get';
import { getAllDescription } from './getAll';
import { updateDescription } from './update';

const showOnlyForContacts = { resource: ['contact'] };
const contactPath = objectPath('contacts', 'contactId');

export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForContacts },
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
					send: { preSend: [validateNewContact] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a contact',
				description: 'Delete a Sakari contact by ID; outputs {"success": true}',
				routing: {
					request: { method: 'DELETE', url: contactPath },
					send: { preSend: [requireId('contactId', 'Contact')] },
					output: { postReceive: [outputSuccess] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a contact',
				description: "Get one Sakari contact by ID: names, email, mobile number, attributes, lists and opt-out status",
				routing: {
					request: { method: 'GET', url: contactPath },
					send: { preSend: [requireId('contactId', 'Contact')] },
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
					send: { preSend: [omitBlankFilters] },
					operations: { pagination: sakariListRequest },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a contact',
				description: 'Change a Sakari contact found by ID: only the fields added under Update Fields are sent',
				routing: {
					request: { method: 'PUT', url: contactPath },
					send: { preSend: [requireId('contactId', 'Contact'), validateContactUpdate] },
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
