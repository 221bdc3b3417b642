// What may be retried and how long to wait before trying again (backoff, Retry-After), for the one retry loop
// (`retrying` in send.ts) the node's requests, the token request and the trigger's subscription calls all use.
import type { FailedRequest } from './errors';

/** Backoff timing; production keeps these values (tests shorten them and restore them). */
export const backoff = { baseMs: 500, maxMs: 30_000 };

// A longer Retry-After is a quota (e.g. a daily limit), not a burst: waiting it out would stall the run.
export const MAX_RETRY_AFTER_MS = 120_000;

/** Retry-After is either delay-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	// An HTTP date names its month; bare numbers like "-1" would otherwise parse as years.
	if (!/[a-z]{3}/i.test(text)) return undefined;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with jitter: somewhere in [cap/2, cap], cap doubling per attempt (500 ms, 1 s, 2 s, … 30 s). */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const cap = Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt);
	return Math.round(cap / 2 + (random() * cap) / 2);
}

/**
 * How long to wait before trying again, or undefined when this failure must not be retried. `repeatable`: sending
 * the request twice is harmless (its operation declares it), so a 5xx, a lost answer or a reset may be retried.
 */
export function retryPlan(
	failure: FailedRequest,
	attempt: number,
	repeatable: boolean,
): { delayMs: number; pauseAll: boolean } | undefined {
	// A 429 was refused, not processed: always safe to resend, and the whole run should slow down.
	if (failure.status === 429) {
		if ((failure.retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS) return undefined;
		return { delayMs: failure.retryAfterMs ?? backoffMs(attempt), pauseAll: true };
	}
	// A refused connection means nothing was sent.
	if (failure.networkCode === 'ECONNREFUSED') return { delayMs: backoffMs(attempt), pauseAll: false };
	if (!repeatable) return undefined;
	const transient =
		failure.malformed ||
		failure.networkCode !== undefined ||
		(failure.status !== undefined && failure.status >= 500 && failure.status !== 501);
	return transient ? { delayMs: backoffMs(attempt), pauseAll: false } : undefined;
}
