// @ts-check
'use strict';
// Local Sakari sandbox: a small HTTP server that keeps Sakari's REST contract (see sandbox/README.md)
// for unit tests, end-to-end tests, the demo and benchmarks over real HTTP on loopback.
// Node built-ins only, so it runs anywhere the package's tests run (Node 20 and 24).
// This file wires the request pipeline (record → read body → rate limit → latency → fault → auth → route)
// and builds the control API; each step lives in sandbox/lib/.
const http = require('node:http');
const { ApiError, fromError, parseQuery, readBody, writeReply, reply, errorBody } = require('./lib/http');
const { DEFAULTS, checkConfig, startOptions, inputError } = require('./lib/config');
const { TokenIssuer } = require('./lib/token');
const { tokenEndpoint, authenticate } = require('./lib/oauth');
const { RateLimiter, RandomFaults, FaultQueue, rateLimited, fromRandom, faultAnswer } = require('./lib/load');
const { Recorder, loadContract } = require('./lib/recorder');
const { State } = require('./lib/state');
const { echoSecret } = require('./lib/echo');
const { dispatch, SHARE_FILE_PATH } = require('./lib/routes');
const { handleControl, crossOriginProblem } = require('./lib/control');
const { deliver } = require('./lib/webhooks');
const { normaliseMobile } = require('./lib/phone');
const { publicKeyPem, signJws, PUBLIC_KEY_PATH } = require('./lib/signing');

/**
 * A reset/seed request: nothing, a number of contacts, or {seedContacts | contacts, optedOutMobiles}.
 * Every opted-out number must be valid (read as US when national).
 * @returns {{contacts: number, optedOutMobiles: string[]}}
 */
function checkSeed(seed) {
	if (seed === undefined || seed === null) return { contacts: 0, optedOutMobiles: [] };
	const s = typeof seed === 'number' ? { seedContacts: seed } : seed;
	if (typeof s !== 'object' || Array.isArray(s)) throw inputError('reset body must be a number or {seedContacts, optedOutMobiles}');
	const unknown = Object.keys(s).filter((k) => !['seedContacts', 'contacts', 'optedOutMobiles'].includes(k));
	if (unknown.length) throw inputError(`Unknown reset/seed key ${unknown.join(', ')}; accepted: seedContacts (or contacts), optedOutMobiles`);
	const n = s.seedContacts ?? s.contacts ?? 0;
	const optedOutMobiles = s.optedOutMobiles ?? [];
	if (!Number.isInteger(n) || n < 0 || n > 1000000) throw inputError('contacts must be an integer 0..1000000');
	if (!Array.isArray(optedOutMobiles)) throw inputError('optedOutMobiles must be an array');
	const bad = optedOutMobiles.filter((m) => !normaliseMobile(m, 'US').ok);
	if (bad.length) throw inputError(`optedOutMobiles: invalid mobile number ${String(bad[0]).slice(0, 40)}`);
	return { contacts: n, optedOutMobiles };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class Sandbox {
	constructor(options) {
		this.startOptions = startOptions(options);
		this.tokens = new TokenIssuer();
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((err) => this.internalError(res, err));
		});
		this.server.keepAliveTimeout = 5000;
		/** @type {any} the object startSandbox() resolves to, which the control routes drive */
		this.api = undefined;
		const run = this.fresh();
		this.cfg = run.cfg;
		this.state = run.state;
		this.limiter = run.limiter;
		this.randomFaults = run.randomFaults;
		this.faultQueue = run.faultQueue;
		this.recorder = run.recorder;
		this.counters = run.counters;
		// Loaded now, so a contract schema that does not compile stops the start instead of an exchange later.
		if (this.cfg.checkContract) loadContract();
	}

	/** Everything reset() clears, as at the start. */
	fresh() {
		const cfg = structuredClone(this.startOptions);
		const state = new State();
		state.contacts.defaultMergeStrategy = cfg.defaultMergeStrategy;
		return {
			cfg,
			state,
			limiter: new RateLimiter(),
			randomFaults: new RandomFaults(cfg.faults),
			faultQueue: new FaultQueue(),
			recorder: new Recorder(() => this.cfg),
			counters: { tokenRequests: 0, maxInFlight: 0, rateLimited: 0 },
		};
	}

	/** Back to the start options; data, tokens (all expire), faults, recordings and stats cleared. */
	resetAll() {
		this.tokens.expireAll();
		// Contract violations outlive a reset, so a test that resets cannot hide one.
		const { violations } = this.recorder;
		Object.assign(this, this.fresh());
		this.recorder.violations = violations;
	}

	configure(partial) {
		const clean = checkConfig(partial);
		if (clean.checkContract) loadContract();
		Object.assign(this.cfg, clean);
		if ('faults' in clean) this.randomFaults = new RandomFaults(clean.faults);
		if ('defaultMergeStrategy' in clean) this.state.contacts.defaultMergeStrategy = clean.defaultMergeStrategy;
		return this.publicConfig();
	}

	publicConfig() {
		// The secret is never handed out again, e.g. over /__sandbox/config.
		const { clientSecret: _secret, ...copy } = structuredClone(this.cfg);
		return copy;
	}

	// ---- request handling ----

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 */
	async handle(req, res) {
		const url = req.url ?? '/';
		const method = req.method ?? 'GET';
		const q = url.indexOf('?');
		const path = q < 0 ? url : url.slice(0, q);
		const query = q < 0 ? {} : parseQuery(new URLSearchParams(url.slice(q + 1)));
		if (path === '/__sandbox' || path.startsWith('/__sandbox/')) {
			const refused = crossOriginProblem(req.headers, this.startOptions.host);
			if (refused) return writeReply(res, reply(403, errorBody('SANDBOX-403', refused)), { close: true });
			const bytes = await this.readBodyOrRefuse(req, res, this.cfg.bodyLimitBytes);
			if (bytes !== null) writeReply(res, await handleControl(this.api, method, path, query, bytes.toString('utf8')));
			return;
		}
		const rec = this.recorder.record(req, res, path, query);
		// A shared file may be larger than an API body (its own limit answers 413 FILE-002 with a code).
		const limit = path === SHARE_FILE_PATH ? this.cfg.shareFileLimitBytes + 64 * 1024 : this.cfg.bodyLimitBytes;
		const bytes = await this.readBodyOrRefuse(req, res, limit);
		if (bytes === null) return;
		const rawBody = bytes.toString('utf8');
		this.recorder.keepBody(rec, rawBody);
		const ctx = { method, path, query, headers: req.headers, rawBody, bytes, contentType: req.headers['content-type'] || '', rec };
		if (path !== '/v1' && !path.startsWith('/v1/')) return this.answer(req, res, ctx, null);

		const retryAfter = this.limiter.admit(this.cfg.rateLimit);
		if (retryAfter !== null) {
			this.counters.rateLimited += 1;
			return writeReply(res, rateLimited(retryAfter));
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

	/** The body's bytes, or null after answering 413 (over the limit) and closing the connection. */
	async readBodyOrRefuse(req, res, limit) {
		try {
			return await readBody(req, limit);
		} catch (err) {
			if (!(err instanceof ApiError)) throw err;
			writeReply(res, fromError(err), { close: true });
			return null;
		}
	}

	/**
	 * Answer one API request, applying at most one fault: a queued one-shot fault wins over a random one.
	 * "before" faults answer without processing; "after" faults process, then replace the answer.
	 */
	async answer(req, res, ctx, randomFault) {
		const fault = this.faultQueue.take(ctx.method, ctx.path) || fromRandom(randomFault);
		if (!fault) return writeReply(res, this.compute(ctx));
		ctx.rec.fault = fault.kind;
		if (fault.kind === 'slow') {
			await sleep(fault.slowMs ?? 1000);
			return writeReply(res, this.compute(ctx));
		}
		const answer = faultAnswer(fault, fault.when === 'before' ? null : this.compute(ctx));
		if (answer === 'reset') return req.socket.destroy();
		if (fault.kind === '429') this.counters.rateLimited += 1;
		return writeReply(res, answer.reply, { malformed: answer.malformed });
	}

	/** The real answer for a request (token endpoint, /v1 routes, or 404). */
	compute(ctx) {
		const answer = this.realAnswer(ctx);
		return this.cfg.echoSecret && ctx.path.startsWith('/v1/') ? echoSecret(answer, this.cfg.clientSecret) : answer;
	}

	realAnswer(ctx) {
		try {
			if (ctx.path === '/oauth2/token') {
				this.counters.tokenRequests += 1;
				return tokenEndpoint(ctx, this.cfg, this.tokens);
			}
			if (ctx.path === PUBLIC_KEY_PATH && ctx.method === 'GET') {
				return { ...reply(200, undefined, { 'Content-Type': 'application/x-pem-file' }), raw: publicKeyPem() };
			}
			const file = ctx.method === 'GET' ? this.state.files.get(ctx.path) : null;
			if (file) return { ...reply(200, undefined, { 'Content-Type': file.contentType, 'Content-Disposition': `inline; filename="${file.name.replace(/"/g, '')}"` }), raw: file.data };
			if (ctx.path === '/v1' || ctx.path.startsWith('/v1/')) {
				authenticate(this.tokens, ctx.headers.authorization, this.cfg.clientId);
				const limits = { csvRowLimit: this.cfg.csvRowLimit, maxRecipients: this.cfg.maxRecipients, answerOrder: this.cfg.answerOrder, shareFileLimitBytes: this.cfg.shareFileLimitBytes };
				// Links point where the caller reached the sandbox (e.g. another host name from a container).
				const baseUrl = ctx.headers.host ? `http://${ctx.headers.host}` : this.api.url;
				const { accountId, clientId, clientSecret, otherAccounts, shapes } = this.cfg;
				return dispatch({ ...ctx, state: this.state, limits, baseUrl, accountId, shapes, account: { accountId, clientId, clientSecret, otherAccounts } });
			}
			throw new ApiError(404, 'HTTP-404', `No route for ${ctx.path}`);
		} catch (err) {
			if (err instanceof ApiError) return fromError(err);
			throw err;
		}
	}

	/** @param {import('node:http').ServerResponse} res */
	internalError(res, err) {
		if (!this.cfg.quiet) console.error('sandbox internal error:', err && err.stack);
		writeReply(res, reply(500, errorBody('SYS-500', 'Internal sandbox error')));
	}

	// ---- control operations (shared by the in-process API and /__sandbox routes) ----

	/** Reset, then seed; a bad seed is refused before anything is wiped. */
	reset(seed) {
		const s = checkSeed(seed);
		this.resetAll();
		this.state.seeder.seed(s.contacts, s.optedOutMobiles);
	}

	/** Add contacts and opt-outs; a bad request is refused before anything is added. */
	seed(n, optedOutMobiles = []) {
		const s = checkSeed({ contacts: n, optedOutMobiles });
		return this.state.seeder.seed(s.contacts, s.optedOutMobiles);
	}

	/** Add `n` tracked links (Sakari's API has no create for them). */
	seedLinks(n, sourceCount = 3) {
		if (!Number.isInteger(n) || n < 0 || n > 100000) throw inputError('links must be an integer 0..100000');
		if (!Number.isInteger(sourceCount) || sourceCount < 0 || sourceCount > 1000) throw inputError('sources per link must be an integer 0..1000');
		return this.state.links.seed(n, sourceCount);
	}

	/** More lead form templates than the three every account lists, to page through. */
	seedFormTemplates(n) {
		if (!Number.isInteger(n) || n < 0 || n > 1000) throw inputError('form templates must be an integer 0..1000');
		return this.state.forms.seedTemplates(n);
	}

	/** Impressions and submissions of a lead form, as if people saw and filled it in on a web page. */
	visitForm(formId, visits) {
		const v = visits ?? {};
		if (typeof v !== 'object' || Array.isArray(v)) throw inputError('visits must be {impressions?, submissions?, at?}');
		const { impressions = 0, submissions = [], at } = v;
		if (!Number.isInteger(impressions) || impressions < 0 || impressions > 100000) throw inputError('impressions must be an integer 0..100000');
		if (!Array.isArray(submissions) || submissions.some((entry) => !entry || typeof entry !== 'object')) throw inputError('submissions must be an array of objects');
		if (at !== undefined && !Number.isFinite(Date.parse(String(at)))) throw inputError('at must be a date');
		try {
			return this.state.forms.visit(String(formId), { impressions, submissions, at: at === undefined ? undefined : Date.parse(String(at)) });
		} catch (/** @type {any} */ err) {
			throw inputError(err.message);
		}
	}

	injectFault(fault) {
		try {
			this.faultQueue.add(fault);
		} catch (/** @type {any} */ err) {
			throw inputError(err.message);
		}
	}

	async deliverWebhook(eventType, payload, options) {
		// With checkContract on, each delivery's body is held against the documented delivery shape as it is sent.
		const check = this.cfg.checkContract ? (body) => this.recorder.checkDelivery(body) : undefined;
		try {
			return await deliver(this.state, this.cfg.accountId, eventType, payload, { ...options, shapes: this.cfg.shapes, check });
		} catch (/** @type {any} */ err) {
			if (err.status === 400) throw inputError(err.message);
			throw err;
		}
	}

	stats() {
		const { requestCount, byStatus } = this.recorder;
		return { requests: requestCount, ...structuredClone(this.counters), byStatus: { ...byStatus }, inFlight: this.limiter.inFlight };
	}

	listen(port, host) {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => {
				this.server.off('error', reject);
				resolve(/** @type {import('node:net').AddressInfo} */ (this.server.address()).port);
			});
		});
	}

	close() {
		return new Promise((resolve) => {
			this.server.close(() => resolve(undefined));
			this.server.closeAllConnections();
		});
	}
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
		requests: (since) => sb.recorder.list(since),
		clearRequests: () => sb.recorder.clear(),
		violations: () => structuredClone(sb.recorder.violations),
		clearViolations: () => {
			sb.recorder.violations = [];
		},
		expireTokens: () => sb.tokens.expireAll(),
		injectFault: (fault) => sb.injectFault(fault),
		clearFaults: () => sb.faultQueue.clear(),
		faults: () => sb.faultQueue.list(),
		seed: (n, optedOutMobiles) => structuredClone(sb.seed(n, optedOutMobiles).map((c) => sb.state.contacts.view(c))),
		seedLinks: (n, sourceCount) => structuredClone(sb.seedLinks(n, sourceCount)),
		seedFormTemplates: (n) => structuredClone(sb.seedFormTemplates(n)),
		visitForm: (formId, visits) => structuredClone(sb.visitForm(formId, visits)),
		deliverWebhook: (eventType, payload, options) => sb.deliverWebhook(eventType, payload, options),
		signingKeyUrl: `http://${hostForUrl}:${port}${PUBLIC_KEY_PATH}`,
		publicKeyPem: () => publicKeyPem(),
		signDelivery: (bodyText) => signJws(bodyText),
		state: () => sb.state.snapshot(),
		stats: () => sb.stats(),
	};
	sb.api = api;
	return api;
}

if (require.main === module) {
	require('./lib/cli')
		.main(startSandbox)
		.catch((err) => {
			console.error(err.message);
			process.exit(1);
		});
}

module.exports = { startSandbox, DEFAULTS };
