import { deleteById, getById } from '../../shared/commonOperations';
import { resource } from '../../shared/resource';
import { create } from './create';
import { getAll } from './getAll';
import { contactById } from './locator';
import { update } from './update';

export const contact = resource(
	{ name: 'Contact', value: 'contact', description: 'People you text, identified by mobile number' },
	[
		create,
		deleteById(contactById, { action: 'Delete a contact by ID and report success', description: 'Delete a Sakari contact by ID; outputs {"success": true}' }),
		getById(contactById, {
			action: 'Get a contact by ID with its number and attributes',
			description: 'Get one Sakari contact by ID: names, email, mobile number, attributes, lists and opt-out status',
		}),
		getAll,
		update,
	],
	'create',
);
