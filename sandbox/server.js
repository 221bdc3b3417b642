'use strict';
// Local Sakari sandbox: a small HTTP server that keeps Sakari's REST contract (see sandbox/README.md)
// for unit tests, end-to-end tests, the demo and benchmarks over real HTTP on loopback.
// Node built-ins only, so it runs anywhere the package's tests run (Node 20 and 24).
const http = require('node:http');
const { ApiError, errorBody, reply, fromError, parseQuery, readBody, bodyForRecord, parseJsonBody } = require('./lib/http');
const { TokenIssuer } = require('./lib/token');
const { RateLimiter, RandomFaults, FaultQueue } = require('./lib/load');
const { State } = require('./lib/state');
const { MERGE_STRATEGIES } = require('./lib/contacts');
const { DEFAULT_ROW_LIMIT } = require('./lib/csv');
const { dispatch } = require('./lib/routes');
const { handleControl } = require('./lib/control');
const { deliver } = require('./lib/webhooks');

const DEFAULTS = Object.freeze({
	port: 0,
	host: '127.0.0.1',
	accountId: 'acc_sandbox',
	clientId: 'sandbox-client',
	clientSecret: 'sandbox-secret',
	tokenTtlSeconds: 3600,
	rateLimit: null,
	faults: null,
	latencyMs: 0,
	defaultMergeStrategy: 'append',
	csvRowLimit: DEFAULT_ROW_LIMIT,
	maxRecipients: null,
	bodyLimitBytes: 1024 * 1024,
	maxRecordedRequests: 100000,
	quiet: true,
});
// Keys configure() accepts; anything else is refused so typos in tests do not silently do nothing.
const CONFIGURABLE = ['accountId', 'clientId', 'clientSecret', 'tokenTtlSeconds', 'rateLimit', 'faults', 'latencyMs', 'defaultMergeStrategy', 'csvRowLimit', 'maxRecipients', 'quiet'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** An input problem in the sandbox's own API (in-process: thrown; over HTTP: a 400). */
function inputError(message) {
	const err = new Error(message);
	err.sandboxInput = true;
	err.status = 400;
	return err;
}

/** Validate a partial config; returns a cleaned copy. */
function checkConfig(partial) {
	if (!partial || typeof partial !== 'object' || Array.isArray(partial)) throw inputError('config must be an object');
	const out = {};
	for (const [k, v] of Object.entries(partial)) {
		if (!CONFIGURABLE.includes(k)) throw inputError(`Unknown config key ${k}; accepted: ${CONFIGURABLE.join(', ')}`);
		out[k] = v;
	}
	if ('tokenTtlSeconds' in out && !(typeof out.tokenTtlSeconds === 'number' && out.tokenTtlSeconds > 0)) throw inputError('tokenTtlSeconds must be a positive number');
	if ('latencyMs' in out && !(Number.isFinite(out.latencyMs) && out.latencyMs >= 0)) throw inputError('latencyMs must be a number >= 0');
	if ('defaultMergeStrategy' in out && !MERGE_STRATEGIES.includes(out.defaultMergeStrategy)) throw inputError(`defaultMergeStrategy must be one of ${MERGE_STRATEGIES.join(', ')}`);
	if ('csvRowLimit' in out && !(Number.isInteger(out.csvRowLimit) && out.csvRowLimit > 0)) throw inputError('csvRowLimit must be a positive integer');
	if ('maxRecipients' in out && out.maxRecipients !== null && !(Number.isInteger(out.maxRecipients) && out.maxRecipients > 0)) throw inputError('maxRecipients must be a positive integer or null');
	if (out.rateLimit !== undefined && out.rateLimit !== null) {
		const r = out.rateLimit;
		if (typeof r !== 'object') throw inputError('rateLimit must be an object or null');
		for (const k of ['perSecond', 'maxInFlight']) {
			if (r[k] !== undefined && r[k] !== null && !(Number.isInteger(r[k]) && r[k] > 0)) throw inputError(`rateLimit.${k} must be a positive integer`);
		}
		out.rateLimit = { perSecond: r.perSecond ?? null, maxInFlight: r.maxInFlight ?? null };
	}
	if (out.faults !== undefined && out.faults !== null) {
		const f = out.faults;
		if (typeof f !== 'object') throw inputError('faults must be an object or null');
		for (const k of ['rate5xx', 'rateReset', 'rateMalformed', 'rateSlow']) {
			if (f[k] !== undefined && !(typeof f[k] === 'number' && f[k] >= 0 && f[k] <= 1)) throw inputError(`faults.${k} must be a number in 0..1`);
		}
		out.faults = { ...f };
	}
	return out;
}

class Sandbox {
	constructor(options) {
		this.startOptions = { ...DEFAULTS, ...checkConfigAll(options) };
		this.tokens = new TokenIssuer();
		this.state = new State();
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((err) => this.internalError(res, err));
		});
		this.server.keepAliveTimeout = 5000;
		this.resetAll();
	}

	/** Back to the start options; data, tokens, faults, recordings and stats cleared. */
	resetAll() {
		this.cfg = structuredClone(this.startOptions);
		this.state.reset();
		this.state.contacts.defaultMergeStrategy = this.cfg.defaultMergeStrategy;
		this.tokens.expireAll();
		this.limiter = new RateLimiter();
		this.randomFaults = new RandomFaults(this.cfg.faults);
		this.faultQueue = new FaultQueue();
		this.recorded = [];
		this.seq = 0;
		this.counters = { requests: 0, tokenRequests: 0, byStatus: {}, maxInFlight: 0, rateLimited: 0 };
	}

	configure(partial) {
		const clean = checkConfig(partial);
		Object.assign(this.cfg, clean);
		if ('faults' in clean) this.randomFaults = new RandomFaults(clean.faults);
		if ('defaultMergeStrategy' in clean) this.state.contacts.defaultMergeStrategy = clean.defaultMergeStrategy;
		return this.publicConfig();
	}

	publicConfig() {
		const copy = structuredClone(this.cfg);
		delete copy.clientSecret; // never handed out again, e.g. over /__sandbox/config
		return copy;
	}

	// ---- request handling ----

	async handle(req, res) {
		const q = req.url.indexOf('?');
		const path = q < 0 ? req.url : req.url.slice(0, q);
		const query = q < 0 ? {} : parseQuery(new URLSearchParams(req.url.slice(q + 1)));
		if (path === '/__sandbox' || path.startsWith('/__sandbox/')) return this.handleControlRequest(req, res, path, query);

		const rec = this.record(req, res, path, query);
		let rawBody;
		try {
			rawBody = await readBody(req, this.cfg.bodyLimitBytes);
		} catch (err) {
			if (err instanceof ApiError) return this.send(res, fromError(err), { close: true });
			throw err;
		}
		rec.rawBody = rawBody;
		rec.body = bodyForRecord(rawBody);
		const ctx = { method: req.method, path, query, headers: req.headers, rawBody, contentType: req.headers['content-type'] || '', rec };

		if (path !== '/v1' && !path.startsWith('/v1/')) return this.answer(req, res, ctx, null);

		const retryAfter = this.limiter.admit(this.cfg.rateLimit);
		if (retryAfter !== null) {
			this.counters.rateLimited += 1;
			return this.send(res, rateLimited(retryAfter));
		}
		this.limiter.inFlight += 1;
		if (this.limiter.inFlight > this.counters.maxInFlight) this.counters.maxInFlight = this.limiter.inFlight;
		try {
			if (this.cfg.latencyMs > 0) await sleep(this.cfg.latencyMs);
			await this.answer(req, res, ctx, this.randomFaults.draw());
		} finally {
			this.limiter.inFlight -= 1;
		}
	}

	/**
	 * Answer one API request, applying at most one fault: a queued one-shot fault wins over a random one.
	 * "before" faults answer without processing; "after" faults process, then replace the answer.
	 */
	async answer(req, res, ctx, randomFault) {
		const fault = this.faultQueue.take(ctx.method, ctx.path) || fromRandom(randomFault);
		if (fault) ctx.rec.fault = fault.kind;
		if (fault && fault.kind === 'slow') {
			await sleep(fault.slowMs ?? 1000);
			return this.send(res, this.compute(ctx));
		}
		if (fault && fault.when === 'before') return this.applyFault(req, res, fault, null);
		const result = this.compute(ctx);
		return fault ? this.applyFault(req, res, fault, result) : this.send(res, result);
	}

	/** The real answer for a request (token endpoint, /v1 routes, or 404). */
	compute(ctx) {
		try {
			if (ctx.path === '/oauth2/token') return this.tokenEndpoint(ctx);
			if (ctx.path === '/v1' || ctx.path.startsWith('/v1/')) {
				this.authenticate(ctx.headers.authorization);
				const limits = { csvRowLimit: this.cfg.csvRowLimit, maxRecipients: this.cfg.maxRecipients };
				return dispatch({ ...ctx, state: this.state, limits, accountId: this.cfg.accountId, account: () => this.account(), balance: () => this.balance() });
			}
			throw new ApiError(404, 'HTTP-404', `No route for ${ctx.path}`);
		} catch (err) {
			if (err instanceof ApiError) return fromError(err);
			throw err;
		}
	}

	applyFault(req, res, fault, result) {
		switch (fault.kind) {
			case 'reset':
				req.socket.destroy();
				return undefined;
			case 'malformed':
				return this.send(res, result || reply(200, { success: true, data: {} }), { malformed: true });
			case '429':
				this.counters.rateLimited += 1;
				return this.send(res, rateLimited(fault.retryAfter ?? 1));
			case '5xx':
				return this.send(res, reply(503, errorBody('SYS-503', 'Service temporarily unavailable')));
			default: {
				// 'status'
				const status = fault.status ?? 500;
				const headers = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : undefined;
				return this.send(res, reply(status, errorBody(fault.code ?? `SYS-${status}`, fault.message ?? 'Injected fault'), headers));
			}
		}
	}

	/** POST /oauth2/token: JSON client-credentials grant only (the documented form). */
	tokenEndpoint(ctx) {
		this.counters.tokenRequests += 1;
		if (ctx.method !== 'POST') throw new ApiError(405, 'HTTP-405', 'Use POST for /oauth2/token', { Allow: 'POST' });
		let body;
		try {
			body = parseJsonBody(ctx.rawBody);
		} catch {
			body = undefined;
		}
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'AUTH-002', 'Token request body must be JSON: {grant_type, client_id, client_secret}');
		if (body.grant_type !== 'client_credentials') throw new ApiError(400, 'AUTH-003', "grant_type must be 'client_credentials'");
		if (body.client_id !== this.cfg.clientId || body.client_secret !== this.cfg.clientSecret) throw new ApiError(401, 'AUTH-001', 'Invalid client credentials');
		return reply(200, { access_token: this.tokens.issue(this.cfg.clientId, this.cfg.tokenTtlSeconds), token_type: 'bearer' });
	}

	authenticate(authorization) {
		const v = this.tokens.verify(authorization, this.cfg.clientId);
		if (v.ok) return;
		const messages = {
			missing: 'Authorization bearer token is missing',
			invalid: 'Authorization token is invalid',
			expired: 'Authorization token has expired',
		};
		const codes = { missing: 'AUTH-010', invalid: 'AUTH-011', expired: 'AUTH-012' };
		throw new ApiError(401, codes[v.reason], messages[v.reason], { 'WWW-Authenticate': 'Bearer' });
	}

	account() {
		return { id: this.cfg.accountId, name: 'Sakari Sandbox', status: 'active', sandbox: true, timezone: 'America/New_York', created: { at: '2024-01-01T00:00:00.000Z' } };
	}

	balance() {
		return { balance: 100, currency: 'USD', autoTopup: false };
	}

	/** Write a reply as JSON. `malformed` truncates the body so it no longer parses. */
	send(res, result, { close = false, malformed = false } = {}) {
		if (res.destroyed || res.writableEnded) return;
		const headers = { ...(result.headers || {}) };
		let payload = '';
		if (result.body !== undefined && result.status !== 204) {
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

	internalError(res, err) {
		if (!this.cfg.quiet) console.error('sandbox internal error:', err && err.stack);
		this.send(res, reply(500, errorBody('SYS-500', 'Internal sandbox error')));
	}

	/** Start a request record; status and duration are filled in when the response closes. */
	record(req, res, path, query) {
		this.seq += 1;
		this.counters.requests += 1;
		const rec = { seq: this.seq, method: req.method, path, query, headers: req.headers, body: undefined, rawBody: '', status: 0, startedAt: Date.now(), durationMs: 0 };
		this.recorded.push(rec);
		// Trim in batches: shifting a 100k array on every request would cost more than the request.
		const max = this.cfg.maxRecordedRequests;
		if (this.recorded.length > max + 1000) this.recorded.splice(0, this.recorded.length - max);
		res.on('close', () => {
			rec.status = res.writableFinished ? res.statusCode : 0; // 0: no answer (reset or aborted)
			rec.durationMs = Date.now() - rec.startedAt;
			const key = String(rec.status);
			this.counters.byStatus[key] = (this.counters.byStatus[key] || 0) + 1;
			if (!this.cfg.quiet) console.log(`${rec.method} ${rec.path} -> ${rec.status || 'reset'} ${rec.durationMs}ms`);
		});
		return rec;
	}

	async handleControlRequest(req, res, path, query) {
		let rawBody;
		try {
			rawBody = await readBody(req, this.cfg.bodyLimitBytes);
		} catch (err) {
			if (err instanceof ApiError) return this.send(res, fromError(err), { close: true });
			throw err;
		}
		const result = await handleControl(this.api, req.method, path, query, rawBody);
		return this.send(res, result);
	}

	// ---- control operations (shared by the in-process API and /__sandbox routes) ----

	requests(since) {
		const max = this.cfg.maxRecordedRequests;
		const all = this.recorded.length > max ? this.recorded.slice(-max) : this.recorded;
		const list = since !== undefined && Number.isFinite(since) ? all.filter((r) => r.seq > since) : all;
		return list.map((r) => ({ ...r, query: { ...r.query }, headers: { ...r.headers } }));
	}

	reset(seed) {
		this.resetAll();
		if (seed === undefined || seed === null) return;
		const s = typeof seed === 'number' ? { seedContacts: seed } : seed;
		if (typeof s !== 'object') throw inputError('reset seed must be a number or {seedContacts, optedOutMobiles}');
		this.seed(s.seedContacts ?? s.contacts ?? 0, s.optedOutMobiles ?? []);
	}

	seed(n, optedOutMobiles = []) {
		if (!Number.isInteger(n) || n < 0 || n > 1000000) throw inputError('contacts must be an integer 0..1000000');
		if (!Array.isArray(optedOutMobiles)) throw inputError('optedOutMobiles must be an array');
		try {
			return this.state.seed(n, optedOutMobiles);
		} catch (err) {
			if (err instanceof ApiError) throw inputError(`optedOutMobiles: ${err.message}`);
			throw err;
		}
	}

	injectFault(fault) {
		try {
			this.faultQueue.add(fault);
		} catch (err) {
			throw inputError(err.message);
		}
	}

	async deliverWebhook(eventType, payload) {
		try {
			return await deliver(this.state, this.cfg.accountId, eventType, payload);
		} catch (err) {
			if (err.status === 400) throw inputError(err.message);
			throw err;
		}
	}

	stats() {
		return { ...structuredClone(this.counters), inFlight: this.limiter.inFlight };
	}

	listen(port, host) {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => {
				this.server.off('error', reject);
				resolve(this.server.address().port);
			});
		});
	}

	close() {
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}
}

/** Options at start time go through the same validation as configure() (plus start-only keys). */
function checkConfigAll(options) {
	const { port, host, bodyLimitBytes, maxRecordedRequests, ...rest } = options || {};
	const clean = checkConfig(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
	for (const [k, v] of Object.entries({ port, host, bodyLimitBytes, maxRecordedRequests })) if (v !== undefined) clean[k] = v;
	return clean;
}

function rateLimited(retryAfter) {
	const seconds = Math.max(1, Math.ceil(Number(retryAfter) || 1));
	return reply(429, errorBody('RATE-001', 'Too many requests'), { 'Retry-After': String(seconds) });
}

/** Random faults: 5xx/reset happen before processing, malformed after (a lost real answer). */
function fromRandom(f) {
	if (!f) return null;
	return { kind: f.kind, when: f.kind === 'malformed' ? 'after' : 'before', slowMs: f.slowMs };
}

/**
 * Start a sandbox. Resolves to its control API (see sandbox/README.md).
 * @param {object} [options]
 */
async function startSandbox(options = {}) {
	const sb = new Sandbox(options);
	const port = await sb.listen(sb.startOptions.port, sb.startOptions.host);
	const hostForUrl = sb.startOptions.host.includes(':') ? `[${sb.startOptions.host}]` : sb.startOptions.host;
	const api = {
		url: `http://${hostForUrl}:${port}`,
		port,
		accountId: sb.startOptions.accountId,
		clientId: sb.startOptions.clientId,
		clientSecret: sb.startOptions.clientSecret,
		close: () => sb.close(),
		reset: (seed) => sb.reset(seed),
		configure: (partial) => sb.configure(partial),
		config: () => sb.publicConfig(),
		requests: (since) => sb.requests(since),
		clearRequests: () => { sb.recorded = []; },
		expireTokens: () => sb.tokens.expireAll(),
		injectFault: (fault) => sb.injectFault(fault),
		clearFaults: () => sb.faultQueue.clear(),
		faults: () => sb.faultQueue.list(),
		seed: (n, optedOutMobiles) => structuredClone(sb.seed(n, optedOutMobiles).map((c) => sb.state.contacts.view(c))),
		deliverWebhook: (eventType, payload) => sb.deliverWebhook(eventType, payload),
		state: () => sb.state.snapshot(),
		stats: () => sb.stats(),
	};
	sb.api = api;
	return api;
}

/** CLI: node sandbox/server.js [--port N] [--host H] [--token-ttl S] [--rate-limit N] [--verbose] */
function parseArgs(argv, env) {
	const opts = { port: env.SAKARI_SANDBOX_PORT ? Number(env.SAKARI_SANDBOX_PORT) : 4010, quiet: true };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		const value = () => (inline !== undefined ? inline : argv[++i]);
		if (flag === '--port') opts.port = Number(value());
		else if (flag === '--host') opts.host = value();
		else if (flag === '--token-ttl') opts.tokenTtlSeconds = Number(value());
		else if (flag === '--rate-limit') opts.rateLimit = { perSecond: Number(value()) };
		else if (flag === '--verbose') opts.quiet = false;
		else throw new Error(`Unknown argument ${argv[i]}`);
	}
	if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('--port must be 0..65535');
	return opts;
}

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2), process.env);
	} catch (err) {
		console.error(err.message);
		process.exit(2);
	}
	const sb = await startSandbox(opts);
	console.log(`Sakari sandbox listening on ${sb.url}`);
	console.log(`Account ID: ${sb.accountId}`);
	console.log(`Client ID: ${sb.clientId}`);
	// The default secret is a public test value; a custom one is never printed.
	if (sb.clientSecret === DEFAULTS.clientSecret) console.log(`Client secret: ${sb.clientSecret} (public sandbox default)`);
	const stop = () => sb.close().then(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((err) => {
		console.error(err.message);
		process.exit(1);
	});
}

module.exports = { startSandbox, DEFAULTS };
