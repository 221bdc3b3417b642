import type { IExecuteSingleFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A problem with one field, found before anything is sent to Sakari. */
export class FieldError extends Error {
	constructor(
		readonly field: string,
		problem: string,
	) {
		super(`${field}: ${problem}`);
	}
}

export function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

// Error messages quote at most this much of a value: a 40 kB paste must not become a 40 kB error.
const QUOTE_LIMIT = 60;

/** A value as an error message quotes it: in double quotes, cut short. */
export function quote(value: string): string {
	return value.length > QUOTE_LIMIT ? `"${value.slice(0, QUOTE_LIMIT)}…" (${value.length} characters)` : `"${value}"`;
}

/** A FieldError as the item's error (other errors pass through unchanged). */
export function fieldFailure(node: INode, itemIndex: number, error: unknown): unknown {
	if (!(error instanceof FieldError)) return error;
	return new NodeOperationError(node, error, { itemIndex, description: 'Nothing was sent to Sakari for this item.' });
}

/**
 * An operation's preSend: builds the request from the item's parameters (one read each, which is what a row
 * costs in n8n) and turns a FieldError into the item's error before anything is sent.
 */
export function operationRequest(
	build: (this: IExecuteSingleFunctions, options: IHttpRequestOptions) => IHttpRequestOptions | void,
) {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		try {
			return build.call(this, options) ?? options;
		} catch (error) {
			throw fieldFailure(this.getNode(), this.getItemIndex(), error);
		}
	};
}

// Characters no Sakari ID contains; a control character or space in a URL path is never what the user meant.
const NOT_IN_AN_ID = /[\s\p{Cc}]/u;
const ID_LIMIT = 200;

/**
 * The ID of one object (a resource locator's or a text field's value), checked: `.` and `..` are refused, as
 * the URL parser would resolve them to the list or the account URL, and a Get, Update or Delete would reach
 * another endpoint. Encode it (encodeURIComponent) when it goes into a path.
 */
export function objectId(context: IExecuteSingleFunctions, parameter: string, field: string, hint: string): string {
	const value = context.getNodeParameter(parameter, '', { extractValue: true });
	const id = text(value);
	if (!id) throw new FieldError(field, `is empty; ${hint}`);
	if (id === '.' || id === '..') throw new FieldError(field, `${quote(id)} is not an ID; ${hint}`);
	if (id.length > ID_LIMIT) throw new FieldError(field, `${quote(id)} is too long for an ID (at most ${ID_LIMIT} characters)`);
	if (NOT_IN_AN_ID.test(id)) throw new FieldError(field, `${quote(id)} contains spaces or control characters; an ID has none`);
	return id;
}

/** A whole number within bounds, from a field that an expression may have filled with anything. */
export function wholeNumber(value: unknown, field: string, { min, max }: { min: number; max: number }): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		const given = typeof value === 'string' ? quote(value) : String(value);
		throw new FieldError(field, `must be a whole number from ${min} to ${max}, got ${given}`);
	}
	return number;
}

/** Throws when an update would send nothing. */
export function requireChanges(body: object, field: string): void {
	if (Object.keys(body).length === 0) throw new FieldError(field, 'nothing to change; add at least one field');
}
