// A failed request read (status, Sakari's code and message, Retry-After, network code) and turned into the
// NodeApiError a user sees: Sakari's words first, a hint on what to do, nothing secret.
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MAX_SERVER_TEXT, redactServerText } from './redact';
import { parseRetryAfter } from './retryPolicy';

/** The one wording for an answer that is not Sakari's JSON envelope (a cut-off body, an HTML error page). */
export const NOT_JSON_MESSAGE = 'Sakari answered with something that is not the JSON it promises';

/** What a failed Sakari request looked like, read off whatever n8n's HTTP helpers threw. */
export interface FailedRequest {
	status?: number;
	/** Sakari's error envelope `{ code, message }`, when the answer had one. */
	code?: string;
	message?: string;
	retryAfterMs?: number;
	/** Node's network error code (ECONNRESET, ETIMEDOUT, ...) when no answer arrived. */
	networkCode?: string;
	/** The answer arrived but was not the JSON envelope Sakari promises. */
	malformed?: boolean;
}

interface ErrorLike {
	httpCode?: string | null;
	message?: string;
	code?: string;
	context?: { data?: unknown; sakari?: FailedRequest };
	cause?: ErrorLike & { response?: ResponseLike; status?: number };
	response?: ResponseLike;
	/** The request that failed (axios `config`, n8n's request options): it holds the Authorization header. */
	config?: { headers?: Record<string, unknown> };
	options?: { headers?: Record<string, unknown> };
}

interface ResponseLike {
	status?: number;
	headers?: Record<string, unknown>;
	data?: unknown;
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

/** The bearer token (or other Authorization value) the failed request carried, read off n8n's error. */
function sentCredentials(error: unknown): string[] {
	const found: string[] = [];
	for (let current = error as ErrorLike | undefined, depth = 0; current && depth < 4; current = current.cause, depth++) {
		const headers = current.config?.headers ?? current.options?.headers;
		const value = header(headers, 'authorization');
		if (typeof value === 'string') found.push(value, value.replace(/^\w+\s+/, ''));
	}
	return found;
}

function header(headers: Record<string, unknown> | undefined, name: string): unknown {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

function envelopeError(data: unknown): { code?: string; message?: string } {
	if (typeof data === 'string') {
		try {
			return envelopeError(JSON.parse(data));
		} catch {
			return {};
		}
	}
	const error = (data as { error?: unknown } | undefined)?.error;
	if (!error || typeof error !== 'object') return {};
	const { code, message, description } = error as Record<string, unknown>;
	const text = typeof message === 'string' ? message : typeof description === 'string' ? description : undefined;
	// Whatever the server wrote is redacted here, where it is read, so no later use can leak it.
	return {
		code: typeof code === 'string' ? redactServerText(code, [], 60) : undefined,
		message: text !== undefined ? redactServerText(text) : undefined,
	};
}

/** Reads status, Sakari's code and message, Retry-After and network codes off an error n8n threw. */
export function readFailure(error: unknown): FailedRequest {
	const failure = error as ErrorLike;
	if (failure?.context?.sakari) return failure.context.sakari;
	const response = failure?.cause?.response ?? failure?.response;
	const status =
		response?.status ?? (failure?.httpCode && /^\d{3}$/.test(failure.httpCode) ? Number(failure.httpCode) : undefined);
	const sakari = envelopeError(response?.data ?? failure?.context?.data);
	const networkCode = [failure?.cause?.code, failure?.code].find(
		(code): code is string => typeof code === 'string' && NETWORK_CODES.has(code),
	);
	return {
		status,
		...sakari,
		retryAfterMs: parseRetryAfter(header(response?.headers, 'retry-after')),
		networkCode: status === undefined ? networkCode : undefined,
	};
}

// What a person can do about the errors Sakari documents; the code and Sakari's own words always come first.
const HINTS: Record<string, string> = {
	'CONT-001': 'Check the mobile number and its country: use E.164 (e.g. +13471234567) or a national number with the right country.',
	'CONT-010': 'This contact opted out of messages; Sakari will not text them until they opt in again.',
	'CONV-001': 'Check the conversation ID: it does not exist in this Sakari account.',
	// support.sakari.io/hc/en-us/articles/11780253297556-ACCT-006-Error-Insufficient-credit-available
	'ACCT-006':
		'The Sakari account ran out of credit. Add credit in the Sakari app: messages held for lack of credit wait in a queue for 72 hours and go out by themselves once credit is added, so do not send them again (people would get them twice).',
	'ACCT-008': "Check the Account ID in the 'Sakari OAuth2 API' credential (Sakari: Settings > Account Settings > API).",
	'ACCT-016': 'This API client is not allowed to use this part of the API: check its access in Sakari.',
};

function hintFor(failure: FailedRequest, attempts: number): string | undefined {
	if (failure.code && HINTS[failure.code]) return HINTS[failure.code];
	if (failure.status === 401) {
		return "n8n fetched a new token and retried once, and Sakari still refused it. Check the 'Sakari OAuth2 API' credential.";
	}
	if (failure.status !== undefined && failure.status >= 300 && failure.status < 400) {
		return "Sakari's API does not redirect, so the node does not follow redirects (the token goes nowhere else): check the credential's Base URL, e.g. https://api.sakari.io.";
	}
	if (failure.status === 403) return 'The credential works but is not allowed to do this: check its access in Sakari.';
	if (failure.status === 404) return 'Check the ID: Sakari has no such object in this account.';
	if (failure.status === 429) {
		const wait = failure.retryAfterMs !== undefined ? ` Sakari asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s.` : '';
		return `Gave up after ${attempts} attempt(s).${wait} Turn on Import in Bulk / Send in Bulk, lower "Request Options > Max Concurrent Requests" or raise "Request Options > Max Retries"; a long wait usually means a daily or account quota.`;
	}
	if (failure.status !== undefined && failure.status >= 500) {
		return `Sakari had a problem answering (gave up after ${attempts} attempt(s)). Try again later.`;
	}
	return undefined;
}

/** Turns any failure of a Sakari request into a NodeApiError that names Sakari's code and leaks nothing. */
export function toSakariError(
	node: INode,
	error: unknown,
	{ itemIndex, attempts = 1, retried = true }: { itemIndex?: number; attempts?: number; retried?: boolean } = {},
): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	const sent = sentCredentials(error);
	const read = readFailure(error);
	// Read again with the token this very request carried, for a server that echoes it in another shape.
	const failure: FailedRequest = {
		...read,
		...(read.message !== undefined ? { message: redactServerText(read.message, sent) } : {}),
		...(read.code !== undefined ? { code: redactServerText(read.code, sent, 60) } : {}),
	};
	let message: string;
	let description = hintFor(failure, attempts);
	if (failure.message) {
		message = failure.code ? `${failure.message} (${failure.code})` : failure.message;
	} else if (failure.malformed) {
		message = NOT_JSON_MESSAGE;
	} else if (failure.status === 401) {
		message = 'Sakari rejected the access token (HTTP 401)';
	} else if (failure.status === 429) {
		message = 'Sakari rate limit reached (HTTP 429)';
	} else if (failure.status !== undefined) {
		message = `Sakari answered HTTP ${failure.status}`;
	} else if (failure.networkCode) {
		// The code goes in the description: n8n swaps messages that contain one for its generic text.
		message = 'Could not get an answer from Sakari';
		description = retried
			? `${failure.networkCode}: gave up after ${attempts} attempt(s). Check that the credential's Base URL is reachable from n8n.`
			: `${failure.networkCode}: not retried, because Sakari may have received the request and sending it again could repeat it (e.g. a second SMS).`;
	} else {
		// Our own errors (e.g. the credential's token exchange) already read as sentences; anything else may
		// quote a server, so it is redacted too.
		message = redactServerText((error as Error)?.message || 'Sakari request failed', sent, 2 * MAX_SERVER_TEXT);
	}
	if (failure.status !== undefined && !message.includes('HTTP')) {
		description = description ? `${description} (HTTP ${failure.status})` : `HTTP ${failure.status}`;
	}
	// A plain object, not the original error: that one carries the request, its bearer token and body.
	const clean: JsonObject = { message, ...(failure.code ? { code: failure.code } : {}) };
	const apiError = new NodeApiError(node, clean, {
		message,
		description,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
		itemIndex,
	});
	apiError.context.sakari = { ...failure } as unknown as JsonObject;
	return apiError;
}
