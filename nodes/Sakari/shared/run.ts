// One run of the node (one node in one execution): its key, its Request Options, its limiter (how many requests
// are in flight, the pause after a 429, the pace), and its decrypted credential, read once and handed to every
// request of the run.
import type { ICredentialDataDecryptedObject, IDataObject, IExecutePaginationFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { wholeNumber } from './fieldChecks';
import { DEFAULT_DEADLINE_MS, DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_RETRIES } from './requestOptions';
import { CREDENTIAL_TYPE } from '../../../credentials/SakariOAuth2Api.credentials';

/** One run of this node (execution and node name): what its limiter, gathered rows and uploads belong to. */
export function runKey(context: IExecutePaginationFunctions): string {
	return `${context.getExecutionId() ?? 'no-execution'}\n${context.getNode().name}`;
}

// Per limiter, which lives exactly as long as the run's requests.
const runCredentials = new WeakMap<RequestLimiter, Promise<ICredentialDataDecryptedObject>>();

/**
 * One request with the credential's token, through n8n's own httpRequestWithAuthentication (its 401 → new token
 * → one retry included), handed the run's decrypted credential. Each request gets its own copy, so concurrent
 * 401s each name the token they saw rejected (one renewal for all of them); a token a request fetched is the
 * run's from then on.
 */
export async function withRunCredential(
	context: IExecutePaginationFunctions,
	limiter: RequestLimiter,
	options: IHttpRequestOptions,
): Promise<unknown> {
	let credentials = runCredentials.get(limiter);
	if (!credentials) {
		credentials = context.getCredentials(CREDENTIAL_TYPE);
		runCredentials.set(limiter, credentials);
	}
	const shared = await credentials;
	const own = { ...shared };
	// n8n versions that do not take the cancel signal from the context still get it as an option.
	const request = { ...options, abortSignal: options.abortSignal ?? context.getExecutionCancelSignal() };
	try {
		return await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request, {
			credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_TYPE, data: own },
		});
	} finally {
		if (own.accessToken && own.accessToken !== shared.accessToken) {
			shared.accessToken = own.accessToken;
			shared.accessTokenFor = own.accessTokenFor;
		}
	}
}

/** How a run sends, from Request Options: requests in flight, retries, and each attempt's deadline (Timeout). */
export function readTuning(context: IExecutePaginationFunctions): { concurrency: number; maxRetries: number; deadlineMs: number } {
	const options = context.getNodeParameter('requestOptions', {}) as IDataObject;
	const timeout = Number(options.timeout);
	return {
		concurrency: wholeNumber(options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS, 'Request Options > Max Concurrent Requests', { min: 1, max: 100 }),
		maxRetries: wholeNumber(options.maxRetries ?? DEFAULT_MAX_RETRIES, 'Request Options > Max Retries', { min: 0, max: 10 }),
		deadlineMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_DEADLINE_MS,
	};
}

// Pacing after a 429 (see RequestLimiter.rateLimited): a little under the rate Sakari admitted. A later 429
// lowers it; while none comes it rises back step by step, never above that share of what was last admitted
// (so a long run does not provoke a 429 every few seconds), and once no 429 has come for a minute it is dropped.
const PACE_SHARE = 0.98;
const RELAX_EVERY_MS = 5_000;
const RELAX_STEP = 1.05;
const DROP_AFTER_MS = 60_000;
const RATE_WINDOW_MS = 1_000;

/**
 * Bounds how many requests one node run has in flight, and holds all of them back while Sakari has asked
 * for a pause (429). n8n starts every input item's request at once; without this, 5,000 rows are 5,000
 * simultaneous requests.
 *
 * After a 429 it also paces the run (a token bucket of one): Sakari limits the frequency of calls, and
 * without pacing a long run loses part of every second to 429s. Assumes the limit is a steady rate per
 * account, measured as the answers admitted in the second before the 429.
 */
export class RequestLimiter {
	private active = 0;

	/** When recent requests were admitted (answered without 429), newest last, at most one window back. */
	private readonly admitted: number[] = [];

	/** Requests per second while pacing; undefined when not pacing. */
	private pace?: { perSecond: number; admittedPerSecond: number; relaxedAt: number; limitedAt: number };

	private nextSendAt = 0;
	private readonly waiting: Array<() => void> = [];
	private pausedUntil = 0;

	/** Requests of this run that have started and not finished (queued, in flight, or waiting to retry). */
	members = 0;

	constructor(readonly concurrency: number) {}

	/** Requests in flight now; never more than `concurrency`. */
	get inFlight(): number {
		return this.active;
	}

	/** Takes a slot; `first` puts the caller at the head of the queue (a retry keeps its turn). */
	async acquire(first = false): Promise<void> {
		if (this.active < this.concurrency && this.waiting.length === 0) {
			this.active++;
		} else {
			// The slot is handed over by release(), so `active` already counts this caller when it wakes.
			await new Promise<void>((resolve) => (first ? this.waiting.unshift(resolve) : this.waiting.push(resolve)));
		}
		await this.waitWhilePaused();
		await this.waitForPace();
	}

	/** Requests per second this run is paced at now, or undefined (tests, docs). */
	get pacedAt(): number | undefined {
		return this.pace?.perSecond;
	}

	/** An answer that was not a 429: counts towards the rate Sakari admits. */
	succeeded(now = Date.now()): void {
		this.admitted.push(now);
		while (this.admitted.length > 0 && this.admitted[0] <= now - RATE_WINDOW_MS) this.admitted.shift();
	}

	/** A 429: pace the run a little under the rate admitted in the last second (when there was one to measure). */
	rateLimited(now = Date.now()): void {
		const admittedPerSecond = this.admitted.filter((at) => at > now - RATE_WINDOW_MS).length;
		if (admittedPerSecond < 2) {
			if (this.pace) this.pace.limitedAt = now;
			return;
		}
		const perSecond = Math.min(this.pace?.perSecond ?? Number.POSITIVE_INFINITY, admittedPerSecond * PACE_SHARE);
		this.pace = { perSecond, admittedPerSecond, relaxedAt: now, limitedAt: now };
	}

	private async waitForPace(): Promise<void> {
		const pace = this.pace;
		if (!pace) return;
		const now = Date.now();
		if (now - pace.relaxedAt >= RELAX_EVERY_MS) {
			pace.relaxedAt = now;
			pace.perSecond = Math.min(pace.perSecond * RELAX_STEP, pace.admittedPerSecond * PACE_SHARE);
			// No 429 for a minute: the limit has gone (or was a burst); stop pacing until the next one.
			if (now - pace.limitedAt >= DROP_AFTER_MS) this.pace = undefined;
		}
		const sendAt = Math.max(now, this.nextSendAt);
		this.nextSendAt = sendAt + 1000 / (this.pace?.perSecond ?? Number.POSITIVE_INFINITY);
		if (sendAt > now) await sleep(sendAt - now);
	}

	release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.active--;
	}

	/** Holds every request of this run back for `ms` (Sakari's Retry-After, or a backoff). */
	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	private async waitWhilePaused(): Promise<void> {
		for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) {
			await sleep(wait);
		}
	}
}

const limiters = new Map<string, RequestLimiter>();

/**
 * The limiter of one node in one execution, created on first use and dropped when its last request is
 * done. A request waiting to retry still counts, so a run never ends up with two limiters (and twice
 * the concurrency) when its queue drains for a moment, e.g. between the user's batches.
 */
export async function withLimiter<T>(
	key: string,
	concurrency: number,
	task: (limiter: RequestLimiter) => Promise<T>,
): Promise<T> {
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new RequestLimiter(concurrency);
		limiters.set(key, limiter);
	}
	limiter.members++;
	try {
		return await task(limiter);
	} finally {
		limiter.members--;
		if (limiter.members === 0) limiters.delete(key);
	}
}

/** How many runs have a limiter right now (tests: nothing is left behind after a run). */
export function activeLimiters(): number {
	return limiters.size;
}
