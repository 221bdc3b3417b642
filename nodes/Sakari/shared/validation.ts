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
	if (!number && !required && mobile.number === undefined) return undefined;
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

function contactPreSend(mobileRequired: boolean) {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		try {
			options.body = normalizeContactBody((options.body ?? {}) as IDataObject, { mobileRequired });
		} catch (error) {
			throw new NodeOperationError(this.getNode(), error as Error, {
				itemIndex: this.getItemIndex(),
				description: 'Nothing was sent to Sakari for this item.',
			});
		}
		return options;
	};
}

/** preSend for Contact → Create: the mobile number is required. */
export const validateNewContact = contactPreSend(true);

/** preSend for Contact → Update: every field is optional, but what is given must be valid. */
export const validateContactUpdate = contactPreSend(false);
