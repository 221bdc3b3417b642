import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { COUNTRY_CODES } from './countries';

/** A problem with one field, found before anything is sent to Sakari. */
export class FieldError extends Error {
	constructor(
		readonly field: string,
		problem: string,
	) {
		super(`${field}: ${problem}`);
	}
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/;

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

function normalizeMobile(mobile: IDataObject, required: boolean): IDataObject | undefined {
	const number = text(mobile.number);
	const country = text(mobile.country).toUpperCase();
	if (!number && !required && mobile.number === undefined) {
		// A country alone would be dropped silently: it only means something with a number.
		if (country) throw new FieldError('Mobile Number', 'is empty; a Mobile Country is only sent with a Mobile Number');
		return undefined;
	}
	if (!number) throw new FieldError('Mobile Number', 'is empty; enter a number such as +13471234567');
	if (!PHONE_CHARACTERS.test(number)) {
		throw new FieldError('Mobile Number', `"${number}" may only contain digits, an optional leading +, spaces, dashes, dots and brackets`);
	}
	const digits = number.replace(/\D/g, '').length;
	if (digits < 6 || digits > 15) {
		throw new FieldError('Mobile Number', `"${number}" has ${digits} digits; a phone number has 6 to 15`);
	}
	if (!country) throw new FieldError('Mobile Country', 'is empty; choose the country of the number, e.g. US');
	if (!COUNTRY_CODES.has(country)) {
		throw new FieldError('Mobile Country', `"${country}" is not an ISO 3166 alpha-2 country code such as US, GB or AU`);
	}
	return { ...mobile, number, country };
}

function normalizeAttributes(attributes: unknown): IDataObject {
	const pairs = ((attributes as IDataObject | undefined)?.attribute ?? []) as IDataObject[];
	const result: IDataObject = {};
	for (const [index, pair] of pairs.entries()) {
		const name = text(pair.name);
		if (!name) throw new FieldError('Attributes', `attribute ${index + 1} has no name`);
		// Two values for one name would silently lose one of them.
		if (name in result) throw new FieldError('Attributes', `"${name}" is given more than once`);
		result[name] = (pair.value ?? '') as IDataObject[string];
	}
	return result;
}

function normalizeLists(lists: unknown): IDataObject[] {
	const ids = Array.isArray(lists) ? lists.map(text) : text(lists).split(',');
	return ids.map((id) => id.trim()).filter((id) => id !== '').map((id) => ({ id }));
}

/**
 * Checks and tidies a ContactRequest body built from the node's fields: trimmed mobile number, upper-case
 * country, a plausible email, attributes as an object and list IDs as `[{ id }]`.
 */
export function normalizeContactBody(body: IDataObject, { mobileRequired }: { mobileRequired: boolean }): IDataObject {
	const result: IDataObject = { ...body };
	const mobile = normalizeMobile((body.mobile ?? {}) as IDataObject, mobileRequired);
	if (mobile) result.mobile = mobile;
	else delete result.mobile;
	if (body.email !== undefined) {
		const email = text(body.email);
		if (!EMAIL.test(email)) throw new FieldError('Email', `"${email}" is not a valid email address`);
		result.email = email;
	}
	if (body.attributes !== undefined) result.attributes = normalizeAttributes(body.attributes);
	if (body.lists !== undefined) result.lists = normalizeLists(body.lists);
	return result;
}

type BodyCheck = (this: IExecuteSingleFunctions, body: IDataObject) => IDataObject;

/** A preSend that checks and tidies the request body, failing the item before anything is sent. */
function checkBody(check: BodyCheck) {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		try {
			options.body = check.call(this, (options.body ?? {}) as IDataObject);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), error as Error, {
				itemIndex: this.getItemIndex(),
				description: 'Nothing was sent to Sakari for this item.',
			});
		}
		return options;
	};
}

function requireChanges(body: IDataObject, field: string): void {
	if (Object.keys(body).length === 0) throw new FieldError(field, 'nothing to change; add at least one field');
}

/** preSend for Contact → Create: the mobile number is required. */
export const validateNewContact = checkBody((body) => normalizeContactBody(body, { mobileRequired: true }));

/** preSend for Contact → Update: every field is optional, but what is given must be valid, and something must be. */
export const validateContactUpdate = checkBody((body) => {
	requireChanges(body, 'Update Fields');
	return normalizeContactBody(body, { mobileRequired: false });
});

/**
 * preSend for operations on one object: its ID (a resource locator's value) must not be empty, or the
 * request would go to the list URL instead (`/contacts/` lists contacts).
 */
export function requireId(parameter: string, field: string, hint = `pick a ${field.toLowerCase()} from the list or enter its ID`) {
	return checkBody(function (body) {
		const id = text(this.getNodeParameter(parameter, '', { extractValue: true }));
		if (!id) throw new FieldError(field, `is empty; ${hint}`);
		return body;
	});
}

const HTTP_URL = /^https?:\/\/[^\s/]+\S*$/i;

function normalizeMedia(media: unknown): IDataObject[] {
	const urls = (Array.isArray(media) ? media.map(text) : text(media).split(/[\s,]+/)).filter((url) => url !== '');
	for (const url of urls) {
		if (!HTTP_URL.test(url)) throw new FieldError('Media URLs', `"${url}" is not an http(s) URL`);
	}
	return urls.map((url) => ({ url }));
}

/**
 * preSend for Message → Send: one recipient (a mobile number, a contact ID or a conversation ID), a message
 * that is not blank (sent verbatim: Sakari fills its {{{placeholders}}}), media URLs as `[{ url }]`.
 */
export const validateMessageSend = checkBody((body) => {
	const result: IDataObject = { ...body };
	const [contact] = (body.contacts ?? []) as IDataObject[];
	if (contact?.mobile !== undefined) {
		result.contacts = [{ ...contact, mobile: normalizeMobile(contact.mobile as IDataObject, true) }];
	} else if (contact !== undefined) {
		const id = text(contact.id);
		if (!id) throw new FieldError('Contact', 'is empty; pick a contact from the list or enter its ID');
		result.contacts = [{ id }];
	}
	if (body.conversations !== undefined) {
		const id = text((body.conversations as unknown[])[0]);
		if (!id) throw new FieldError('Conversation', 'is empty; pick a conversation from the list or enter its ID');
		result.conversations = [id];
	}
	if (typeof body.template !== 'string' || body.template.trim() === '') {
		throw new FieldError('Message', 'is empty; enter the text to send, e.g. Hi {{{firstName}}}');
	}
	if (body.media !== undefined) {
		const media = normalizeMedia(body.media);
		if (media.length) result.media = media;
		else delete result.media;
	}
	const group = ((body.phoneNumberFilter as IDataObject | undefined)?.group ?? {}) as IDataObject;
	if (body.phoneNumberFilter !== undefined) {
		const id = text(group.id);
		if (id) result.phoneNumberFilter = { group: { id } };
		else delete result.phoneNumberFilter;
	}
	return result;
});

function normalizeTemplateBody(body: IDataObject, creating: boolean): IDataObject {
	const result: IDataObject = { ...body };
	if (creating || body.name !== undefined) {
		const name = text(body.name);
		if (!name) throw new FieldError('Name', 'is empty; give the template a name, e.g. Order shipped');
		result.name = name;
	}
	if ((creating || body.template !== undefined) && text(body.template) === '') {
		throw new FieldError('Template', 'is empty; enter the template text, e.g. Hi {{{firstName}}}');
	}
	return result;
}

/** preSend for Template → Create: a name and a text. */
export const validateNewTemplate = checkBody((body) => normalizeTemplateBody(body, true));

/** preSend for Template → Update: what is given must not be blank, and something must be given. */
export const validateTemplateUpdate = checkBody((body) => {
	requireChanges(body, 'Update Fields');
	return normalizeTemplateBody(body, false);
});

/** preSend for Get Many: a filter added but left blank is not sent (Sakari would match it against everything). */
export async function omitBlankFilters(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const query: IDataObject = {};
	for (const [key, value] of Object.entries((options.qs ?? {}) as IDataObject)) {
		const given = typeof value === 'string' ? value.trim() : value;
		if (given !== '' && given !== undefined && given !== null) query[key] = given;
	}
	options.qs = query;
	return options;
}
