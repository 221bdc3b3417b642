// @ts-check
'use strict';
// Share file (`POST {base}/v1/tools/sharefile`): Sakari's host for MMS media and links. A multipart field
// `media` or an application/octet-stream body is kept in memory and served back at a short link.
const crypto = require('node:crypto');
const { ApiError } = require('./http');

const DEFAULT_FILE_LIMIT = 5 * 1024 * 1024;
const LINK_DAYS = 30;
// Files kept at once (bytes); the oldest go first, so a long benchmark cannot fill the memory.
const STORE_LIMIT = 256 * 1024 * 1024;
const FILE_PATH = '/sf/';

/**
 * The parts of a multipart/form-data body: name, filename, content type and bytes of each.
 * @param {Buffer} body
 * @param {string} boundary
 */
function parseMultipart(body, boundary) {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts = [];
	let start = body.indexOf(delimiter);
	if (start < 0) throw new ApiError(400, 'FILE-001', 'Multipart body has no part with the declared boundary');
	for (;;) {
		start += delimiter.length;
		if (body.subarray(start, start + 2).toString() === '--') break; // closing delimiter
		const next = body.indexOf(delimiter, start);
		if (next < 0) throw new ApiError(400, 'FILE-001', 'Multipart body is not terminated');
		const part = body.subarray(start + 2, next - 2); // CRLF after the delimiter, CRLF before the next
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd < 0) throw new ApiError(400, 'FILE-001', 'Multipart part without headers');
		const headers = part.subarray(0, headerEnd).toString('utf8');
		const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
		parts.push({
			name: /\bname="([^"]*)"/i.exec(disposition)?.[1],
			filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
			contentType: /^content-type:\s*(.*)$/im.exec(headers)?.[1]?.trim() || 'application/octet-stream',
			data: part.subarray(headerEnd + 4),
		});
		start = next;
	}
	return parts;
}

class Files {
	/** @type {Map<string, {id: string, name: string, contentType: string, data: Buffer, expires: string}>} */
	byId = new Map();
	bytes = 0;

	/**
	 * Store an upload; returns {link, expires}. `baseUrl` is where the sandbox is reached.
	 * @param {{contentType: string, body: Buffer, query: Record<string, unknown>}} upload
	 * @param {string} baseUrl
	 * @param {number} limit
	 */
	share({ contentType, body, query }, baseUrl, limit) {
		let file;
		if (/^multipart\/form-data\b/i.test(contentType)) {
			const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
			if (!boundary) throw new ApiError(400, 'FILE-001', 'multipart/form-data without a boundary');
			const media = parseMultipart(body, boundary).find((part) => part.name === 'media');
			if (!media) throw new ApiError(400, 'FILE-001', 'The multipart field media is required');
			file = { name: media.filename || 'file', contentType: media.contentType, data: media.data };
		} else if (/^application\/octet-stream\b/i.test(contentType)) {
			const name = typeof query.filename === 'string' && query.filename !== '' ? query.filename : 'file';
			file = { name, contentType: 'application/octet-stream', data: body };
		} else {
			throw new ApiError(415, 'FILE-004', 'Send the file as multipart/form-data (field media) or application/octet-stream');
		}
		if (file.data.length === 0) throw new ApiError(400, 'FILE-003', 'The file is empty');
		if (file.data.length > limit) throw new ApiError(413, 'FILE-002', `The file has ${file.data.length} bytes; at most ${limit}`);
		const id = crypto.randomBytes(6).toString('base64url');
		const expires = new Date(Date.now() + LINK_DAYS * 24 * 3600 * 1000).toISOString();
		this.byId.set(id, { id, ...file, data: Buffer.from(file.data), expires });
		this.bytes += file.data.length;
		for (const [oldId, old] of this.byId) {
			if (this.bytes <= STORE_LIMIT) break;
			this.byId.delete(oldId);
			this.bytes -= old.data.length;
		}
		return { link: `${baseUrl}${FILE_PATH}${id}`, expires };
	}

	/** GET /sf/{id}: the file with its type, or null. */
	get(path) {
		return path.startsWith(FILE_PATH) ? (this.byId.get(path.slice(FILE_PATH.length)) ?? null) : null;
	}
}

module.exports = { Files, parseMultipart, DEFAULT_FILE_LIMIT, FILE_PATH };
