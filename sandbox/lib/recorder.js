// @ts-check
'use strict';
// Request recording: every non-control request in arrival order, with its answer's status and timing.
// Memory is bounded twice: at most maxRecordedRequests records, and at most maxRecordedBodyBytes of kept
// bodies (the oldest records lose their body first, marked `bodyDropped: true`).
// With `checkContract` on, each exchange is also held against sandbox/contract (the request as it arrived, the
// answer as it left) and what does not match is kept as a violation.
const { bodyForRecord } = require('./http');

/** @type {typeof import('../contract') | undefined} loaded on first use: the sandbox alone needs no Ajv */
let contract;
const loadContract = () => (contract ??= require('../contract'));

class Recorder {
	/** @type {any[]} */
	recorded = [];
	seq = 0;
	requestCount = 0;
	/** @type {Record<string, number>} */
	byStatus = {};
	/** Bytes of the bodies kept, and how many records from the start hold none any more. */
	bodyBytes = 0;
	droppedUpTo = 0;
	/** @type {WeakMap<object, number>} */
	bodySizes = new WeakMap();
	/** @type {Array<import('../contract').Violation & {seq?: number, method?: string, path?: string, status?: number}>} */
	violations = [];

	/** @param {() => {maxRecordedRequests: number, maxRecordedBodyBytes: number, quiet: boolean, checkContract: boolean, shapes: 'current' | '1.0.1'}} config */
	constructor(config) {
		this.config = config;
	}

	clear() {
		this.recorded = [];
		this.bodyBytes = 0;
		this.droppedUpTo = 0;
	}

	/** Keep a request's body with its record, dropping the oldest kept bodies beyond the byte budget. */
	keepBody(rec, rawBody) {
		const size = Buffer.byteLength(rawBody);
		rec.rawBody = rawBody;
		rec.body = bodyForRecord(rawBody);
		this.bodySizes.set(rec, size);
		this.bodyBytes += size;
		const budget = this.config().maxRecordedBodyBytes;
		while (this.bodyBytes > budget && this.droppedUpTo < this.recorded.length) {
			this.dropBody(this.recorded[this.droppedUpTo]);
			this.droppedUpTo += 1;
		}
	}

	dropBody(rec) {
		const size = this.bodySizes.get(rec) ?? 0;
		if (size === 0) return;
		this.bodyBytes -= size;
		this.bodySizes.delete(rec);
		rec.rawBody = '';
		rec.body = undefined;
		rec.bodyDropped = true;
	}

	/**
	 * Start a record; status and duration are filled in when the response closes.
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 */
	record(req, res, path, query) {
		this.seq += 1;
		this.requestCount += 1;
		const rec = { seq: this.seq, method: req.method, path, query, headers: req.headers, body: undefined, rawBody: '', status: 0, startedAt: Date.now(), durationMs: 0 };
		this.recorded.push(rec);
		// Trim in batches: shifting a 100k array on every request would cost more than the request.
		const max = this.config().maxRecordedRequests;
		if (this.recorded.length > max + 1000) {
			const gone = this.recorded.splice(0, this.recorded.length - max);
			for (const old of gone) this.dropBody(old);
			this.droppedUpTo = Math.max(0, this.droppedUpTo - gone.length);
		}
		const sent = this.config().checkContract ? captureAnswer(res) : null;
		res.on('close', () => {
			rec.status = res.writableFinished ? res.statusCode : 0; // 0: no answer (reset or aborted)
			rec.durationMs = Date.now() - rec.startedAt;
			const key = String(rec.status);
			this.byStatus[key] = (this.byStatus[key] || 0) + 1;
			if (!this.config().quiet) console.log(`${rec.method} ${rec.path} -> ${rec.status || 'reset'} ${rec.durationMs}ms`);
			if (sent) this.checkExchange(rec, sent.text());
		});
		return rec;
	}

	/**
	 * Hold one exchange against the contract. An injected fault is a deliberate break of the contract, so only
	 * the request of a faulted exchange is checked.
	 */
	checkExchange(rec, text) {
		const { checkRequest, checkAnswer } = loadContract();
		const { shapes } = this.config();
		const at = { seq: rec.seq, method: rec.method, path: rec.path, status: rec.status };
		const request = checkRequest(rec, shapes);
		if (request) this.violations.push({ ...at, ...request });
		if (rec.fault || rec.status === 0) return;
		const answer = checkAnswer(rec, { status: rec.status, text, body: parsedJson(text) }, shapes);
		if (answer) this.violations.push({ ...at, ...answer });
	}

	/** Hold a webhook delivery the sandbox sends against the contract. */
	checkDelivery(body) {
		const violation = loadContract().checkDelivery(body, this.config().shapes);
		if (violation) this.violations.push(violation);
	}

	/** Copies of the most recent records, optionally only those with `seq > since`. */
	list(since) {
		const max = this.config().maxRecordedRequests;
		const all = this.recorded.length > max ? this.recorded.slice(-max) : this.recorded;
		const list = since !== undefined && Number.isFinite(since) ? all.filter((r) => r.seq > since) : all;
		return list.map((r) => ({ ...r, query: { ...r.query }, headers: { ...r.headers } }));
	}
}

/** The answer's JSON, or undefined when it is empty or not JSON. */
function parsedJson(text) {
	try {
		return text === '' ? undefined : JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * Keep what a response writes (the sandbox writes each answer with one `end(payload)`), to check it as sent.
 * @param {import('node:http').ServerResponse} res
 */
function captureAnswer(res) {
	/** @type {Buffer[]} */
	const chunks = [];
	const keep = (chunk) => {
		if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(Buffer.from(chunk));
	};
	const write = res.write.bind(res);
	const end = res.end.bind(res);
	res.write = /** @type {any} */ ((chunk, ...rest) => (keep(chunk), write(chunk, ...rest)));
	res.end = /** @type {any} */ ((chunk, ...rest) => (keep(chunk), end(chunk, ...rest)));
	return { text: () => Buffer.concat(chunks).toString('utf8') };
}

module.exports = { Recorder, loadContract };
