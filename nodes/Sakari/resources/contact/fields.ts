import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { COUNTRIES, COUNTRY_CODES } from '../../shared/countries';
import { FieldError, optionalText, quote, text } from '../../shared/fieldChecks';

// The fields below carry no `routing`: each operation's preSend reads them once and builds its body (a field
// with routing is read by n8n twice more per row). A transform of one field is defined right after it.

/** A mobile number field, under the operation's own parameter name (`overrides`: its required flag, its words). */
export const mobileNumberField = (name: string, overrides: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Mobile Number',
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. +13471234567',
	description:
		'The mobile number, best in E.164 format (+, country code, number). A national number such as (347) 123-4567 is read using Mobile Country.',
	...overrides,
});

/** The country a national mobile number is read with, under the operation's own parameter name. */
export const mobileCountryField = (name: string, overrides: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Mobile Country',
	name,
	type: 'options',
	default: 'US',
	description: 'The country of the mobile number (ISO 3166 alpha-2 code). Type to search by name.',
	options: COUNTRIES,
	...overrides,
});

const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/;

/**
 * Sakari's `mobile: {number, country}`: trimmed number of plausible length, upper-case ISO country. The number
 * is sent as typed (Sakari reads national formats with the country).
 */
export function toMobile(numberValue: unknown, countryValue: unknown): { number: string; country: string } {
	const number = optionalText(numberValue, 'Mobile Number')?.trim() ?? '';
	const country = text(countryValue).toUpperCase();
	if (!number) throw new FieldError('Mobile Number', 'is empty; enter a number such as +13471234567');
	if (number.length > 40 || !PHONE_CHARACTERS.test(number)) {
		throw new FieldError(
			'Mobile Number',
			`${quote(number)} may only contain digits, an optional leading +, spaces, dashes, dots and brackets`,
		);
	}
	const digits = number.replace(/\D/g, '').length;
	if (digits < 6 || digits > 15) {
		throw new FieldError('Mobile Number', `${quote(number)} has ${digits} digits; a phone number has 6 to 15`);
	}
	if (!country) throw new FieldError('Mobile Country', 'is empty; choose the country of the number, e.g. US');
	if (!COUNTRY_CODES.has(country)) {
		throw new FieldError('Mobile Country', `${quote(country)} is not an ISO 3166 alpha-2 country code such as US, GB or AU`);
	}
	return { number, country };
}

const attributesField: INodeProperties = {
	displayName: 'Attributes',
	name: 'attributes',
	type: 'fixedCollection',
	placeholder: 'Add Attribute',
	default: {},
	typeOptions: { multipleValues: true },
	description: 'Custom contact attributes. Define them in the Sakari app first (Contacts > Attributes).',
	options: [
		{
			displayName: 'Attribute',
			name: 'attribute',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. plan',
					description: "The attribute's name as defined in Sakari",
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. gold',
				},
			],
		},
	],
};

// n8n drops these keys from every object it copies, request bodies included: refused, never silently lost.
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

// The columns Sakari's CSV import reads as the contact's own fields (mobile and country required, first and last name
// and email core fields: support.sakari.io/hc/en-us/articles/360038871612); every other column is an attribute.
// Sakari's app matches column names loosely, so an attribute must not be one of them in any case.
export const CORE_COLUMNS = ['mobile', 'country', 'firstName', 'lastName', 'email'];

/**
 * Name/value pairs as Sakari's `attributes` object, the same per row and in bulk: a blank value is not set, a
 * number or boolean is text. Refused: a name given twice (one value would be lost) and the name of a core column
 * in any case (a CSV import would write it into the contact's own field, or refuse the whole upload).
 */
function toAttributes(value: unknown): IDataObject {
	const pairs = ((value as IDataObject | undefined)?.attribute ?? []) as IDataObject[];
	// A Map, not an object: names such as `constructor` or `__proto__` are ordinary attribute names here.
	const attributes = new Map<string, unknown>();
	for (const [index, pair] of pairs.entries()) {
		const name = optionalText(pair.name, 'Attributes', `attribute ${index + 1}'s name must be text`)?.trim();
		if (!name) throw new FieldError('Attributes', `attribute ${index + 1} has no name`);
		if (RESERVED_NAMES.has(name)) {
			throw new FieldError('Attributes', `${quote(name)} is a name n8n cannot send (it drops __proto__, constructor and prototype)`);
		}
		if (CORE_COLUMNS.some((column) => column.toLowerCase() === name.toLowerCase())) {
			throw new FieldError(
				'Attributes',
				`${quote(name)} is the name of a contact field (${CORE_COLUMNS.join(', ')}, in any case): Sakari's CSV import would read it as that field, not as an attribute. Use First Name, Last Name or Email for those, or rename the attribute.`,
			);
		}
		if (attributes.has(name)) throw new FieldError('Attributes', `${quote(name)} is given more than once`);
		const given = optionalText(pair.value, 'Attributes', `the value of ${quote(name)} must be text`);
		if (given !== undefined) attributes.set(name, given);
	}
	return Object.fromEntries(attributes) as IDataObject;
}

const emailField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	default: '',
	placeholder: 'name@email.com',
};

/** One @, no spaces, a dot inside the domain; checked in linear time and at most 254 characters (RFC 5321). */
function toEmail(email: string): string {
	const at = email.indexOf('@');
	const domain = email.slice(at + 1);
	const dot = domain.lastIndexOf('.');
	const valid =
		email.length <= 254 && at > 0 && at === email.lastIndexOf('@') && !/\s/.test(email) && dot > 0 && dot < domain.length - 1;
	if (!valid) throw new FieldError('Email', `${quote(email)} is not a valid email address`);
	return email;
}

const listsField: INodeProperties = {
	displayName: 'List IDs',
	name: 'lists',
	type: 'string',
	default: '',
	placeholder: 'e.g. 6242a1b0c3, 6242a1b0c4',
	description: 'Comma-separated IDs of the Sakari lists to add the contact to',
};

/** Comma-separated list IDs (or an array from an expression) as Sakari's `lists: [{ id }]`. */
function toLists(value: unknown): IDataObject[] {
	const ids = Array.isArray(value)
		? value.map((id) => optionalText(id, 'List IDs', 'each ID must be text') ?? '')
		: (optionalText(value, 'List IDs', 'must be text or a list of IDs') ?? '').split(',');
	return ids
		.map((id) => id.trim())
		.filter((id) => id !== '')
		.map((id) => ({ id }));
}

/** Optional contact fields, shared by Create (Additional Fields) and Update (Update Fields). */
export const contactFields: INodeProperties[] = [
	attributesField,
	emailField,
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', placeholder: 'e.g. Ada' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', placeholder: 'e.g. Lovelace' },
	listsField,
];

/**
 * The optional part of a ContactRequest from Additional/Update Fields: only what the user added and filled, each
 * field checked and in Sakari's shape. A blank value (an empty cell) is a field not set, as a missing one is.
 */
export function optionalContactBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	const firstName = optionalText(fields.firstName, 'First Name');
	const lastName = optionalText(fields.lastName, 'Last Name');
	const email = optionalText(fields.email, 'Email');
	if (firstName !== undefined) body.firstName = firstName;
	if (lastName !== undefined) body.lastName = lastName;
	if (email !== undefined) body.email = toEmail(email.trim());
	if (fields.attributes !== undefined) {
		const attributes = toAttributes(fields.attributes);
		if (Object.keys(attributes).length > 0) body.attributes = attributes;
	}
	const lists = fields.lists === undefined ? [] : toLists(fields.lists);
	if (lists.length > 0) body.lists = lists;
	return body;
}
