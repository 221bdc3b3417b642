import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { readEnvelope, pairToInput } from './envelope';
import { readFailure, toSakariError, type FailedRequest } from './errors';
import { backoffMs, withLimiter } from './limiter';

export const DEFAULT_MAX_CONCURRENT_REQUESTS = 5;
export const DEFAULT_MAX_RETRIES = 5;
export const PAGE_SIZE = 100;
// A bound on Get Many, so a server that always says "there is more" cannot keep a run going for ever.
const MAX_PAGES = 10_000;
// A longer Retry-After is a quota (e.g. a daily limit), not a burst: waiting it out would stall the run.
export const MAX_RETRY_AFTER_MS = 120_000;

/** Whether sending this request twice is harmless (so a 5xx, a lost answer or a reset may be retried). */
export function isRetrySafe(options: { method?: string; url?: string }): boolean {
	if ((options.method ?? 'GET').toUpperCase() !== 'POST') return true;
	// Sakari merges contacts by mobile number, so a repeated create updates the same contact. A repeated
	// message send would text someone twice: never retried unless the request provably never left.
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

function readTuning(context: IExecutePaginationFunctions): { concurrency: number; maxRetries: number } {
	const tuning = context.getNodeParameter('rateLimiting', {}) as IDataObject;
	const concurrency = Number(tuning.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS);
	const maxRetries = Number(tuning.maxRetries ?? DEFAULT_MAX_RETRIES);
	return {
		concurrency: Number.isFinite(concurrency) && concurrency >= 1 ? Math.floor(concurrency) : DEFAULT_MAX_CONCURRENT_REQUESTS,
		maxRetries: Number.isFinite(maxRetries) && maxRetries >= 0 ? Math.floor(maxRetries) : DEFAULT_MAX_RETRIES,
	};
}

/**
 * Sends one request of this node run through its limiter, retrying what may be retried, and turns the
 * final failure into a clear NodeApiError. n8n's own 401 handling (new token, one retry) happens inside `send`.
 */
async function sendLimited<T>(
	context: IExecutePaginationFunctions,
	options: { method?: string; url?: string },
	send: () => Promise<T>,
): Promise<T> {
	const { concurrency, maxRetries } = readTuning(context);
	const key = `${context.getExecutionId() ?? 'no-execution'}\n${context.getNode().name}`;
	const retrySafe = isRetrySafe(options);
	return await withLimiter(key, concurrency, async (limiter) => {
		for (let attempt = 0; ; attempt++) {
			await limiter.acquire(attempt > 0);
			let failure: FailedRequest;
			let error: unknown;
			try {
				return await send();
			} catch (caught) {
				error = caught;
				failure = readFailure(caught);
			} finally {
				limiter.release();
			}
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
			if (plan.pauseAll) limiter.pause(plan.delayMs);
			else await sleep(plan.delayMs);
		}
	});
}

/**
 * The node's `requestOperations.pagination`: n8n calls it instead of sending the request itself, which is
 * the one place a declarative node can wrap every request (throttle, retry, error mapping).
 */
export async function sakariRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await orErrorItem(
		this,
		async () => await sendLimited(this, requestData.options, async () => await this.makeRoutingRequest(requestData)),
	);
}

/**
 * With "continue on fail", the item's error as its output item, paired to its input: n8n's own error item
 * carries no pairedItem, which loses the input row in an error output or `$('Sakari').item`.
 */
async function orErrorItem(
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

/**
 * Get Many: offset pages of up to 100 until `limit` is reached (or everything, with Return All), stopping on
 * `hasNext: false`, on `totalCount`, or on a short page, since some answers carry no pagination at all.
 */
export async function sakariListRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await orErrorItem(this, async () => await listPages(this, requestData));
}

async function listPages(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = context.getNodeParameter('returnAll', false) as boolean;
	const wanted = returnAll ? Number.POSITIVE_INFINITY : Number(context.getNodeParameter('limit', 50));
	const records: IDataObject[] = [];
	let offset = 0;
	for (let page = 0; page < MAX_PAGES && records.length < wanted; page++) {
		const limit = Math.min(PAGE_SIZE, wanted - records.length);
		const options = { ...requestData.options, qs: { ...requestData.options.qs, offset, limit } };
		const envelope = await sendLimited(context, options, async () => {
			const [answer] = await context.makeRoutingRequest({ ...requestData, options });
			return readEnvelope.call(context, answer?.json);
		});
		const data = Array.isArray(envelope.data) ? envelope.data : [];
		records.push(...data.slice(0, wanted - records.length));
		offset += data.length;
		const { hasNext, totalCount } = envelope.pagination ?? {};
		if (data.length < limit || hasNext === false || (typeof totalCount === 'number' && offset >= totalCount)) break;
	}
	return pairToInput.call(context, records);
}
