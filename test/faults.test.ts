/**
 * Fault matrix: many items through n8n's RoutingNode against the sandbox while it rate-limits, fails,
 * resets, stalls, garbles answers and expires tokens. Whatever happens, every contact exists exactly once,
 * every input item has exactly one output (or error) item in its place, nothing leaks, and the node never
 * has more requests in flight than it was told.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: timers trickle answers or watch the sandbox */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { activeLimiters } from '../nodes/Sakari/shared/run';
import { backoff } from '../nodes/Sakari/shared/retryPolicy';
import { everythingShownOf, expectNoSecrets, rejectionOf } from './helpers/leaks';
import { CredentialStore, runSakari } from './helpers/routing';
import {
	SANDBOX_ACCOUNT,
	apiRequests,
	tokenRequests,
	type RecordedRequest,
	type Sandbox,
} from './helpers/sandbox';
import { restoreTiming, useSandbox } from './helpers/suite';

const recorded = (): RecordedRequest[] => apiRequests(sandbox);

let sandbox: Sandbox;
let credentials: CredentialStore;

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

beforeAll(() => {
	// Production waits 0.5 s, 1 s, 2 s, …; the matrix keeps the same shape at a fiftieth of it.
	Object.assign(backoff, { baseMs: 10, maxMs: 200 });
});

afterAll(() => {
	restoreTiming();
});

afterEach(() => {
	expect(activeLimiters()).toBe(0);
});

let batch = 0;

/** `count` distinct valid US mobile numbers, different in every test so a merge could never hide a bug. */
function phones(count: number): string[] {
	batch++;
	return Array.from({ length: count }, (_, index) => `+1347${String(batch * 10_000 + index).padStart(7, '0')}`);
}

const createEach = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'contact',
	operation: 'create',
	mobileNumber: '={{ $json.phone }}',
	mobileCountry: 'US',
	...parameters,
});

async function createAll(
	numbers: string[],
	{ continueOnFail = false, parameters = {} }: { continueOnFail?: boolean; parameters?: INodeParameters } = {},
): Promise<INodeExecutionData[]> {
	return await runSakari({
		parameters: createEach(parameters),
		items: numbers.map((phone, index) => ({ json: { phone, row: index } })),
		credentials,
		continueOnFail,
	});
}

/** How many contacts the sandbox holds per mobile number. */
function contactsByNumber(): Map<string, number> {
	const counts = new Map<string, number>();
	for (const contact of sandbox.state().contacts) {
		const number = (contact.mobile as { number: string }).number;
		counts.set(number, (counts.get(number) ?? 0) + 1);
	}
	return counts;
}

/**
 * Every number given exists exactly once in Sakari, and nothing else does; except the numbers of rows that gave
 * up, which exist at most once (a garbled answer can come after Sakari stored the contact).
 */
function expectCreatedExactlyOnce(numbers: string[], gaveUp: string[] = []): void {
	const counts = contactsByNumber();
	expect([...counts.values()].filter((count) => count !== 1)).toEqual([]);
	const created = [...counts.keys()].filter((phone) => !gaveUp.includes(phone));
	expect(created.sort()).toEqual(numbers.filter((phone) => !gaveUp.includes(phone)).sort());
}

/** What became of the attempts to create this number (a 401 is not one: n8n resends it within the attempt). */
function attemptsFor(phone: string): { failed: number; answered: number } {
	const attempts = apiRequests(sandbox).filter(
		(request) => request.method === 'POST' && request.status !== 401 && request.rawBody.includes(phone),
	);
	const failed = attempts.filter(
		(request) =>
			request.status === 0 ||
			request.status === 429 ||
			request.status >= 500 ||
			(request.fault !== undefined && request.fault !== 'slow'),
	).length;
	return { failed, answered: attempts.length - failed };
}

/**
 * The rows the sandbox failed on every one of their 1 + Max Retries attempts; every other row was answered by
 * Sakari exactly once. Seeded faults are one fixed sequence handed out in arrival order: a row retrying alone near
 * the end of a run takes consecutive draws from it, so whether some row meets more faults in a row than it may
 * retry depends on timing (under load, 1 run in 6: six recorded attempts, all faulted), not on the node.
 */
function rowsOutOfRetries(numbers: string[], maxRetries = 5): number[] {
	return numbers.flatMap((phone, index) => {
		const { failed, answered } = attemptsFor(phone);
		if (answered === 0) {
			expect({ phone, failed }).toEqual({ phone, failed: maxRetries + 1 });
			return [index];
		}
		expect({ phone, answered, retriedAtMost: Math.min(failed, maxRetries) }).toEqual({
			phone,
			answered: 1,
			retriedAtMost: failed,
		});
		return [];
	});
}

/** Every row created once, or (out of retries) an error item in its place that says it gave up. */
function expectCreatedUnlessOutOfRetries(output: INodeExecutionData[], numbers: string[]): void {
	const gaveUp = rowsOutOfRetries(numbers);
	const errorsInPlace = output.map((item, index) =>
		item.error ? { ...item, json: { mobile: { number: numbers[index] } } } : item,
	);
	expect(expectOneItemPerInput(errorsInPlace, numbers).failed).toEqual(gaveUp);
	for (const index of gaveUp) expect(output[index].error?.message).toBeTruthy();
	expectCreatedExactlyOnce(
		numbers,
		gaveUp.map((index) => numbers[index]),
	);
}

/**
 * The same without continue-on-fail: every contact, or the run failed on a row out of retries and nothing
 * exists twice.
 */
async function expectCreatedUnlessOutOfRetriesOrFailed(numbers: string[], parameters: INodeParameters = {}) {
	const outcome = await createAll(numbers, { parameters }).catch((error: Error) => error);
	if (!(outcome instanceof Error)) return expectCreatedUnlessOutOfRetries(outcome, numbers);
	const index = (outcome as Error & { context?: { itemIndex?: number } }).context?.itemIndex ?? -1;
	expect(rowsOutOfRetries(numbers)).toContain(index);
	expect([...contactsByNumber().values()].filter((count) => count !== 1)).toEqual([]);
}

/** One output item per input item, in input order, each paired to its input: the contact, or its error. */
function expectOneItemPerInput(output: INodeExecutionData[], numbers: string[]): { failed: number[] } {
	expect(output).toHaveLength(numbers.length);
	const failed: number[] = [];
	output.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		if (item.error) failed.push(index);
		else expect((item.json.mobile as { number: string }).number).toBe(numbers[index]);
	});
	return { failed };
}

/** No client secret and no token the node ever sent shows up in any of these errors. */
function expectNothingLeaks(errors: unknown[]): void {
	const tokens = sandbox
		.requests()
		.map((request) => (request.headers.authorization ?? '').replace(/^Bearer /, ''))
		.filter(Boolean);
	for (const error of errors) expectNoSecrets(everythingShownOf(error), [SANDBOX_ACCOUNT.clientSecret, ...tokens]);
}

function expectBoundedInFlight(concurrency = 5): void {
	expect(sandbox.stats().maxInFlight).toBeLessThanOrEqual(concurrency);
}

/** Expires every token once `creates` contacts have been answered: a token running out mid-run. */
function expireTokensAfter(creates: number): () => void {
	const timer = setInterval(() => {
		if ((sandbox.stats().byStatus['201'] ?? 0) >= creates) {
			sandbox.expireTokens();
			clearInterval(timer);
		}
	}, 2);
	return () => clearInterval(timer);
}

describe('each fault alone: every item succeeds after retries, each contact exactly once', () => {
	it('429 with Retry-After: the whole run waits as told, then goes on', async () => {
		const numbers = phones(60);
		sandbox.injectFault({ kind: 'status', status: 429, retryAfter: 0.2, times: 8, match: { path: '/contacts' } });
		const started = Date.now();
		const output = await createAll(numbers);

		expect(expectOneItemPerInput(output, numbers).failed).toEqual([]);
		expectCreatedExactlyOnce(numbers);
		expectBoundedInFlight();
		expect(sandbox.stats().byStatus['429']).toBe(8);
		// Each 429 pauses everything for its Retry-After (pauses overlap while answers are in flight).
		expect(Date.now() - started).toBeGreaterThanOrEqual(200);
	});

	it("429 from the sandbox's own per-second limit: converges on the limit without losing anything", async () => {
		const numbers = phones(90);
		sandbox.configure({ rateLimit: { perSecond: 40 } });
		const output = await createAll(numbers);

		expect(expectOneItemPerInput(output, numbers).failed).toEqual([]);
		expectCreatedExactlyOnce(numbers);
		expectBoundedInFlight();
		const stats = sandbox.stats();
		expect(stats.rateLimited).toBeGreaterThan(0);
		// Pausing the whole run on a 429 means a handful per window, not one per waiting item.
		expect(stats.rateLimited).toBeLessThanOrEqual(4 * 5);
	});

	it('429 without Retry-After: exponential backoff, still every item', async () => {
		const numbers = phones(40);
		sandbox.injectFault({ kind: 'status', status: 429, times: 12, match: { path: '/contacts' } });
		const output = await createAll(numbers);

		expect(expectOneItemPerInput(output, numbers).failed).toEqual([]);
		expectCreatedExactlyOnce(numbers);
		expectBoundedInFlight();
		expect(sandbox.stats().byStatus['429']).toBe(12);
	});

	it.each([
		['5xx', { rate5xx: 0.25 }],
		['connection resets', { rateReset: 0.25 }],
		['malformed JSON (after Sakari stored the contact)', { rateMalformed: 0.25 }],
		['slow answers', { rateSlow: 0.25, slowMs: 150 }],
	])('%s', async (_name, faults) => {
		const numbers = phones(60);
		sandbox.configure({ faults: { seed: 7, ...faults }, latencyMs: 10 });
		const output = await createAll(numbers, { continueOnFail: true });

		expectCreatedUnlessOutOfRetries(output, numbers);
		// Up to five at a time: the node is not accidentally serial, and the bound is never passed.
		expect(sandbox.stats().maxInFlight).toBeGreaterThanOrEqual(3);
		expectBoundedInFlight();
		expect(recorded().filter((request) => request.fault).length).toBeGreaterThan(5);
	});

	it('token expiry mid-run: exactly one new token for all items, each rejected request retried once', async () => {
		const numbers = phones(150);
		sandbox.configure({ latencyMs: 2 });
		const stop = expireTokensAfter(40);
		const output = await createAll(numbers);
		stop();

		expect(expectOneItemPerInput(output, numbers).failed).toEqual([]);
		expectCreatedExactlyOnce(numbers);
		expectBoundedInFlight();
		expect(tokenRequests(sandbox)).toHaveLength(2);
		const rejected = apiRequests(sandbox).filter((request) => request.status === 401);
		expect(rejected.length).toBeGreaterThan(0);
		expect(rejected.length).toBeLessThanOrEqual(5);
	});

	it('the token endpoint failing once: asked again, one token for the run', async () => {
		const numbers = phones(30);
		sandbox.injectFault({ kind: 'status', status: 503, times: 1, match: { path: 'oauth2/token' } });
		const output = await createAll(numbers);

		expect(expectOneItemPerInput(output, numbers).failed).toEqual([]);
		expectCreatedExactlyOnce(numbers);
		expect(tokenRequests(sandbox)).toHaveLength(2);
	});
});

describe('faults mixed (seeded), with and without continue-on-fail', () => {
	const mixed = { seed: 42, rate5xx: 0.06, rateReset: 0.06, rateMalformed: 0.06, rateSlow: 0.06, slowMs: 100 };

	it.each([false, true])('continueOnFail=%s: all created once, all items in order', async (continueOnFail) => {
		const numbers = phones(150);
		sandbox.configure({ faults: mixed, rateLimit: { perSecond: 100 }, latencyMs: 1 });
		sandbox.injectFault({ kind: 'status', status: 429, times: 3, match: { path: '/contacts' } });
		const stop = expireTokensAfter(60);
		if (continueOnFail) expectCreatedUnlessOutOfRetries(await createAll(numbers, { continueOnFail }), numbers);
		else await expectCreatedUnlessOutOfRetriesOrFailed(numbers);
		stop();

		expectBoundedInFlight();
		expect(tokenRequests(sandbox)).toHaveLength(2);
	});

	it('with a lower concurrency, the node keeps to it', async () => {
		const numbers = phones(60);
		sandbox.configure({ faults: mixed, latencyMs: 3 });
		await expectCreatedUnlessOutOfRetriesOrFailed(numbers, { requestOptions: { maxConcurrentRequests: 2 } });

		expectBoundedInFlight(2);
		expect(sandbox.stats().maxInFlight).toBe(2);
	});
});

describe('what cannot succeed becomes a clear error on its own item', () => {
	const invalidEvery = 7; // every 7th row has a number Sakari refuses (CONT-001), each its own

	function withInvalidRows(count: number): { numbers: string[]; valid: string[]; refused: number[] } {
		const numbers = phones(count).map((phone, index) =>
			index % invalidEvery === 3 ? `+1555${String(index).padStart(3, '0')}` : phone,
		);
		const refused = numbers.flatMap((phone, index) => (phone.startsWith('+1555') ? [index] : []));
		return { numbers, valid: numbers.filter((phone) => !phone.startsWith('+1555')), refused };
	}

	it('continue-on-fail under mixed faults: refused rows are error items in place, the rest created once', async () => {
		const { numbers, valid, refused } = withInvalidRows(100);
		// No malformed answers here: one garbling a CONT-001 answer would (rightly) leave only "HTTP 400" to report.
		sandbox.configure({ faults: { seed: 3, rate5xx: 0.1, rateReset: 0.1, rateSlow: 0.1, slowMs: 50 } });
		const output = await createAll(numbers, { continueOnFail: true });

		const gaveUp = rowsOutOfRetries(numbers);
		const { failed } = expectOneItemPerInput(
			output.map((item, index) => (item.error ? { ...item, json: { mobile: { number: numbers[index] } } } : item)),
			numbers,
		);
		expect(failed).toEqual([...new Set([...refused, ...gaveUp])].sort((a, b) => a - b));
		for (const index of failed) {
			expect(output[index].json).toEqual({});
			expect((output[index].error?.context as { itemIndex?: number }).itemIndex).toBe(index);
			if (!gaveUp.includes(index)) expect(output[index].error?.message).toBe('Invalid mobile number (CONT-001)');
			else expect(output[index].error?.description).toMatch(/gave up after 6 attempt\(s\)/i);
		}
		expectCreatedExactlyOnce(
			valid,
			gaveUp.map((index) => numbers[index]),
		);
		expectBoundedInFlight();
		expectNothingLeaks(output.map((item) => item.error).filter(Boolean));
	});

	it('without continue-on-fail: the run fails on the first refused row, and every other contact still exists once', async () => {
		const { numbers, valid } = withInvalidRows(50);
		sandbox.configure({ faults: { seed: 5, rate5xx: 0.1, rateReset: 0.1 } });
		const error = await rejectionOf(createAll(numbers));

		expect(error.message).toBe('Invalid mobile number (CONT-001)');
		expect((error.context as { itemIndex?: number }).itemIndex).toBe(3);
		expectCreatedExactlyOnce(valid);
		expectBoundedInFlight();
		expectNothingLeaks([error]);
	});

	it('a server that keeps failing: each item gives up after Max Retries, saying so, without a secret', async () => {
		const numbers = phones(12);
		sandbox.injectFault({ kind: 'status', status: 503, times: 1000, match: { path: '/contacts' } });
		const output = await createAll(numbers, { continueOnFail: true, parameters: { requestOptions: { maxRetries: 2 } } });

		expect(expectOneItemPerInput(output, numbers.map(() => '')).failed).toHaveLength(12);
		expect(apiRequests(sandbox)).toHaveLength(12 * 3);
		for (const item of output) {
			expect(item.error?.message).toBe('Injected fault (SYS-503)');
			expect(item.error?.description).toContain('gave up after 3 attempt(s)');
		}
		expectBoundedInFlight();
		expectNothingLeaks(output.map((item) => item.error));
	});

	it('a wrong client secret with many items: one token request, one clear error per item', async () => {
		// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up wrong secret the errors must not show
		const secret = 'wrong-secret-9b1d7e';
		credentials = new CredentialStore({ ...SANDBOX_ACCOUNT, clientSecret: secret, baseUrl: sandbox.url });
		const numbers = phones(200);
		const output = await createAll(numbers, { continueOnFail: true });

		expect(expectOneItemPerInput(output, numbers.map(() => '')).failed).toHaveLength(200);
		expect(tokenRequests(sandbox)).toHaveLength(1);
		expect(apiRequests(sandbox)).toHaveLength(0);
		expect(output[199].error?.message).toContain('Sakari rejected the Client ID or Client Secret (HTTP 401)');
		expectNoSecrets(
			output.map((item) => everythingShownOf(item.error)).join('\n'),
			[secret],
		);
	});
});

describe("n8n's own Request Options → Batching", () => {
	it('still spaces the batches, within the same bound and without losing anything', async () => {
		const numbers = phones(30);
		sandbox.configure({ latencyMs: 2 });
		const started = Date.now();
		const output = await createAll(numbers, {
			parameters: { requestOptions: { batching: { batch: { batchSize: 10, batchInterval: 150 } } } },
		});

		expect(Date.now() - started).toBeGreaterThanOrEqual(300);
		expect(expectOneItemPerInput(output, numbers).failed).toEqual([]);
		expectCreatedExactlyOnce(numbers);
		expectBoundedInFlight();
		// Three batches, 150 ms apart: the first request of each batch comes at least ~150 ms after the previous batch's.
		const times = recorded().map((request) => request.startedAt);
		expect(times[20] - times[0]).toBeGreaterThanOrEqual(290);
	});
});
