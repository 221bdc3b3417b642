'use strict';
// Request recording: every non-control request in arrival order, with its answer's status and timing.

class Recorder {
	/** @param {() => {maxRecordedRequests: number, quiet: boolean}} config */
	constructor(config) {
		this.config = config;
		this.clear();
		this.requestCount = 0;
		/** @type {Record<string, number>} */
		this.byStatus = {};
	}

	clear() {
		this.recorded = [];
	}

	/**
	 * Start a record; status and duration are filled in when the response closes.
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 */
	record(req, res, path, query) {
		this.seq = (this.seq ?? 0) + 1;
		this.requestCount += 1;
		const rec = { seq: this.seq, method: req.method, path, query, headers: req.headers, body: undefined, rawBody: '', status: 0, startedAt: Date.now(), durationMs: 0 };
		this.recorded.push(rec);
		// Trim in batches: shifting a 100k array on every request would cost more than the request.
		const max = this.config().maxRecordedRequests;
		if (this.recorded.length > max + 1000) this.recorded.splice(0, this.recorded.length - max);
		res.on('close', () => {
			rec.status = res.writableFinished ? res.statusCode : 0; // 0: no answer (reset or aborted)
			rec.durationMs = Date.now() - rec.startedAt;
			const key = String(rec.status);
			this.byStatus[key] = (this.byStatus[key] || 0) + 1;
			if (!this.config().quiet) console.log(`${rec.method} ${rec.path} -> ${rec.status || 'reset'} ${rec.durationMs}ms`);
		});
		return rec;
	}

	/** Copies of the most recent records, optionally only those with `seq > since`. */
	list(since) {
		const max = this.config().maxRecordedRequests;
		const all = this.recorded.length > max ? this.recorded.slice(-max) : this.recorded;
		const list = since !== undefined && Number.isFinite(since) ? all.filter((r) => r.seq > since) : all;
		return list.map((r) => ({ ...r, query: { ...r.query }, headers: { ...r.headers } }));
	}
}

module.exports = { Recorder };
