// @ts-check
'use strict';
// Sakari's CSV contact import (POST …/contacts with Content-Type: text/csv): RFC 4180 parsing and one
// upsert per row, answered as ContactUploadResponse.
const { ApiError } = require('./http');
const { inAnswerOrder } = require('./order');
const { countryOf } = require('./phone');

// Core columns (matched case-insensitively, in any order); every other column is an attribute.
const CORE_COLUMNS = { mobile: 'mobile', country: 'country', firstname: 'firstName', lastname: 'lastName', email: 'email' };
const DEFAULT_ROW_LIMIT = 1000;

/**
 * RFC 4180: fields separated by commas, records by CRLF or LF; a quoted field may hold commas, CR/LF and
 * doubled quotes. Blank lines are skipped. A quote inside an unquoted field, text after a closing quote or
 * an unterminated quote is a 400 (the whole upload is malformed, not one row).
 */
function parseCsv(text) {
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false; // inside a quoted field
	let closed = false; // a quoted field just closed: only a separator may follow
	let line = 1;
	const bad = (why) => new ApiError(400, 'CONT-005', `CSV line ${line}: ${why}`);
	const endRecord = () => {
		row.push(field);
		if (row.length > 1 || row[0] !== '') rows.push(row);
		row = [];
		field = '';
		closed = false;
	};
	const start = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a UTF-8 BOM is not part of the first header
	for (let i = start; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
			else if (ch === '"') { quoted = false; closed = true; }
			else { if (ch === '\n') line++; field += ch; }
		} else if (ch === ',') { row.push(field); field = ''; closed = false; }
		else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRecord();
			line++;
		} else if (closed) throw bad('text after a closing quote');
		else if (ch === '"') {
			if (field !== '') throw bad('a quote inside an unquoted field (quote the whole field and double the quote)');
			quoted = true;
		} else field += ch;
	}
	if (quoted) throw bad('unterminated quoted field');
	endRecord();
	return rows;
}

/** Read the header row: core column positions and attribute names. */
function readHeader(cells) {
	const names = cells.map((h) => h.trim());
	const seen = new Set();
	for (const n of names) {
		if (n === '') throw new ApiError(400, 'CONT-005', 'CSV header has an empty column name');
		const key = n.toLowerCase();
		if (seen.has(key)) throw new ApiError(400, 'CONT-005', `CSV header names column ${n} more than once`);
		seen.add(key);
	}
	const fields = names.map((n) => CORE_COLUMNS[n.toLowerCase()] ?? null);
	if (!fields.includes('mobile')) throw new ApiError(400, 'CONT-005', 'CSV header must include a mobile column');
	return { names, fields };
}

/**
 * One data row as a ContactRequest. Values are trimmed; an empty cell is a field not sent (as if a JSON
 * create left it out), so a column that only some rows fill does not clear the others' values.
 */
function rowToContact(header, cells) {
	const body = { mobile: { number: '', country: '' }, attributes: {} };
	header.names.forEach((name, i) => {
		const v = (cells[i] ?? '').trim();
		const f = header.fields[i];
		if (f === 'mobile') body.mobile.number = v;
		else if (f === 'country') body.mobile.country = v.toUpperCase();
		else if (v === '') return;
		else if (f) body[f] = v;
		else body.attributes[name] = v;
	});
	// A "+…" number carries its own country; a national one needs the country column.
	if (body.mobile.country === '' && body.mobile.number.startsWith('+')) body.mobile.country = countryOf(body.mobile.number);
	return body;
}

/**
 * Import a CSV upload. Each row is upserted exactly as a JSON create with the same mergeStrategy; a row
 * Sakari would refuse goes to `errors` (the row as sent, with `error{code, description}` and its `row`
 * number, the header being row 1) instead of failing the upload.
 * @param {import('./contacts').ContactStore} store
 * @param {string} text
 * @param {string} strategy
 * @param {{csvRowLimit?: number, answerOrder?: string}} limits more data rows than `csvRowLimit` is a 413 CONT-006,
 *   nothing imported; `answerOrder` orders `contacts` and `errors`
 */
function importCsv(store, text, strategy, { csvRowLimit: rowLimit = DEFAULT_ROW_LIMIT, answerOrder = 'sent' } = {}) {
	const rows = parseCsv(text);
	if (rows.length === 0) throw new ApiError(400, 'CONT-005', 'CSV body has no header row');
	const header = readHeader(rows[0]);
	const data = rows.slice(1);
	if (data.length > rowLimit) throw new ApiError(413, 'CONT-006', `CSV import has ${data.length} rows; at most ${rowLimit} per upload`);
	/** @type {{contacts: object[], errors: object[], submitted: number, inserted: number, updated: number, success: number}} */
	const result = { contacts: [], errors: [], submitted: data.length, inserted: 0, updated: 0, success: 0 };
	data.forEach((cells, index) => {
		const body = rowToContact(header, cells);
		try {
			if (cells.length > header.names.length) throw new ApiError(400, 'CONT-005', `Row has ${cells.length} fields; the header has ${header.names.length}`);
			const { contact, created } = store.upsert(body, strategy);
			result.contacts.push(store.view(contact));
			if (created) result.inserted++;
			else result.updated++;
			result.success++;
		} catch (err) {
			if (!(err instanceof ApiError)) throw err;
			result.errors.push({ ...body, row: index + 2, error: { code: err.code, description: err.message } });
		}
	});
	return { ...result, contacts: inAnswerOrder(result.contacts, answerOrder), errors: inAnswerOrder(result.errors, answerOrder) };
}

module.exports = { importCsv, parseCsv, DEFAULT_ROW_LIMIT };
