import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import { gatherRow, type RowOutcome } from '../../shared/bulk';
import { readFailure, toSakariError } from '../../shared/errors';
import { text, wholeNumber } from '../../shared/fieldChecks';
import type { RequestData, RequestHandler } from '../../shared/dispatch';
import { runKey } from '../../shared/runCredential';
import { sendBuilt, sendOne } from '../../shared/send';

// Sakari's CSV import reads these columns; every other column is an attribute (shared/sakari-api.md).
const CORE_COLUMNS = ['mobile', 'country', 'firstName', 'lastName', 'email'];

interface ImportRow {
	context: IExecutePaginationFunctions;
	requestData: RequestData;
	body: IDataObject & { mobile: { number: string; country: string } };
}

/**
 * The CSV columns of a row's ContactRequest: the fields it has, then its attributes. Undefined when the row
 * must go as a JSON create: the CSV import has no lists column, and an attribute named like a core column
 * would be read as that column.
 */
function csvColumns(body: IDataObject): string[] | undefined {
	if (Array.isArray(body.lists) && body.lists.length > 0) return undefined;
	const attributes = Object.keys((body.attributes ?? {}) as IDataObject).sort();
	if (attributes.some((name) => CORE_COLUMNS.includes(name))) return undefined;
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

const digits = (value: unknown) => text(value).replace(/\D/g, '');

/**
 * Whether Sakari's `mobile` is this row's number. Sakari answers in E.164 (`(555) 123-0003` with US comes
 * back as `+15551230003`), so a national number matches the end of the international one, in the same country.
 */
export function sameMobile(candidate: unknown, row: { number: string; country: string }): boolean {
	const mobile = (candidate ?? {}) as IDataObject;
	const country = text(mobile.country).toUpperCase();
	if (country && country !== row.country) return false;
	if (text(mobile.number) === row.number) return true;
	const theirs = digits(mobile.number);
	if (row.number.startsWith('+')) return theirs === digits(row.number);
	const national = digits(row.number).replace(/^0+/, '');
	return national.length >= 6 && theirs.endsWith(national);
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

/** A row Sakari neither listed nor refused: looked up by its number before it is reported missing. */
async function lookUp(row: ImportRow): Promise<RowOutcome<IDataObject>> {
	try {
		const envelope = await sendBuilt(row.context, row.requestData, {
			method: 'GET',
			url: '/contacts',
			qs: { mobile: digits(row.body.mobile.number).replace(/^0+/, ''), offset: 0, limit: 100 },
			body: undefined,
		});
		const found = (Array.isArray(envelope.data) ? envelope.data : []) as IDataObject[];
		const contact = found.find((candidate) => sameMobile(candidate.mobile, row.body.mobile));
		if (contact) return { value: contact };
	} catch (error) {
		return { error };
	}
	const message = `Sakari's CSV import neither listed nor refused the row with mobile number ${row.body.mobile.number}, and no contact with that number was found afterwards`;
	return { error: toSakariError(row.context.getNode(), new Error(message), { itemIndex: row.context.getItemIndex() }) };
}

/** Uploads rows as one CSV; an upload refused as too large (HTTP 413) is split in two and each half sent. */
async function upload(rows: ImportRow[], columns: string[]): Promise<{ contacts: IDataObject[]; errors: IDataObject[] }> {
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
			const [first, second] = await Promise.all([upload(rows.slice(0, half), columns), upload(rows.slice(half), columns)]);
			return { contacts: [...first.contacts, ...second.contacts], errors: [...first.errors, ...second.errors] };
		},
	);
}

async function importRows(rows: ImportRow[], columns: string[]): Promise<Array<RowOutcome<IDataObject>>> {
	const answer = await upload(rows, columns);
	return await Promise.all(
		rows.map(async (row): Promise<RowOutcome<IDataObject>> => {
			const contact = answer.contacts.find((candidate) => sameMobile(candidate.mobile, row.body.mobile));
			if (contact) return { value: contact };
			const refused = answer.errors.find((candidate) => sameMobile(candidate.mobile, row.body.mobile));
			if (refused) return { error: refusedRow(row, refused) };
			return await lookUp(row);
		}),
	);
}

/**
 * Contact → Create or Update. With "Import in Bulk", the run's rows are gathered and uploaded together with
 * Sakari's CSV import (rows with the same columns and merge strategy share an upload); each row still gets its
 * own contact or its own error, paired to it. Without it, or for a row the CSV cannot carry, one JSON create.
 */
export const sendContactCreate: RequestHandler = async (context, requestData) => {
	if (context.getNodeParameter('bulkImport', false) !== true) return await sendOne(context, requestData);
	const body = requestData.options.body as ImportRow['body'];
	const columns = csvColumns(body);
	if (!columns) return await sendOne(context, requestData);
	const rowsPerUpload = wholeNumber(context.getNodeParameter('bulkSize', 500), 'Rows per Upload', { min: 1, max: 1000 });
	const query = requestData.options.qs ?? {};
	const key = [runKey(context), 'contact-import', JSON.stringify(query), columns.join(',')].join('\n');
	const outcome = await gatherRow<ImportRow, IDataObject>(key, { context, requestData, body }, rowsPerUpload, async (rows) => await importRows(rows, columns));
	if ('error' in outcome) throw outcome.error;
	return [{ json: outcome.value, pairedItem: { item: context.getItemIndex() } }];
};
