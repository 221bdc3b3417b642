import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { e164Of } from './countries';
import { quote, text } from './fieldChecks';

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
// The last flush of each ordered run (see gatherRow's `inOrder`): the next one starts when it has settled.
const lastFlush = new Map<string, Promise<void>>();

async function flushBatch<Row, T>(batch: Batch<Row, T>): Promise<void> {
	let outcomes: Array<RowOutcome<T>>;
	try {
		outcomes = await batch.flush(batch.rows);
	} catch (error) {
		outcomes = batch.rows.map(() => ({ error }));
	}
	batch.settle.forEach((settle, index) => settle(outcomes[index] ?? { error: new Error('No answer for this row') }));
}

/** Flushes after every earlier flush under `inOrder` has settled (at once when there is none). */
async function flushInOrder<Row, T>(batch: Batch<Row, T>, inOrder: string | undefined): Promise<void> {
	if (inOrder === undefined) return await flushBatch(batch);
	const flushed = (lastFlush.get(inOrder) ?? Promise.resolve()).then(async () => await flushBatch(batch));
	lastFlush.set(inOrder, flushed);
	await flushed;
	if (lastFlush.get(inOrder) === flushed) lastFlush.delete(inOrder);
}

/**
 * Adds one row to the open batch under `key` (one per run, node and kind of request) and resolves with that
 * row's outcome once the batch was sent: as soon as it holds `maxRows` rows, or when no row joined it for a
 * moment. `flush` sends one batch and answers one outcome per row, in order. Batches given the same `inOrder`
 * are sent one after another, so a row in a later batch reaches Sakari after the rows before it.
 */
export async function gatherRow<Row, T>(
	key: string,
	row: Row,
	maxRows: number,
	flush: (rows: Row[]) => Promise<Array<RowOutcome<T>>>,
	inOrder?: string,
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
		void flushInOrder(batch, inOrder);
	} else if (starting) {
		void (async () => {
			const current = batch;
			while (open.get(key) === current && Date.now() - current.lastAddedAt < IDLE_MS) await sleep(IDLE_MS);
			if (open.get(key) !== current) return;
			open.delete(key);
			await flushInOrder(current, inOrder);
		})();
	}
	return await outcome;
}

/** Rows into batches of at most `maxRows`, none holding two rows with the same key (one number, one recipient). */
export function intoBatches<Row>(rows: Row[], keyOf: (row: Row) => string, maxRows: number): Row[][] {
	const batches: Array<{ rows: Row[]; keys: Set<string> }> = [];
	for (const row of rows) {
		const key = keyOf(row);
		let batch = batches.find((candidate) => candidate.rows.length < maxRows && !candidate.keys.has(key));
		if (!batch) {
			batch = { rows: [], keys: new Set() };
			batches.push(batch);
		}
		batch.rows.push(row);
		batch.keys.add(key);
	}
	return batches.map((batch) => batch.rows);
}

/** The entries of a bulk answer (accepted or refused) that name one row, and whether another row names them too. */
export interface RowAnswer<Entry> {
	accepted: Entry[];
	refused: Entry[];
	/** An entry this row names is named by another row of the same request: it is nobody's for certain. */
	shared: boolean;
}

/**
 * Which entries of a bulk answer belong to which row. Sakari documents no order for them (contacts[],
 * errors[], messages[], invalid[]), so an entry belongs to the rows that share one of its keys (their own
 * number or ID, exactly), never to a row by its position.
 */
export function answersByRow<Row, Entry>(
	rows: Row[],
	answer: { accepted: Entry[]; refused: Entry[] },
	keys: { row: (row: Row) => string[]; entry: (entry: Entry) => string[] },
): { perRow: Array<RowAnswer<Entry>>; unclaimed: Entry[] } {
	const perRow = rows.map((): RowAnswer<Entry> => ({ accepted: [], refused: [], shared: false }));
	const rowsByKey = new Map<string, Array<RowAnswer<Entry>>>();
	rows.forEach((row, index) => {
		for (const key of new Set(keys.row(row))) rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), perRow[index]]);
	});
	const unclaimed: Entry[] = [];
	for (const kind of ['accepted', 'refused'] as const) {
		for (const entry of answer[kind]) {
			const claimants = new Set(keys.entry(entry).flatMap((key) => rowsByKey.get(key) ?? []));
			if (claimants.size === 0) unclaimed.push(entry);
			for (const claimant of claimants) {
				claimant[kind].push(entry);
				claimant.shared ||= claimants.size > 1;
			}
		}
	}
	return { perRow, unclaimed };
}

/**
 * What a row's entries say for certain: one accepted entry (the same object listed once or more), one refusal,
 * or nothing. Anything else (an entry another row names too, the row accepted and refused, two objects for
 * one row) is not certain, and no guess is made.
 */
export function verdictOf<Entry>(
	answer: RowAnswer<Entry>,
	idOf: (entry: Entry) => string,
): { accepted: Entry } | { refused: Entry } | { uncertain: Entry[] } | { missing: true } {
	const { accepted, refused, shared } = answer;
	const objects = new Set(accepted.map(idOf));
	if (shared || (accepted.length > 0 && refused.length > 0) || objects.size > 1) {
		return { uncertain: [...accepted, ...refused] };
	}
	if (accepted.length > 0) return { accepted: accepted[0] };
	if (refused.length > 0) return { refused: refused[0] };
	return { missing: true };
}

/**
 * What names a number in Sakari's answer (a contact's, a refused row's or recipient's `mobile`): its E.164 form,
 * and the very text and country that were sent (a refusal may echo them). Never a part of a number.
 */
export function mobileKeys(answered: unknown): string[] {
	const mobile = (answered ?? {}) as IDataObject;
	const number = text(mobile.number);
	if (number === '') return [];
	const country = text(mobile.country).toUpperCase();
	const e164 = e164Of(number, country);
	return [`sent:${number}|${country}`, ...(e164 === undefined ? [] : [`e164:${e164}`])];
}

/** The keys of a row's own number: its E.164 form, and its text with its country (or none, if Sakari leaves it out). */
export function rowMobileKeys(row: { number: string; country: string; e164: string }): string[] {
	return [`e164:${row.e164}`, `sent:${row.number}|${row.country}`, `sent:${row.number}|`];
}

/** Entries of an answer as an error message names them: number or ID, and Sakari's code and words for a refusal. */
export function describeEntries(entries: IDataObject[]): string {
	const shown = entries.slice(0, 5).map((entry) => {
		const contact = (entry.contact ?? entry) as IDataObject;
		const mobile = (contact.mobile ?? {}) as IDataObject;
		const conversation = (entry.conversation ?? {}) as IDataObject;
		const who = quote(text(mobile.number) || text(contact.id) || text(conversation.id));
		const problem = entry.error as IDataObject | undefined;
		if (!problem) return `${who} (ID ${quote(text(entry.id))})`;
		const reason = [text(problem.description) || text(problem.message), text(problem.code) && `(${text(problem.code)})`];
		return `${who} refused: ${reason.filter(Boolean).join(' ')}`;
	});
	return `${shown.join('; ')}${entries.length > shown.length ? `; and ${entries.length - shown.length} more` : ''}`;
}

/** A row's error about what a bulk answer said (or did not say) for it, with what to do next. */
export function rowError(context: IExecuteSingleFunctions, message: string, description: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex: context.getItemIndex(), description });
}

/** How many batches are waiting for rows (tests: nothing is left behind after a run). */
export function openBatches(): number {
	return open.size;
}
