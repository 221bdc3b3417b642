import { sleep } from 'n8n-workflow';

/**
 * Bounds how many requests one node run has in flight, and holds all of them back while Sakari has asked
 * for a pause (429). n8n starts every input item's request at once; without this, 5,000 rows are 5,000
 * simultaneous requests.
 */
export class RequestLimiter {
	private active = 0;

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

const timing = { baseMs: 500, maxMs: 30_000 };

/** Exponential backoff with jitter: somewhere in [cap/2, cap], cap doubling per attempt (500 ms, 1 s, 2 s, … 30 s). */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const cap = Math.min(timing.maxMs, timing.baseMs * 2 ** attempt);
	return Math.round(cap / 2 + (random() * cap) / 2);
}

/** Shortens (tests) or restores the backoff; production keeps the defaults above. */
export function setBackoff(options: { baseMs?: number; maxMs?: number } = {}): void {
	timing.baseMs = options.baseMs ?? 500;
	timing.maxMs = options.maxMs ?? 30_000;
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
