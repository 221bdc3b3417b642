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

	constructor(readonly concurrency: number) {}

	get idle(): boolean {
		return this.active === 0 && this.waiting.length === 0;
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

const limiters = new Map<string, RequestLimiter>();

/** The limiter of one node in one execution, created on first use and dropped when it falls idle. */
export async function withLimiter<T>(
	key: string,
	concurrency: number,
	task: (limiter: RequestLimiter) => Promise<T>,
): Promise<T> {
	let limiter = limiters.get(key);
	if (!limiter || limiter.concurrency !== concurrency) {
		limiter = new RequestLimiter(concurrency);
		limiters.set(key, limiter);
	}
	try {
		return await task(limiter);
	} finally {
		if (limiter.idle && limiters.get(key) === limiter) limiters.delete(key);
	}
}
