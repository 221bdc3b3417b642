import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { objectLocator } from '../../shared/descriptions';
import { objectId } from '../../shared/fieldChecks';

const locator = {
	name: 'contactId',
	displayName: 'Contact',
	searchListMethod: 'searchContacts',
	idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d0',
};

/** The contact Get, Update and Delete work on (one parameter for all three): searchable, or given by ID. */
export const contactIdField = {
	...objectLocator({
		...locator,
		description: 'The Sakari contact. Search by first name, "first last", email or mobile number, or enter its ID.',
	}),
	displayOptions: { show: { resource: ['contact'], operation: ['get', 'update', 'delete'] } },
};

/** A contact picker for another resource's operation, under that operation's own parameter name. */
export const contactLocator = (name: string, description: string) => objectLocator({ ...locator, name, description });

/** `/contacts/{id}` of the contact picked in Contact ID. */
export function contactPath(context: IExecuteSingleFunctions): string {
	return `/contacts/${encodeURIComponent(objectId(context, 'contactId', 'Contact', 'pick a contact from the list or enter its ID'))}`;
}
