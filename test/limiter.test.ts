import { sleep } from 'n8n-workflow';

import { RequestLimiter, activeLimiters, withLimiter } from '../nodes/Sakari/shared/run';

const tick = async (ms = 0) => await sleep(ms);

/** Runs `count` tasks of `ms` each through one limiter key, recording the most in flight at once. */
async function runTasks(key: string, concurrency: number, count: number, ms: number) {
	let inFlight = 0;
	let maxInFlight = 0;
	const order: number[] = [];
	await Promise.all(
		Array.from({ length: count }, async (_, index) =>
			await withLimiter(key, concurrency, async (limiter) => {
				await limiter.acquire();
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				order.push(index);
				await tick(ms);
				inFlight--;
				limiter.release();
			}),
		),
	);
	return { maxInFlight, order };
}

describe('RequestLimiter', () => {
	it('never has more than `concurrency` requests in flight, and starts them in arrival order', async () => {
		const { maxInFlight, order } = await runTasks('a', 3, 40, 2);
		expect(maxInFlight).toBe(3);
		expect(order).toEqual(Array.from({ length: 40 }, (_, index) => index));
	});

	it('gives a retry the next free slot, ahead of everything queued', async () => {
		const limiter = new RequestLimiter(1);
		await limiter.acquire();
		const started: string[] = [];
		const queued = ['q1', 'q2'].map(async (name) => {
			await limiter.acquire();
			started.push(name);
			limiter.release();
		});
		const retry = (async () => {
			await limiter.acquire(true);
			started.push('retry');
			limiter.release();
		})();
		limiter.release();
		await Promise.all([...queued, retry]);
		expect(started).toEqual(['retry', 'q1', 'q2']);
	});

	it('holds every request back while paused, including ones that already had a slot', async () => {
		const limiter = new RequestLimiter(5);
		const started = Date.now();
		limiter.pause(120);
		limiter.pause(50); // a shorter pause never shortens a longer one
		await Promise.all([limiter.acquire(), limiter.acquire(true)]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(115);
		expect(limiter.inFlight).toBe(2);
	});
});

describe('withLimiter', () => {
	it('shares one limiter per key, so two runs do not slow each other down', async () => {
		const [a, b] = await Promise.all([runTasks('run-1', 2, 10, 2), runTasks('run-2', 2, 10, 2)]);
		expect(a.maxInFlight).toBe(2);
		expect(b.maxInFlight).toBe(2);
	});

	it('keeps the limiter (and its bound) while a request waits to retry, then forgets it', async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		const request = async (retryAfterMs: number) =>
			await withLimiter('retrying', 1, async (limiter) => {
				for (let attempt = 0; attempt < 2; attempt++) {
					await limiter.acquire(attempt > 0);
					inFlight++;
					maxInFlight = Math.max(maxInFlight, inFlight);
					await tick(1);
					inFlight--;
					limiter.release();
					if (attempt === 0) await tick(retryAfterMs);
				}
			});
		// The first request sits between attempts (no slot, nothing queued) when the second arrives.
		const first = request(30);
		await tick(10);
		await Promise.all([first, request(0)]);
		expect(maxInFlight).toBe(1);
		expect(activeLimiters()).toBe(0);
	});

	it('forgets the limiter when a request fails', async () => {
		await expect(
			withLimiter('failing', 2, async () => {
				throw new Error('boom');
			}),
		).rejects.toThrow('boom');
		expect(activeLimiters()).toBe(0);
	});
});

describe('pacing after a 429', () => {
	it('paces a little under the rate admitted in the second before the 429', () => {
		const limiter = new RequestLimiter(5);
		const now = 1_000_000;
		for (let index = 0; index < 40; index++) limiter.succeeded(now - 900 + index * 20);
		expect(limiter.pacedAt).toBeUndefined();
		limiter.rateLimited(now);
		expect(limiter.pacedAt).toBeCloseTo(39.2, 5);
	});

	it('does not pace on a 429 with nothing admitted before it (a quota, or the first request)', () => {
		const limiter = new RequestLimiter(5);
		limiter.rateLimited();
		expect(limiter.pacedAt).toBeUndefined();
	});

	it('spaces requests at the paced rate', async () => {
		const limiter = new RequestLimiter(5);
		const now = Date.now();
		for (let index = 0; index < 21; index++) limiter.succeeded(now - index);
		limiter.rateLimited(now);
		expect(limiter.pacedAt).toBeCloseTo(20.58, 5);
		const started = Date.now();
		for (let index = 0; index < 6; index++) {
			await limiter.acquire();
			limiter.release();
		}
		// Six requests at ~20/s: the first at once, five more ~49 ms apart.
		expect(Date.now() - started).toBeGreaterThanOrEqual(235);
	});
});

describe('pacing over a long run', () => {
	// Drives the limiter's clock by hand: acquire() reads Date.now().
	const at = (ms: number) => jest.spyOn(Date, 'now').mockReturnValue(ms);
	afterEach(() => jest.restoreAllMocks());

	it('a later 429 lowers the pace; without 429s it rises back to just under what was admitted, not above', async () => {
		const limiter = new RequestLimiter(5);
		const start = 1_000_000;
		for (let index = 0; index < 50; index++) limiter.succeeded(start - 999 + index * 19);
		limiter.rateLimited(start);
		expect(limiter.pacedAt).toBeCloseTo(49, 5);
		for (let index = 0; index < 40; index++) limiter.succeeded(start + 100 + index * 20);
		limiter.rateLimited(start + 1000);
		expect(limiter.pacedAt).toBeCloseTo(39.2, 5);
		for (const step of [6_000, 12_000, 18_000, 24_000, 30_000]) {
			at(start + step);
			await limiter.acquire();
			limiter.release();
		}
		// 39.2 → ×1.05 each 5 s, capped at 98 % of the 40 admitted before the last 429.
		expect(limiter.pacedAt).toBeCloseTo(39.2, 5);
	});

	it('drops the pacing once no 429 came for a minute', async () => {
		const limiter = new RequestLimiter(5);
		const start = 2_000_000;
		for (let index = 0; index < 20; index++) limiter.succeeded(start - 500 + index * 20);
		limiter.rateLimited(start);
		expect(limiter.pacedAt).toBeCloseTo(19.6, 5);
		at(start + 30_000);
		await limiter.acquire();
		limiter.release();
		expect(limiter.pacedAt).toBeCloseTo(19.6, 5);
		at(start + 61_000);
		await limiter.acquire();
		limiter.release();
		expect(limiter.pacedAt).toBeUndefined();
	});
});
