import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { outputData, sendOne } from '../../shared/send';
import { FieldError, operationRequest, quote, text } from '../../shared/fieldChecks';
import type { Operation } from '../../shared/resource';
import { checkCsvAttributeNames, importInBulk } from './csvImport';
import { contactFields, mobileCountryField, mobileNumberField, optionalContactBody, toMobile } from './fields';

const MERGE_STRATEGIES = ['append', 'core', 'remove'];

const properties: INodeProperties[] = [
	mobileNumberField('mobileNumber', { required: true }),
	mobileCountryField('mobileCountry', { required: true }),
	{
		displayName: 'Merge Strategy',
		name: 'mergeStrategy',
		type: 'options',
		default: 'default',
		// Sakari's reference says only that this "determines how existing contacts with matching mobile numbers
		// are treated"; its help centre's bulk import page is the one public hint, quoted as a hint and no more.
		description:
			'How Sakari treats an existing contact with the same mobile number. Sakari\'s API reference does not say what each strategy does. The one public hint, from its help centre\'s bulk import page: an upload in the Sakari app appends to existing contacts by default, and a "Remove data not present in upload" option exists. "Sakari Default" sends none.',
		hint: 'Sent as the <code>mergeStrategy</code> query parameter of <a href="https://developer.sakari.io/api-reference/contacts/create-contact" target="_blank">Create contact</a>. Hint only: <a href="https://support.sakari.io/hc/en-us/articles/360038871612" target="_blank">Bulk importing contacts</a> (help centre)',
		options: [
			{
				name: 'Sakari Default',
				value: 'default',
				description: 'Send no merge strategy and let Sakari apply its own default',
			},
			{ name: 'Append', value: 'append', description: 'Send mergeStrategy=append' },
			{ name: 'Core', value: 'core', description: 'Send mergeStrategy=core' },
			{ name: 'Remove', value: 'remove', description: 'Send mergeStrategy=remove' },
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: contactFields,
	},
	{
		displayName: 'Import in Bulk',
		name: 'bulkImport',
		type: 'boolean',
		default: false,
		description:
			"Whether to upload the rows of a run together with Sakari's CSV contact import (one request per Rows per Upload) instead of one request per row. Each row still gets its own output item or error.",
		hint: 'Rows with List IDs are still created one by one: the CSV import has no lists column',
	},
	{
		displayName: 'Rows per Upload',
		name: 'bulkSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: 500,
		description: 'How many rows one CSV upload carries at most',
		displayOptions: { show: { bulkImport: [true] } },
	},
];

/** The merge strategy as the query Sakari expects: none for "Sakari Default". */
function mergeStrategyQuery(value: unknown): IDataObject {
	const strategy = text(value);
	if (strategy === 'default' || strategy === '') return {};
	if (!MERGE_STRATEGIES.includes(strategy)) {
		throw new FieldError('Merge Strategy', `${quote(strategy)} is not one of default, append, core, remove`);
	}
	return { mergeStrategy: strategy };
}

/** `POST /contacts?mergeStrategy=…` with one ContactRequest. */
const createContactRequest = operationRequest(function (options) {
	const mobile = toMobile(this.getNodeParameter('mobileNumber', ''), this.getNodeParameter('mobileCountry', ''));
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const body = { mobile, ...optionalContactBody(fields) };
	if (this.getNodeParameter('bulkImport', false) === true) checkCsvAttributeNames(body);
	options.body = body;
	options.qs = mergeStrategyQuery(this.getNodeParameter('mergeStrategy', 'default'));
});

/**
 * Contact → Create or Update: one JSON create per row, or with Import in Bulk the run's rows in CSV uploads.
 * Repeatable: Sakari merges contacts by mobile number, so a repeated create (or CSV import) updates the same contacts.
 */
export const create: Operation = {
	option: {
		// Sakari has no separate upsert: a create with a mobile number it knows merges into that contact.
		name: 'Create or Update',
		value: 'create',
		action: 'Create or update a contact by mobile number',
		description:
			'Create a Sakari contact from a mobile number, names, email, custom attributes and lists. Sakari identifies contacts by mobile number: if one exists with that number, Sakari merges these fields into it (see Merge Strategy) instead of creating a second one.',
		routing: {
			request: { method: 'POST', url: '/contacts' },
			send: { preSend: [createContactRequest] },
			output: { postReceive: [outputData] },
		},
	},
	fields: properties,
	send: async (context, requestData) =>
		context.getNodeParameter('bulkImport', false) === true ? await importInBulk(context, requestData) : await sendOne(context, requestData),
	repeatable: true,
};
