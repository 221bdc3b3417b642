// @ts-check
'use strict';
// Load shaping: rate limiting (fixed one-second windows + in-flight cap), seeded random faults and
// one-shot injected faults. Kept apart from the resource logic so benchmarks can reason about it.
const { reply, errorBody } = require('./http');

/** mulberry32: tiny, fast, deterministic PRNG so a fault seed reproduces the same fault sequence. */
function mulberry32(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Fixed window aligned to whole wall-clock seconds: easy to reason about in tests ("at most N per
 * second, capacity returns at the next second boundary"). Rejected requests do not use capacity.
 */
class RateLimiter {
	constructor() {
		this.windowStart = 0;
		this.count = 0;
		this.inFlight = 0;
	}

	/**
	 * Ask for a slot. Returns null when admitted, else the Retry-After seconds (integer >= 1).
	 * `limit` is `{ perSecond, maxInFlight }` or null.
	 */
	admit(limit, now = Date.now()) {
		if (!limit) return null;
		if (limit.maxInFlight && this.inFlight >= limit.maxInFlight) return 1;
		if (limit.perSecond) {
			const window = Math.floor(now / 1000) * 1000;
			if (window !== this.windowStart) {
				this.windowStart = window;
				this.count = 0;
			}
			if (this.count >= limit.perSecond) {
				return Math.max(1, Math.ceil((window + 1000 - now) / 1000));
			}
			this.count += 1;
		}
		return null;
	}
}

/** Random fault picker: one draw per /v1 request, deterministic for a seed and request order. */
class RandomFaults {
	constructor(config) {
		this.config = config || null;
		this.random = mulberry32(config && Number.isFinite(config.seed) ? config.seed : 1);
	}

	/** @returns {null | {kind:'5xx'|'reset'|'malformed'|'slow', slowMs?:number}} */
	draw() {
		const c = this.config;
		if (!c) return null;
		const r = this.random();
		let edge = 0;
		for (const [kind, rate] of [['5xx', c.rate5xx], ['reset', c.rateReset], ['malformed', c.rateMalformed], ['slow', c.rateSlow]]) {
			edge += rate || 0;
			if (r < edge) return kind === 'slow' ? { kind, slowMs: c.slowMs ?? 1000 } : { kind };
		}
		return null;
	}
}

const FAULT_KINDS = ['status', 'reset', 'malformed', 'slow', '429'];

/** Validate and normalise a one-shot fault definition (throws a message string on error). */
function normaliseFault(f) {
	if (!f || typeof f !== 'object') throw new Error('fault must be an object');
	if (!FAULT_KINDS.includes(String(f.kind))) throw new Error(`fault.kind must be one of ${FAULT_KINDS.join(', ')}`);
	const when = f.when ?? 'before';
	if (when !== 'before' && when !== 'after') throw new Error("fault.when must be 'before' or 'after'");
	const times = f.times ?? 1;
	if (!Number.isInteger(times) || times < 1) throw new Error('fault.times must be a positive integer');
	const match = f.match || {};
	let pathTest = null;
	if (match.path !== undefined) {
		const p = String(match.path);
		const rx = /^\/(.+)\/([a-z]*)$/.exec(p);
		pathTest = rx ? new RegExp(rx[1], rx[2]) : p;
	}
	return {
		kind: String(f.kind),
		times,
		when,
		status: f.status,
		code: f.code,
		message: f.message,
		retryAfter: f.retryAfter,
		location: f.location === undefined ? undefined : String(f.location),
		slowMs: f.slowMs,
		method: match.method ? String(match.method).toUpperCase() : null,
		pathTest,
		match: f.match,
	};
}

/** Queue of one-shot faults; without `match.path` a fault only applies to /v1 requests. */
class FaultQueue {
	constructor() {
		this.items = [];
	}

	add(fault) {
		const f = normaliseFault(fault);
		this.items.push(f);
		return f;
	}

	clear() {
		this.items = [];
	}

	/** Take (consume one use of) the first fault matching this request, or null. */
	take(method, path) {
		const i = this.items.findIndex((f) => matches(f, method, path));
		if (i < 0) return null;
		const f = this.items[i];
		f.times -= 1;
		if (f.times <= 0) this.items.splice(i, 1);
		return f;
	}

	list() {
		return this.items.map((f) => ({ kind: f.kind, times: f.times, when: f.when, match: f.match }));
	}
}

function matches(f, method, path) {
	if (f.method && f.method !== method) return false;
	if (f.pathTest === null) return path.startsWith('/v1/');
	return typeof f.pathTest === 'string' ? path.includes(f.pathTest) : f.pathTest.test(path);
}

/** 429 RATE-001 with a whole-second Retry-After (at least 1). */
function rateLimited(retryAfter) {
	const seconds = Math.max(1, Math.ceil(Number(retryAfter) || 1));
	return reply(429, errorBody('RATE-001', 'Too many requests'), { 'Retry-After': String(seconds) });
}

/** Random faults: 5xx/reset happen before processing, malformed after (a lost real answer). */
function fromRandom(f) {
	if (!f) return null;
	return { kind: f.kind, when: f.kind === 'malformed' ? 'after' : 'before', slowMs: f.slowMs };
}

/**
 * What a fault answers instead of `result` (the real answer when the request was processed, else null):
 * 'reset' (destroy the socket) or `{reply, malformed?}`.
 */
function faultAnswer(fault, result) {
	switch (fault.kind) {
		case 'reset':
			return 'reset';
		case 'malformed':
			return { reply: result || reply(200, { success: true, data: {} }), malformed: true };
		case '429':
			return { reply: rateLimited(fault.retryAfter ?? 1) };
		case '5xx':
			return { reply: reply(503, errorBody('SYS-503', 'Service temporarily unavailable')) };
		default: {
			// 'status'
			const status = fault.status ?? 500;
			/** @type {Record<string, string>} */
			const headers = {};
			if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
			if (fault.location !== undefined) headers.Location = fault.location; // e.g. a 307 to another origin
			return { reply: reply(status, errorBody(fault.code ?? `SYS-${status}`, fault.message ?? 'Injected fault'), headers) };
		}
	}
}

module.exports = { mulberry32, RateLimiter, RandomFaults, FaultQueue, normaliseFault, rateLimited, fromRandom, faultAnswer };
