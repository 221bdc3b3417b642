// Sending one request of a run: through the run's limiter, within a deadline, with the run's credential, retried
// as the retry policy allows (the one retry loop, `retrying`), its final failure mapped to an error with Sakari's
// code; the senders operations use (one request, a request they build); Sakari's `{success, data}` envelope read.
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { RequestData, RequestHandler } from './dispatch';
import { NOT_JSON_MESSAGE, readFailure, toSakariError, type FailedRequest } from './errors';
import { retryPlan } from './retryPolicy';
import { readTuning, runKey, withLimiter, withRunCredential, type RequestLimiter } from './run';

/**
 * Sends one request of this run (`options` as for httpRequest) and answers what `read` makes of the answer.
 * `onGone`: what a DELETE answers when a retry finds the object gone (the lost first answer had deleted it).
 */
async function sendLimited<T>(
	context: IExecutePaginationFunctions,
	options: IHttpRequestOptions,
	repeatable: boolean,
	read: (answer: unknown) => Promise<T> | T,
	onGone?: () => T,
): Promise<T> {
	const { concurrency, maxRetries, deadlineMs } = readTuning(context);
	return await withLimiter(runKey(context), concurrency, async (limiter) => {
		let answerLost = false;
		return await retrying(
			async (attempt) =>
				await attemptOnce(context, limiter, attempt, deadlineMs, async (bounded) => await read(await withRunCredential(bounded, limiter, options))).catch(
					(error: unknown) => {
						if (answerLost && onGone && readFailure(error).status === 404) return onGone();
						throw error;
					},
				),
			(error, attempt) => {
				const failure = readFailure(error);
				// A cancelled execution stops retrying at once instead of waiting out its backoffs.
				if (attempt >= maxRetries || context.getExecutionCancelSignal()?.aborted === true) return undefined;
				const plan = retryPlan(failure, attempt, repeatable);
				if (!plan) return undefined;
				answerLost ||= failure.networkCode !== undefined || (failure.status ?? 0) >= 500 || failure.malformed === true;
				if (!plan.pauseAll) return plan.delayMs;
				limiter.pause(plan.delayMs);
				return 0;
			},
			(error, attempts) => {
				const retried = repeatable || readFailure(error).networkCode === 'ECONNREFUSED';
				return toSakariError(context.getNode(), error, { itemIndex: context.getItemIndex(), attempts, retried });
			},
		);
	});
}

/**
 * Runs `attempt` (numbered from 0) until it succeeds, or until `retryAfter` answers undefined for its failure:
 * then throws what `giveUp` makes of that failure and the number of attempts. Otherwise waits the milliseconds
 * `retryAfter` answered and tries again.
 */
export async function retrying<T>(
	attempt: (number: number) => Promise<T>,
	retryAfter: (error: unknown, number: number) => number | undefined,
	giveUp: (error: unknown, attempts: number) => Error,
): Promise<T> {
	for (let number = 0; ; number++) {
		try {
			return await attempt(number);
		} catch (error) {
			const delayMs = retryAfter(error, number);
			if (delayMs === undefined) throw giveUp(error, number + 1);
			if (delayMs > 0) await sleep(delayMs);
		}
	}
}

/**
 * One attempt: a slot of the run's limiter (a retry keeps its turn), and an overall deadline. n8n's HTTP helpers
 * take the execution's cancel signal from the context they are called on, so the attempt gets a context whose
 * cancel signal also fires at the deadline: the request is aborted, not just abandoned. A deadline is reported
 * like a lost answer (ETIMEDOUT), so what may be repeated is retried and what may not (a send) is not.
 */
async function attemptOnce<T>(
	context: IExecutePaginationFunctions,
	limiter: RequestLimiter,
	attempt: number,
	deadlineMs: number,
	send: (bounded: IExecutePaginationFunctions) => Promise<T>,
): Promise<T> {
	await limiter.acquire(attempt > 0);
	const deadline = AbortSignal.timeout(deadlineMs);
	const cancel = context.getExecutionCancelSignal();
	const signal = cancel ? AbortSignal.any([cancel, deadline]) : deadline;
	const bounded = Object.create(context, { getExecutionCancelSignal: { value: () => signal } }) as IExecutePaginationFunctions;
	let expire: (error: Error) => void = () => {};
	const expired = new Promise<never>((_resolve, reject) => (expire = reject));
	const onDeadline = () => expire(Object.assign(new Error(`No complete answer within ${deadlineMs} ms`), { code: 'ETIMEDOUT' }));
	deadline.addEventListener('abort', onDeadline, { once: true });
	try {
		// Counted before the slot is released, so the next request already waits for the new pace.
		return await Promise.race([send(bounded), expired]).then(
			(result) => {
				limiter.succeeded();
				return result;
			},
			(error: unknown) => {
				if (readFailure(error).status === 429) limiter.rateLimited();
				throw error;
			},
		);
	} finally {
		deadline.removeEventListener('abort', onDeadline);
		limiter.release();
	}
}

/** The operation's postReceive functions over one answer, as RoutingNode runs them. */
async function shapeOutput(context: IExecutePaginationFunctions, requestData: RequestData, response: IN8nHttpFullResponse): Promise<INodeExecutionData[]> {
	let items: INodeExecutionData[] = [{ json: response.body as IDataObject }];
	for (const { actions } of requestData.postReceive) {
		for (const action of actions) {
			// n8n's built-in actions (set, rootProperty, limit…) need RoutingNode's expression context: refused, never skipped.
			if (typeof action !== 'function') {
				throw new NodeOperationError(context.getNode(), `postReceive "${action.type}" is not run by the Sakari request path: write it as a function`, {
					itemIndex: context.getItemIndex(),
				});
			}
			items = await action.call(context, items, response);
		}
	}
	return items;
}

/** The default: one request per item, its answer shaped by the operation's postReceive. */
export const sendOne: RequestHandler = async (context, requestData) => {
	const { options } = requestData;
	const gone = () => pairToInput.call(context, [{ success: true, note: 'The first answer was lost and a retry found it gone: the first attempt deleted it' }]);
	return await sendLimited(
		context,
		{ ...options, returnFullResponse: true } as IHttpRequestOptions,
		requestData.repeatable,
		async (answer) => await shapeOutput(context, requestData, answer as IN8nHttpFullResponse),
		options.method === 'DELETE' ? gone : undefined,
	);
};

/**
 * A request an operation builds itself from its item's request (a CSV upload, a lookup, a bulk send), answered as
 * Sakari's envelope; `repeatable` overrides what the operation declared. It bypasses the operation's postReceive,
 * which shapes a single answer.
 */
export async function sendBuilt(
	context: IExecutePaginationFunctions,
	requestData: RequestData,
	options: Partial<RequestData['options']> & { repeatable?: boolean },
): Promise<SakariEnvelope> {
	const { repeatable = requestData.repeatable, ...overrides } = options;
	const request = { ...requestData.options, ...overrides, returnFullResponse: false } as IHttpRequestOptions;
	return await sendLimited(context, request, repeatable, (body) => readEnvelope.call(context, body));
}

export interface SakariEnvelope extends IDataObject {
	success: boolean;
	data?: IDataObject | IDataObject[];
	pagination?: { offset?: number; limit?: number; totalCount?: number; hasNext?: boolean };
}

/** Sakari always answers `{ success, data }`; anything else (e.g. a cut-off body) is an error worth a retry. */
export function readEnvelope(this: IExecuteSingleFunctions, body: unknown, statusCode?: number): SakariEnvelope {
	if (body && typeof body === 'object' && !Array.isArray(body) && typeof (body as IDataObject).success === 'boolean') {
		return body as SakariEnvelope;
	}
	const description = `Expected {"success": ..., "data": ...}${statusCode ? ` (HTTP ${statusCode})` : ''}.`;
	const error = new NodeApiError(this.getNode(), { message: NOT_JSON_MESSAGE }, { message: NOT_JSON_MESSAGE, description, itemIndex: this.getItemIndex() });
	error.context.sakari = { status: statusCode, malformed: true } satisfies FailedRequest as IDataObject;
	throw error;
}

/** Pairs output items to the input item they came from, so `$('Sakari').item` works downstream. */
export function pairToInput(this: IExecuteSingleFunctions, records: IDataObject[]): INodeExecutionData[] {
	const item = this.getItemIndex();
	return records.map((json) => ({ json, pairedItem: { item } }));
}

/** postReceive: one output item per object in Sakari's `data` (an array for creates, an object for gets). */
export async function outputData(this: IExecuteSingleFunctions, _items: INodeExecutionData[], response: IN8nHttpFullResponse): Promise<INodeExecutionData[]> {
	const { data } = readEnvelope.call(this, response.body, response.statusCode);
	return pairToInput.call(this, data === undefined ? [] : Array.isArray(data) ? data : [data]);
}
