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

/** What an expression handed a field, as an error message names it. */
function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list (array)';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'number') return `the number ${String(value)}`;
	return `a ${typeof value}`;
}

/**
 * A text field's value as Sakari gets it, one rule for every operation, per row and in bulk: a number or a
 * boolean from an expression as text, a date as ISO 8601; nothing, or a blank (an empty cell of a sheet), as not
 * set; an object or an array refused, naming the field and what it got (`subject` names a part of the field).
 */
export function optionalText(value: unknown, field: string, subject = 'must be text'): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value.trim() === '' ? undefined : value;
	if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
	const date = value as { toISO?: () => string | null };
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
	if (typeof date.toISO === 'function') return date.toISO() ?? undefined;
	throw new FieldError(field, `${subject}, got ${kindOf(value)}`);
}

// Error messages quote at most this much of a value: a 40 kB paste must not become a 40 kB error.
const QUOTE_LIMIT = 60;

/** A value as an error message quotes it: in double quotes, cut short. */
export function quote(value: string): string {
	return value.length > QUOTE_LIMIT ? `"${value.slice(0, QUOTE_LIMIT)}…" (${value.length} characters)` : `"${value}"`;
}

/** A FieldError as the item's error: nothing was sent for it. */
export function fieldFailure(node: INode, itemIndex: number, error: FieldError): NodeOperationError {
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
		if (refusedRequests.has(options)) return options;
		// A preSend's error does not pass the request path's hook, which turns FieldErrors into item errors later on.
		try {
			return build.call(this, options) ?? options;
		} catch (error) {
			const failure = error instanceof FieldError ? fieldFailure(this.getNode(), this.getItemIndex(), error) : error;
			if (!(failure instanceof NodeOperationError) || !this.continueOnFail()) throw failure;
			// n8n's error item for a failed preSend has no pairedItem (an operation with several items per row then
			// loses the row): the request path fails the item instead, paired, before anything is sent.
			refusedRequests.set(options, failure);
			return options;
		}
	};
}

/** Requests a preSend refused while the node continues on fail; the request path (dispatch) fails their items. */
export const refusedRequests = new WeakMap<object, NodeOperationError>();

// Characters no Sakari ID contains; a control character or space in a URL path is never what the user meant.
const NOT_IN_AN_ID = /[\s\p{Cc}]/u;
const ID_LIMIT = 200;

/**
 * The ID of one object (a resource locator's or a text field's value), checked: `.` and `..` are refused, as
 * the URL parser would resolve them to the list or the account URL, and a Get, Update or Delete would reach
 * another endpoint. Encode it (encodeURIComponent) when it goes into a path.
 */
export function objectId(context: IExecuteSingleFunctions, parameter: string, field: string, hint: string): string {
	const id = optionalText(context.getNodeParameter(parameter, '', { extractValue: true }), field, 'must be an ID (text)')?.trim() ?? '';
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

/** Throws when every field added was blank (empty cells): a PUT of nothing would change nothing and look like success. */
export function requireValues(body: object, field: string): void {
	if (Object.keys(body).length === 0) throw new FieldError(field, 'nothing to change; every field added is empty, and an empty value is not sent');
}

// A date-time that names its zone: `Z` or an offset such as +02:00.
const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `utcMs`. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts: Record<string, number> = {};
	const format = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	});
	for (const { type, value } of format.formatToParts(new Date(utcMs))) parts[type] = Number(value);
	const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
	return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/**
 * A Date & Time field's value as an ISO 8601 instant in UTC. What n8n's date picker saves (`2024-05-01T09:00:00`,
 * or a date alone) has no zone and means that wall-clock time in the workflow's time zone; a value with `Z` or
 * an offset, a JavaScript Date or a Luxon DateTime (from an expression) is already an instant.
 */
export function instant(value: unknown, field: string, timeZone: string): string {
	const luxon = value as { toISO?: () => string | null } | null;
	const given = value instanceof Date ? value.toISOString() : typeof luxon?.toISO === 'function' ? luxon.toISO() : value;
	if (typeof given !== 'string') {
		throw new FieldError(field, `must be a date and time such as 2024-05-01T09:00:00, got ${typeof given === 'number' ? 'the number ' + String(given) : typeof given}`);
	}
	const typed = given.trim();
	const wall = WALL_TIME.exec(typed);
	let ms: number;
	if (ZONED.test(typed)) {
		ms = Date.parse(typed);
	} else if (wall) {
		const [year, month, day, hour, minute, second] = wall.slice(1, 7).map((part) => Number(part ?? 0));
		const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, Number((wall[7] ?? '').padEnd(3, '0')));
		const real = new Date(asUtc).getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
		// The offset at the wall time read as UTC, then at the instant that gives: right across DST changes.
		ms = real ? asUtc - zoneOffsetMs(asUtc - zoneOffsetMs(asUtc, timeZone), timeZone) : Number.NaN;
	} else {
		ms = Number.NaN;
	}
	if (Number.isNaN(ms)) throw new FieldError(field, `${quote(typed)} is not a date and time such as 2024-05-01T09:00:00`);
	return new Date(ms).toISOString();
}
