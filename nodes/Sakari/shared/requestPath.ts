import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IN8nHttpFullResponse,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodeTypeDescription,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { pairToInput, readEnvelope, type SakariEnvelope } from './envelope';
import { readFailure, toSakariError, type FailedRequest } from './errors';
import { fieldFailure, wholeNumber } from './fieldChecks';
import { backoffMs, withLimiter, type RequestLimiter } from './limiter';
import { withoutSecrets } from './secretGuard';
import { CREDENTIAL_TYPE } from './transport';

export type RequestData = DeclarativeRestApiSettings.ResultOptions;

/** How one operation sends its request(s): one request (the default), pages, two requests, a bulk upload… */
export type RequestHandler = (context: IExecutePaginationFunctions, requestData: RequestData) => Promise<INodeExecutionData[]>;

/** The handlers of one resource's operations that do more than send one request, by operation value. */
export type OperationHandlers = Record<string, RequestHandler>;

export const DEFAULT_MAX_CONCURRENT_REQUESTS = 5;
export const DEFAULT_MAX_RETRIES = 5;
const LIST_PAGE_SIZE = 100;
// A bound on Get Many, so a server that always says "there is more" cannot keep a run going for ever.
const MAX_PAGES = 10_000;
// A longer Retry-After is a quota (e.g. a daily limit), not a burst: waiting it out would stall the run.
export const MAX_RETRY_AFTER_MS = 120_000;
// Each attempt must be answered completely within this (or Request Options > Timeout): a server that trickles
// its answer byte by byte beats the HTTP library's timeout, which only bounds the gaps between bytes.
const DEFAULT_DEADLINE_MS = 60_000;

/**
 * Every request of the Sakari node goes through `sendRequest` below: it bounds the requests in flight, paces
 * the run after a 429, retries what may be retried, maps every failure to an error with Sakari's code, pairs
 * output items to their input, and lets an operation send in bulk or in pages.
 *
 * n8n offers a declarative node exactly one hook around its requests: the node's
 * `requestOperations.pagination`, which RoutingNode calls *instead of sending* whenever the request has
 * `send.paginate` set. So the two are set together here: the hook for the node description, and the flag for
 * the Resource parameter, which every operation shows. An operation must never set `routing.operations`
 * itself (it would replace the hook): test/request-path.test.ts walks the description to make sure.
 */
export function sakariRequestPath(handlers: Record<string, OperationHandlers>): {
	requestOperations: NonNullable<INodeTypeDescription['requestOperations']>;
	resourceRouting: NonNullable<INodeProperties['routing']>;
} {
	async function sendRequest(this: IExecutePaginationFunctions, requestData: RequestData): Promise<INodeExecutionData[]> {
		const resource = this.getNodeParameter('resource', '') as string;
		const operation = this.getNodeParameter('operation', '') as string;
		const handler = handlers[resource]?.[operation] ?? sendOne;
		return await withoutSecrets(this, async () => await handler(this, requestData));
	}
	return {
		requestOperations: { pagination: sendRequest },
		resourceRouting: { send: { paginate: true } },
	};
}

/** Whether sending this request twice is harmless (so a 5xx, a lost answer or a reset may be retried). */
export function isRetrySafe(options: { method?: string; url?: string }): boolean {
	if ((options.method ?? 'GET').toUpperCase() !== 'POST') return true;
	// Sakari merges contacts by mobile number, so a repeated create (or CSV import) updates the same contacts.
	// A repeated message send would text someone twice: never retried unless the request provably never left.
	return /\/contacts\/?$/.test(options.url ?? '');
}

/** How long to wait before trying again, or undefined when this failure must not be retried. */
export function retryPlan(
	failure: FailedRequest,
	attempt: number,
	retrySafe: boolean,
): { delayMs: number; pauseAll: boolean } | undefined {
	// A 429 was refused, not processed: always safe to resend, and the whole run should slow down.
	if (failure.status === 429) {
		if ((failure.retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS) return undefined;
		return { delayMs: failure.retryAfterMs ?? backoffMs(attempt), pauseAll: true };
	}
	// A refused connection means nothing was sent.
	if (failure.networkCode === 'ECONNREFUSED') return { delayMs: backoffMs(attempt), pauseAll: false };
	if (!retrySafe) return undefined;
	const transient =
		failure.malformed ||
		failure.networkCode !== undefined ||
		(failure.status !== undefined && failure.status >= 500 && failure.status !== 501);
	return transient ? { delayMs: backoffMs(attempt), pauseAll: false } : undefined;
}

/**
 * Pacing settings from Request Options, or from the "Rate Limiting" collection of workflows saved before
 * they moved there (kept as a hidden parameter so those workflows keep their settings).
 */
function readTuning(context: IExecutePaginationFunctions): { concurrency: number; maxRetries: number; deadlineMs: number } {
	const current = context.getNodeParameter('requestOptions', {}) as IDataObject;
	const timeout = Number(current.timeout);
	const saved = context.getNodeParameter('rateLimiting', {}) as IDataObject;
	const concurrency = current.maxConcurrentRequests ?? saved.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS;
	const maxRetries = current.maxRetries ?? saved.maxRetries ?? DEFAULT_MAX_RETRIES;
	try {
		return {
			concurrency: wholeNumber(concurrency, 'Request Options > Max Concurrent Requests', { min: 1, max: 100 }),
			maxRetries: wholeNumber(maxRetries, 'Request Options > Max Retries', { min: 0, max: 10 }),
			deadlineMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_DEADLINE_MS,
		};
	} catch (error) {
		throw fieldFailure(context.getNode(), context.getItemIndex(), error);
	}
}

/** One run of this node (execution and node name): what its limiter, gathered rows and uploads belong to. */
export function runKey(context: IExecutePaginationFunctions): string {
	return `${context.getExecutionId() ?? 'no-execution'}\n${context.getNode().name}`;
}

interface SendOptions {
	method?: string;
	url?: string;
	/** Retry a 5xx or a lost answer (default: by method and URL, see isRetrySafe). */
	retrySafe?: boolean;
	/** What a DELETE outputs when a retry finds the object gone: the lost first answer had deleted it. */
	goneAfterRetry?: () => unknown;
}

/**
 * Sends one request of this node run through its limiter, retrying what may be retried, and turns the
 * final failure into a clear NodeApiError. n8n's own 401 handling (new token, one retry) happens inside `send`.
 */
async function sendLimited<T>(
	context: IExecutePaginationFunctions,
	options: SendOptions,
	send: (limiter: RequestLimiter, bounded: IExecutePaginationFunctions) => Promise<T>,
): Promise<T> {
	const { concurrency, maxRetries, deadlineMs } = readTuning(context);
	const key = runKey(context);
	const retrySafe = options.retrySafe ?? isRetrySafe(options);
	let answerLost = false;
	return await withLimiter(key, concurrency, async (limiter) => {
		for (let attempt = 0; ; attempt++) {
			await limiter.acquire(attempt > 0);
			let failure: FailedRequest;
			let error: unknown;
			try {
				const result = await withDeadline(context, deadlineMs, async (bounded) => await send(limiter, bounded));
				limiter.succeeded();
				return result;
			} catch (caught) {
				error = caught;
				failure = readFailure(caught);
				if (failure.status === 429) limiter.rateLimited();
			} finally {
				limiter.release();
			}
			if (answerLost && failure.status === 404 && options.goneAfterRetry) return options.goneAfterRetry() as T;
			// A cancelled execution stops retrying at once instead of waiting out its backoffs.
			const cancelled = context.getExecutionCancelSignal()?.aborted === true;
			const plan = attempt < maxRetries && !cancelled ? retryPlan(failure, attempt, retrySafe) : undefined;
			if (!plan) {
				throw toSakariError(context.getNode(), error, {
					itemIndex: context.getItemIndex(),
					attempts: attempt + 1,
					retried: retrySafe || failure.networkCode === 'ECONNREFUSED',
				});
			}
			answerLost ||= failure.networkCode !== undefined || (failure.status ?? 0) >= 500 || failure.malformed === true;
			if (plan.pauseAll) limiter.pause(plan.delayMs);
			else await sleep(plan.delayMs);
		}
	});
}

/**
 * Runs one attempt with an overall deadline. n8n's HTTP helpers take the execution's cancel signal from the
 * context they are called on, so the attempt gets a context whose cancel signal also fires at the deadline:
 * the request is aborted, not just abandoned. A deadline is reported like a lost answer (ETIMEDOUT), so what
 * may be repeated is retried and what may not (a send) is not.
 */
async function withDeadline<T>(
	context: IExecutePaginationFunctions,
	deadlineMs: number,
	attempt: (bounded: IExecutePaginationFunctions) => Promise<T>,
): Promise<T> {
	const deadline = AbortSignal.timeout(deadlineMs);
	const cancel = context.getExecutionCancelSignal();
	const signal = cancel ? AbortSignal.any([cancel, deadline]) : deadline;
	const bounded = Object.create(context, { getExecutionCancelSignal: { value: () => signal } }) as IExecutePaginationFunctions;
	let expire: (error: Error) => void = () => {};
	const expired = new Promise<never>((_resolve, reject) => (expire = reject));
	const onDeadline = () => expire(Object.assign(new Error(`No complete answer within ${deadlineMs} ms`), { code: 'ETIMEDOUT' }));
	deadline.addEventListener('abort', onDeadline, { once: true });
	try {
		return await Promise.race([attempt(bounded), expired]);
	} finally {
		deadline.removeEventListener('abort', onDeadline);
	}
}

/**
 * With "continue on fail", the item's error as its output item, paired to its input: n8n's own error item
 * carries no pairedItem, which loses the input row in an error output or `$('Sakari').item`.
 */
export async function orErrorItem(
	context: IExecutePaginationFunctions,
	run: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	try {
		return await run();
	} catch (caught) {
		const error = toSakariError(context.getNode(), caught, { itemIndex: context.getItemIndex() });
		if (!context.continueOnFail()) throw error;
		return [{ json: {}, error, pairedItem: { item: context.getItemIndex() } }];
	}
}

/** The default: one request per item, its answer shaped by the operation's postReceive. */
export const sendOne: RequestHandler = async (context, requestData) =>
	await orErrorItem(context, async () => {
		const { method, url } = requestData.options;
		const goneAfterRetry =
			method === 'DELETE'
				? () =>
						pairToInput.call(context, [
							{ success: true, note: 'The first answer was lost and a retry found it gone: the first attempt deleted it' },
						])
				: undefined;
		return await sendLimited(context, { method, url, goneAfterRetry }, async (limiter, bounded) => {
			const response = (await sendAuthenticated(bounded, limiter, {
				...requestData.options,
				returnFullResponse: true,
			} as IHttpRequestOptions)) as IN8nHttpFullResponse;
			return await shapeOutput(context, requestData, response);
		});
	});

/**
 * The operation's postReceive functions over one answer, as RoutingNode would run them (the node's operations
 * use functions only).
 */
async function shapeOutput(
	context: IExecutePaginationFunctions,
	requestData: RequestData,
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	let items: INodeExecutionData[] = [{ json: response.body as IDataObject }];
	for (const { actions } of requestData.postReceive) {
		for (const action of actions) {
			if (typeof action === 'function') items = await action.call(context, items, response);
		}
	}
	return items;
}

// The run's decrypted credential, per limiter (one per run and node): n8n would otherwise read it from its
// database and decrypt it again for every request.
const runCredentials = new WeakMap<RequestLimiter, Promise<ICredentialDataDecryptedObject>>();

/**
 * One request with the credential's token, through n8n's own httpRequestWithAuthentication (its 401 → new token
 * → one retry included), handed the run's decrypted credential instead of reading it per request. Each request
 * gets its own copy, so concurrent 401s each name the token they saw rejected (one renewal for all of them);
 * a token a request fetched is the run's from then on.
 */
async function sendAuthenticated(
	context: IExecutePaginationFunctions,
	limiter: RequestLimiter,
	options: IHttpRequestOptions,
): Promise<unknown> {
	// n8n versions that do not take the cancel signal from the context still get it as an option.
	options.abortSignal ??= context.getExecutionCancelSignal();
	let credentials = runCredentials.get(limiter);
	if (!credentials) {
		credentials = context.getCredentials(CREDENTIAL_TYPE);
		runCredentials.set(limiter, credentials);
	}
	const shared = await credentials;
	const own = { ...shared };
	try {
		return await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, options, {
			credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_TYPE, data: own },
		});
	} finally {
		if (own.accessToken && own.accessToken !== shared.accessToken) {
			shared.accessToken = own.accessToken;
			shared.accessTokenFor = own.accessTokenFor;
		}
	}
}

/**
 * Get Many: offset pages of up to 100 until Limit is reached (or everything, with Return All), stopping on
 * `hasNext: false`, on `totalCount`, or on a short page, since some answers carry no pagination at all.
 */
export const sendPages: RequestHandler = async (context, requestData) =>
	await orErrorItem(context, async () => {
		const returnAll = context.getNodeParameter('returnAll', false) as boolean;
		let wanted = Number.POSITIVE_INFINITY;
		try {
			if (!returnAll) wanted = wholeNumber(context.getNodeParameter('limit', 50), 'Limit', { min: 1, max: 1_000_000 });
		} catch (error) {
			throw fieldFailure(context.getNode(), context.getItemIndex(), error);
		}
		const records: IDataObject[] = [];
		let offset = 0;
		for (let page = 0; page < MAX_PAGES && records.length < wanted; page++) {
			const limit = Math.min(LIST_PAGE_SIZE, wanted - records.length);
			const options = { ...requestData.options, qs: { ...requestData.options.qs, offset, limit } };
			const envelope = await sendLimited(context, options, async (limiter, bounded) => {
				const body = await sendAuthenticated(bounded, limiter, { ...options, returnFullResponse: false } as IHttpRequestOptions);
				return readEnvelope.call(context, body);
			});
			const data = Array.isArray(envelope.data) ? envelope.data : [];
			records.push(...data.slice(0, wanted - records.length));
			offset += data.length;
			const { hasNext, totalCount } = envelope.pagination ?? {};
			if (data.length < limit || hasNext === false || (typeof totalCount === 'number' && offset >= totalCount)) break;
		}
		return pairToInput.call(context, records);
	});

/**
 * A request an operation builds itself from its item's request (a CSV upload, a lookup, a bulk send): sent
 * through the same limiter, retries and error mapping, answered as Sakari's envelope. It bypasses the
 * operation's postReceive, which shapes a single answer.
 */
export async function sendBuilt(
	context: IExecutePaginationFunctions,
	requestData: RequestData,
	options: Partial<RequestData['options']> & { retrySafe?: boolean },
): Promise<SakariEnvelope> {
	const { retrySafe, ...overrides } = options;
	const request = { ...requestData.options, ...overrides, returnFullResponse: false } as IHttpRequestOptions;
	return await sendLimited(context, { method: request.method, url: request.url, retrySafe }, async (limiter, bounded) => {
		const body = await sendAuthenticated(bounded, limiter, { ...request });
		return readEnvelope.call(context, body);
	});
}
