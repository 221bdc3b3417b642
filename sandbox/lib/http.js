// @ts-check
'use strict';
// Small HTTP helpers: errors with Sakari's envelope, body reading with a size cap, query parsing.

/** An error that maps to an HTTP answer `{success:false,error:{code,message}}`. */
class ApiError extends Error {
	constructor(status, code, message, headers) {
		super(message);
		this.status = status;
		this.code = code;
		this.headers = headers;
	}
}

const errorBody = (code, message) => ({ success: false, error: { code, message } });

/**
 * A handler result: status, JSON-able body (undefined = empty) and extra headers; `raw` (text or bytes, typed
 * by the headers) replaces the JSON body.
 * @returns {{status: number, body?: any, headers?: Record<string, string>, raw?: string | Buffer}}
 */
const reply = (status, body, headers) => ({ status, body, headers });
const fromError = (err) => reply(err.status, errorBody(err.code, err.message), err.headers);

/** Query string -> object of strings; repeated keys become arrays (as recorded and as handlers see them). */
function parseQuery(searchParams) {
	const query = {};
	for (const [k, v] of searchParams) {
		if (k in query) query[k] = Array.isArray(query[k]) ? [...query[k], v] : [query[k], v];
		else query[k] = v;
	}
	return query;
}

/**
 * Read the whole body up to `limit` bytes. Resolves the raw bytes, or rejects with a 413 ApiError
 * as soon as the cap is passed (the caller answers and closes the connection).
 */
function readBody(req, limit) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		let done = false;
		req.on('data', (chunk) => {
			if (done) return;
			size += chunk.length;
			if (size > limit) {
				done = true;
				reject(new ApiError(413, 'HTTP-413', `Request body larger than ${limit} bytes`));
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => {
			if (!done) {
				done = true;
				resolve(Buffer.concat(chunks));
			}
		});
		req.on('error', (err) => {
			if (!done) {
				done = true;
				reject(err);
			}
		});
	});
}

const isCsvType = (ct) => /^\s*text\/csv\b/i.test(ct || '');

/** Parsed body for recording: JSON when it parses, the string otherwise, undefined when empty. */
function bodyForRecord(raw) {
	if (raw === '') return undefined;
	try {
		return JSON.parse(raw);
	} catch {
		return raw;
	}
}

/** Parse a JSON request body for a handler; empty -> undefined; bad JSON -> 400. */
function parseJsonBody(raw) {
	if (raw === '' || raw === undefined) return undefined;
	try {
		return JSON.parse(raw);
	} catch {
		throw new ApiError(400, 'HTTP-400', 'Request body is not valid JSON');
	}
}

/**
 * Write a reply as JSON. `malformed` truncates the body so it no longer parses; `close` ends the
 * connection after it (used after an oversized body).
 * @param {import('node:http').ServerResponse} res
 */
function writeReply(res, result, { close = false, malformed = false } = {}) {
	if (res.destroyed || res.writableEnded) return;
	const headers = { ...(result.headers || {}) };
	/** @type {string | Buffer} */
	let payload = '';
	if (result.raw !== undefined) payload = result.raw; // Content-Type comes with the reply's headers
	else if (result.body !== undefined && result.status !== 204) {
		payload = JSON.stringify(result.body);
		headers['Content-Type'] = 'application/json; charset=utf-8';
	}
	if (malformed) {
		payload = (payload || '{"success":true,"data":{}}').slice(0, Math.max(1, Math.floor(payload.length / 2)));
		headers['Content-Type'] = 'application/json; charset=utf-8';
	}
	headers['Content-Length'] = Buffer.byteLength(payload);
	if (close) headers.Connection = 'close';
	res.writeHead(result.status, headers);
	res.end(payload);
}

module.exports = { ApiError, errorBody, reply, fromError, parseQuery, readBody, isCsvType, bodyForRecord, parseJsonBody, writeReply };
