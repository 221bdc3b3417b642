// @ts-check
'use strict';
// 2,000 rows through real n8n with the node's default settings against a sandbox that allows 50 requests/s:
// every contact created exactly once, every row answered in order and paired, one token, and requests paced
// near the 40 s floor (`npm run bench -- --real-n8n` prints the numbers).
const { startCheckedSandbox, useContractCheck } = require('./folder');
const { runRealN8n } = require('../../scripts/bench/real-n8n.cjs');

const N = 2000;
const RATE = 50;
const FLOOR_MS = (N / RATE) * 1000;

let sandbox;
useContractCheck(() => sandbox);

beforeAll(async () => {
	sandbox = await startCheckedSandbox({ rateLimit: { perSecond: RATE } });
});

afterAll(async () => {
	await sandbox?.close();
});

test(
	`${N} contacts at ${RATE} requests/s: none lost, none twice, one token, in order`,
	async () => {
		const run = await runRealN8n({ sandbox, n: N, firstNumber: 6_000_000 });
		if (!run.ok) throw new Error(`n8n execute failed: ${run.error}`);

		const items = run.items;
		expect(items).toHaveLength(N);
		const misplaced = items.filter(
			(item, index) => item.json?.mobile?.number !== run.expected[index] || item.pairedItem?.item !== index,
		);
		expect(misplaced).toEqual([]);

		const counts = new Map();
		for (const contact of sandbox.state().contacts) counts.set(contact.mobile.number, (counts.get(contact.mobile.number) ?? 0) + 1);
		expect(counts.size).toBe(N);
		expect([...counts.values()].every((count) => count === 1)).toBe(true);

		const stats = sandbox.stats();
		expect(stats.tokenRequests).toBe(1);
		expect(stats.maxInFlight).toBeLessThanOrEqual(5);
		// n8n resolves every item's parameters before the first request leaves (docs/performance.md), so the
		// node's pacing is judged on the request phase: first create to last answer, against N / rate.
		const creates = sandbox.requests().filter((request) => request.path.startsWith('/v1/'));
		const requestPhaseMs = creates.at(-1).startedAt + creates.at(-1).durationMs - creates[0].startedAt;
		process.stderr.write(
			`[load] node ${run.nodeMs} ms, n8n item setup ${creates[0].startedAt - run.nodeStartedAt} ms, request phase ${requestPhaseMs} ms (floor ${FLOOR_MS} ms), ${stats.rateLimited} x 429\n`,
		);
		expect(requestPhaseMs).toBeGreaterThanOrEqual(FLOOR_MS * 0.95);
		expect(requestPhaseMs).toBeLessThan(FLOOR_MS * 1.4);
	},
	300_000,
);
