import { sleep } from 'n8n-workflow';

/** What a bulk request answered for one row: its value, or its own error. */
export type RowOutcome<T> = { value: T } | { error: unknown };

interface Batch<Row, T> {
	rows: Row[];
	settle: Array<(outcome: RowOutcome<T>) => void>;
	lastAddedAt: number;
	flush: (rows: Row[]) => Promise<Array<RowOutcome<T>>>;
}

// RoutingNode hands every row of a run to the request path within one turn of the event loop (or one batch
// of "Request Options > Batching"); a batch that saw no new row for this long has all the rows it will get.
const IDLE_MS = 20;

const open = new Map<string, Batch<unknown, unknown>>();

async function flushBatch<Row, T>(batch: Batch<Row, T>): Promise<void> {
	let outcomes: Array<RowOutcome<T>>;
	try {
		outcomes = await batch.flush(batch.rows);
	} catch (error) {
		outcomes = batch.rows.map(() => ({ error }));
	}
	batch.settle.forEach((settle, index) => settle(outcomes[index] ?? { error: new Error('No answer for this row') }));
}

/**
 * Adds one row to the open batch under `key` (one per run, node and kind of request) and resolves with that
 * row's outcome once the batch was sent: as soon as it holds `maxRows` rows, or when no row joined it for a
 * moment. `flush` sends one batch and answers one outcome per row, in order.
 */
export async function gatherRow<Row, T>(
	key: string,
	row: Row,
	maxRows: number,
	flush: (rows: Row[]) => Promise<Array<RowOutcome<T>>>,
): Promise<RowOutcome<T>> {
	let batch = open.get(key) as Batch<Row, T> | undefined;
	const starting = batch === undefined;
	if (!batch) {
		batch = { rows: [], settle: [], lastAddedAt: 0, flush };
		open.set(key, batch as Batch<unknown, unknown>);
	}
	const outcome = new Promise<RowOutcome<T>>((resolve) => batch.settle.push(resolve));
	batch.rows.push(row);
	batch.lastAddedAt = Date.now();
	if (batch.rows.length >= maxRows) {
		open.delete(key);
		void flushBatch(batch);
	} else if (starting) {
		void (async () => {
			const current = batch;
			while (open.get(key) === current && Date.now() - current.lastAddedAt < IDLE_MS) await sleep(IDLE_MS);
			if (open.get(key) !== current) return;
			open.delete(key);
			await flushBatch(current);
		})();
	}
	return await outcome;
}

/** How many batches are waiting for rows (tests: nothing is left behind after a run). */
export function openBatches(): number {
	return open.size;
}
