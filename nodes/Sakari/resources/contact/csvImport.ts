// Contact → Create or Update's Import in Bulk: the rows of a run gathered into Sakari's CSV contact import, each
// row answered with its own contact or error.
import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import {
	answersByRow,
	describeEntries,
	gatherRow,
	intoBatches,
	mobileKeys,
	rowError,
	rowMobileKeys,
	verdictOf,
	type RowAnswer,
	type RowOutcome,
} from '../../shared/bulk';
import { e164Of } from '../../shared/countries';
import { readFailure, toSakariError } from '../../shared/errors';
import { FieldError, quote, text, wholeNumber } from '../../shared/fieldChecks';
import type { RequestData, RequestHandler } from '../../shared/dispatch';
import { runKey } from '../../shared/run';
import { sendBuilt, sendOne } from '../../shared/send';
import { CORE_COLUMNS } from './fields';


interface ImportRow {
	context: IExecutePaginationFunctions;
	requestData: RequestData;
	body: IDataObject & { mobile: { number: string; country: string } };
	/** The row's number as Sakari answers it (E.164): what its contact or refusal is known by. */
	e164: string;
}

/**
 * Refuses, before anything is sent, an attribute name Sakari's CSV import does not take as a column: one with a
 * space (help centre, "Adding, Editing, and Managing Contacts": field header names have no spaces).
 */
export function checkCsvAttributeNames(body: IDataObject): void {
	const spaced = Object.keys((body.attributes ?? {}) as IDataObject).find((name) => /\s/.test(name));
	if (spaced === undefined) return;
	throw new FieldError(
		'Attributes',
		`${quote(spaced)} contains a space, and Sakari's CSV import takes attribute column names without spaces (https://support.sakari.io/hc/en-us/articles/360039410111). Rename the attribute in Sakari and here (e.g. ${quote(spaced.replace(/\s+/g, '_'))}), or turn off Import in Bulk.`,
	);
}

/**
 * The CSV columns of a row's ContactRequest: the fields it has, then its attributes. Undefined when the row
 * must go as a JSON create: the CSV import has no lists column.
 */
function csvColumns(body: IDataObject): string[] | undefined {
	if (Array.isArray(body.lists) && body.lists.length > 0) return undefined;
	const attributes = Object.keys((body.attributes ?? {}) as IDataObject).sort();
	const fields = ['firstName', 'lastName', 'email'].filter((field) => body[field] !== undefined);
	return ['mobile', 'country', ...fields, ...attributes];
}

/** One CSV cell (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces. */
function csvCell(value: unknown): string {
	const cell = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
	return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function toCsv(columns: string[], bodies: IDataObject[]): string {
	const lines = bodies.map((body) => {
		const mobile = body.mobile as IDataObject;
		const attributes = (body.attributes ?? {}) as IDataObject;
		return columns
			.map((column) => {
				if (column === 'mobile') return csvCell(mobile.number);
				if (column === 'country') return csvCell(mobile.country);
				return csvCell(CORE_COLUMNS.includes(column) ? body[column] : attributes[column]);
			})
			.join(',');
	});
	return `${[columns.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`;
}

/** Sakari refused a row of the upload: that row's error, with Sakari's code and description. */
function refusedRow(row: ImportRow, refused: IDataObject): unknown {
	const problem = (refused.error ?? {}) as IDataObject;
	const message = text(problem.description) || text(problem.message) || 'Sakari refused this row of the CSV import';
	return toSakariError(
		row.context.getNode(),
		{ context: { sakari: { code: text(problem.code) || undefined, message } } },
		{ itemIndex: row.context.getItemIndex() },
	);
}

const mobileOf = (row: ImportRow) => ({ ...row.body.mobile, e164: row.e164 });

/** An error for this row saying what Sakari answered, when that does not tell what became of the row. */
const uncertainRow = (row: ImportRow, message: string) =>
	rowError(row.context, message, `Check with Contact → Get Many (Mobile Number ${row.e164}) before importing this row again.`);

/** A row Sakari neither listed nor refused: looked up by its E.164 number before it is reported missing. */
async function lookUp(row: ImportRow, unclaimed: IDataObject[]): Promise<RowOutcome<IDataObject>> {
	try {
		const envelope = await sendBuilt(row.context, row.requestData, {
			method: 'GET',
			url: '/contacts',
			qs: { mobile: row.e164.slice(1), offset: 0, limit: 100 },
			body: undefined,
		});
		const found = (Array.isArray(envelope.data) ? envelope.data : []) as IDataObject[];
		const own = new Set(rowMobileKeys(mobileOf(row)));
		const contact = found.find((candidate) => mobileKeys(candidate.mobile).some((key) => own.has(key)));
		if (contact) return { value: contact };
	} catch (error) {
		return { error };
	}
	const others = unclaimed.length > 0 ? `; it listed ${describeEntries(unclaimed)}, which is no row's number` : '';
	const message = `Sakari's CSV import neither listed nor refused the row with mobile number ${row.body.mobile.number} (${row.e164}), and no contact with that number was found afterwards${others}`;
	return { error: uncertainRow(row, message) };
}

/** One row's outcome from the entries of the answer that name its number. */
async function rowOutcome(row: ImportRow, answer: RowAnswer<IDataObject>, unclaimed: IDataObject[]): Promise<RowOutcome<IDataObject>> {
	const verdict = verdictOf(answer, (contact) => text(contact.id));
	if ('accepted' in verdict) return { value: verdict.accepted };
	if ('refused' in verdict) return { error: refusedRow(row, verdict.refused) };
	if ('missing' in verdict) return await lookUp(row, unclaimed);
	const message = `Sakari's CSV import answer does not tell what became of the row with mobile number ${row.body.mobile.number} (${row.e164}): for that number it lists ${describeEntries(verdict.uncertain)}`;
	return { error: uncertainRow(row, message) };
}

/** Uploads rows as one CSV; an upload refused as too large (HTTP 413) is split in two and each half sent. */
async function uploadCsv(rows: ImportRow[], columns: string[]): Promise<{ contacts: IDataObject[]; errors: IDataObject[] }> {
	const [leader] = rows;
	const sent = sendBuilt(leader.context, leader.requestData, {
		body: toCsv(columns, rows.map((row) => row.body)) as unknown as IDataObject,
		headers: { ...leader.requestData.options.headers, 'Content-Type': 'text/csv' },
	});
	return await sent.then(
		(envelope) => {
			const data = (envelope.data ?? {}) as IDataObject;
			const list = (value: unknown) => (Array.isArray(value) ? (value as IDataObject[]) : []);
			return { contacts: list(data.contacts), errors: list(data.errors) };
		},
		// Any other failure is already the node's error (Sakari's code, attempts): handed on as it is.
		async (error: unknown) => {
			if (readFailure(error).status !== 413 || rows.length < 2) throw error;
			const half = Math.ceil(rows.length / 2);
			const [first, second] = await Promise.all([uploadCsv(rows.slice(0, half), columns), uploadCsv(rows.slice(half), columns)]);
			return { contacts: [...first.contacts, ...second.contacts], errors: [...first.errors, ...second.errors] };
		},
	);
}

/**
 * Uploads the rows and gives each the contact or refusal Sakari answered for its own number. A number is in
 * one upload at most once, so no two rows can claim one answer; the uploads for a number given twice follow
 * one another (here, and across gatherings through gatherRow's `inOrder`), so a later row merges into the
 * contact an earlier one made, as it would row by row.
 */
async function importRows(rows: ImportRow[], columns: string[]): Promise<Array<RowOutcome<IDataObject>>> {
	const outcomes = new Map<ImportRow, RowOutcome<IDataObject>>();
	for (const batch of intoBatches(rows, (row) => row.e164, rows.length)) {
		try {
			const answer = await uploadCsv(batch, columns);
			const { perRow, unclaimed } = answersByRow(
				batch,
				{ accepted: answer.contacts, refused: answer.errors },
				{ row: (row) => rowMobileKeys(mobileOf(row)), entry: (entry) => mobileKeys(entry.mobile) },
			);
			await Promise.all(batch.map(async (row, index) => outcomes.set(row, await rowOutcome(row, perRow[index], unclaimed))));
		} catch (error) {
			for (const row of batch) outcomes.set(row, { error });
		}
	}
	return rows.map((row) => outcomes.get(row) ?? { error: new Error('No answer for this row') });
}

/**
 * One row of Contact → Create or Update with "Import in Bulk": the run's rows are gathered and uploaded together
 * with Sakari's CSV import (rows with the same columns and merge strategy share an upload); each row still gets its
 * own contact or its own error, paired to it. A row the CSV cannot carry, or whose E.164 number only Sakari can
 * tell (a US number without its area code…), goes as one JSON create: its answer could not be told apart from
 * another row's in a shared upload, and a create of its own answers for it alone.
 */
export const importInBulk: RequestHandler = async (context, requestData) => {
	const body = requestData.options.body as ImportRow['body'];
	const columns = csvColumns(body);
	const e164 = e164Of(body.mobile.number, body.mobile.country);
	if (!columns || e164 === undefined) return await sendOne(context, requestData);
	const rowsPerUpload = wholeNumber(context.getNodeParameter('bulkSize', 500), 'Rows per Upload', { min: 1, max: 1000 });
	const query = requestData.options.qs ?? {};
	const run = [runKey(context), 'contact-import'].join('\n');
	const key = [run, JSON.stringify(query), columns.join(',')].join('\n');
	// Uploads follow one another across gatherings too: a number given again in a later upload merges into the
	// contact its first row made, as row by row (Sakari does not say what two uploads of one number at once do).
	const outcome = await gatherRow<ImportRow, IDataObject>(key, { context, requestData, body, e164 }, rowsPerUpload, async (rows) => await importRows(rows, columns), run);
	if ('error' in outcome) throw outcome.error;
	return [{ json: outcome.value, pairedItem: { item: context.getItemIndex() } }];
};
