import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { readFailure, toSakariError } from '../nodes/Sakari/shared/errors';
import { MAX_RETRY_AFTER_MS, backoff, backoffMs, parseRetryAfter, retryPlan } from '../nodes/Sakari/shared/retryPolicy';
import { restoreTiming } from './helpers/suite';

const node: INode = {
	id: 'n',
	name: 'Sakari',
	type: 'n8n-nodes-sakari.sakari',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

afterEach(restoreTiming);

describe('parseRetryAfter', () => {
	it.each([
		['2', 2000],
		[' 0 ', 0],
		['1.5', 1500],
		[3, 3000],
	])('reads delay-seconds %j as %d ms', (value, ms) => {
		expect(parseRetryAfter(value)).toBe(ms);
	});

	it('reads an HTTP date as the time left until it, never negative', () => {
		const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
		expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
	});

	it.each([undefined, null, '', 'soon', '-1', {}, ['1']])('ignores %j', (value) => {
		expect(parseRetryAfter(value)).toBeUndefined();
	});
});

describe('backoffMs', () => {
	it('doubles per attempt from 500 ms, with jitter in the upper half, capped at 30 s', () => {
		expect([0, 1, 2, 3].map((attempt) => backoffMs(attempt, () => 0))).toEqual([250, 500, 1000, 2000]);
		expect([0, 1, 2, 3].map((attempt) => backoffMs(attempt, () => 1))).toEqual([500, 1000, 2000, 4000]);
		expect(backoffMs(20, () => 1)).toBe(30_000);
		expect(backoffMs(20, () => 0)).toBe(15_000);
	});

	it('spreads concurrent retries (jitter) instead of sending them in lock-step', () => {
		const delays = new Set(Array.from({ length: 50 }, () => backoffMs(3)));
		expect(delays.size).toBeGreaterThan(20);
		for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(2000);
	});

	it('can be shortened for tests and restored', () => {
		Object.assign(backoff, { baseMs: 10, maxMs: 40 });
		expect(backoffMs(0, () => 1)).toBe(10);
		expect(backoffMs(5, () => 1)).toBe(40);
		restoreTiming();
		expect(backoffMs(0, () => 1)).toBe(500);
	});
});

describe('retryPlan', () => {
	it('retries a 429 after Retry-After and pauses the whole run, whether or not the request is retry-safe', () => {
		expect(retryPlan({ status: 429, retryAfterMs: 1200 }, 0, false)).toEqual({ delayMs: 1200, pauseAll: true });
		expect(retryPlan({ status: 429, retryAfterMs: 0 }, 3, true)).toEqual({ delayMs: 0, pauseAll: true });
	});

	it('backs off a 429 without Retry-After, longer per attempt', () => {
		const first = retryPlan({ status: 429 }, 0, true)!;
		const fourth = retryPlan({ status: 429 }, 3, true)!;
		expect(first.pauseAll).toBe(true);
		expect(first.delayMs).toBeGreaterThanOrEqual(250);
		expect(first.delayMs).toBeLessThanOrEqual(500);
		expect(fourth.delayMs).toBeGreaterThanOrEqual(2000);
	});

	it('gives up on a Retry-After longer than it is worth waiting (a quota, not a burst)', () => {
		expect(retryPlan({ status: 429, retryAfterMs: MAX_RETRY_AFTER_MS + 1 }, 0, true)).toBeUndefined();
		expect(retryPlan({ status: 429, retryAfterMs: MAX_RETRY_AFTER_MS }, 0, true)).toBeDefined();
	});

	it('retries a refused connection even for a message send: nothing was sent', () => {
		expect(retryPlan({ networkCode: 'ECONNREFUSED' }, 0, false)).toMatchObject({ pauseAll: false });
	});

	it.each([
		[{ status: 500 }],
		[{ status: 502 }],
		[{ status: 503 }],
		[{ status: 504 }],
		[{ networkCode: 'ECONNRESET' }],
		[{ networkCode: 'ETIMEDOUT' }],
		[{ status: 200, malformed: true }],
	])('retries %j only where a repeat cannot duplicate anything', (failure) => {
		expect(retryPlan(failure, 0, true)).toMatchObject({ pauseAll: false });
		expect(retryPlan(failure, 0, false)).toBeUndefined();
	});

	it.each([[{ status: 400, code: 'CONT-001' }], [{ status: 401 }], [{ status: 403 }], [{ status: 404 }], [{ status: 501 }], [{}]])(
		'never retries %j',
		(failure) => {
			expect(retryPlan(failure, 0, true)).toBeUndefined();
		},
	);
});

describe('readFailure and toSakariError', () => {
	// What n8n's HTTP helpers throw: an Error carrying the request (with its token) and the answer.
	const axiosLike = (status: number, data: unknown, headers: Record<string, string> = {}) =>
		Object.assign(new Error(`Request failed with status code ${status}`), {
			response: { status, headers, data },
			config: { headers: { Authorization: 'Bearer secret-token-123' } },
		}) as unknown as JsonObject;

	it("reads status, Sakari's code and message and Retry-After (any header case) off an HTTP error", () => {
		const error = new NodeApiError(node, axiosLike(429, { success: false, error: { code: 'RATE-001', message: 'Too many requests' } }, { 'Retry-After': '2' }));
		expect(readFailure(error)).toEqual({
			status: 429,
			code: 'RATE-001',
			message: 'Too many requests',
			retryAfterMs: 2000,
			networkCode: undefined,
		});
	});

	it('reads a network code only when no answer arrived', () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) as unknown as JsonObject;
		expect(readFailure(new NodeApiError(node, reset)).networkCode).toBe('ECONNRESET');
	});

	it('makes a clear error that says how often it tried and carries no request, token or body', () => {
		const error = toSakariError(node, new NodeApiError(node, axiosLike(503, 'Service Unavailable')), {
			itemIndex: 4,
			attempts: 6,
		});
		expect(error.message).toBe('Sakari answered HTTP 503');
		expect(error.description).toContain('gave up after 6 attempt(s)');
		expect(error.context.itemIndex).toBe(4);
		expect(JSON.stringify(error)).not.toContain('secret-token-123');
		expect(JSON.stringify(error.cause ?? {})).not.toContain('secret-token-123');
	});

	it("names Sakari's wait when it gave up on a 429", () => {
		const error = toSakariError(node, new NodeApiError(node, axiosLike(429, {}, { 'retry-after': '3600' })), { attempts: 1 });
		expect(error.message).toBe('Sakari rate limit reached (HTTP 429)');
		expect(error.description).toContain('Sakari asked to wait 3600 s');
	});

	it('explains why a reset of a message send was not retried', () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) as unknown as JsonObject;
		const error = toSakariError(node, new NodeApiError(node, reset), { retried: false });
		expect(error.message).toBe('Could not get an answer from Sakari');
		expect(error.description).toContain('not retried');
	});
});
