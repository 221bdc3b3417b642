// @ts-check
'use strict';
// The sandbox's configuration: defaults and validation for start options and configure().
const { MERGE_STRATEGIES } = require('./contacts');
const { DEFAULT_ROW_LIMIT } = require('./csv');
const { DEFAULT_FILE_LIMIT } = require('./files');
const { ANSWER_ORDERS } = require('./order');

/**
 * @typedef {object} Config
 * @property {number} port
 * @property {string} host
 * @property {string} accountId
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {number} tokenTtlSeconds
 * @property {{perSecond: number | null, maxInFlight: number | null} | null} rateLimit
 * @property {{seed?: number, rate5xx?: number, rateReset?: number, rateMalformed?: number, rateSlow?: number, slowMs?: number} | null} faults
 * @property {number} latencyMs
 * @property {string} defaultMergeStrategy
 * @property {number} csvRowLimit
 * @property {number | null} maxRecipients
 * @property {string} answerOrder
 * @property {number} shareFileLimitBytes
 * @property {number} bodyLimitBytes
 * @property {number} maxRecordedRequests
 * @property {number} maxRecordedBodyBytes
 * @property {boolean} quiet
 * @property {'current' | '1.0.1'} shapes
 * @property {boolean} checkContract
 * @property {number} otherAccounts
 * @property {boolean} echoSecret
 */

/** @type {Readonly<Config>} */
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
	answerOrder: 'sent',
	shareFileLimitBytes: DEFAULT_FILE_LIMIT,
	bodyLimitBytes: 1024 * 1024,
	maxRecordedRequests: 100000,
	maxRecordedBodyBytes: 64 * 1024 * 1024,
	quiet: true,
	// Which of Sakari's documented answer shapes the sandbox speaks (sandbox/contract/README.md).
	shapes: 'current',
	// Check every request and answer against sandbox/contract and collect what does not match.
	checkContract: false,
	otherAccounts: 1,
	echoSecret: false,
});
// The answer shapes: Sakari's current API reference, or the older OpenAPI 1.0.1 where they differ.
const SHAPES = Object.freeze(['current', '1.0.1']);
// Keys configure() accepts; anything else is refused so typos in tests do not silently do nothing.
const CONFIGURABLE = ['accountId', 'clientId', 'clientSecret', 'tokenTtlSeconds', 'rateLimit', 'faults', 'latencyMs', 'defaultMergeStrategy', 'csvRowLimit', 'maxRecipients', 'answerOrder', 'shareFileLimitBytes', 'quiet', 'shapes', 'checkContract', 'otherAccounts', 'echoSecret'];
const START_ONLY = ['port', 'host', 'bodyLimitBytes', 'maxRecordedRequests', 'maxRecordedBodyBytes'];

/** An input problem in the sandbox's own API (in-process: thrown; over HTTP: a 400). */
function inputError(message) {
	const err = /** @type {Error & {sandboxInput: boolean, status: number}} */ (new Error(message));
	err.sandboxInput = true;
	err.status = 400;
	return err;
}

const isPositiveInt = (v) => Number.isInteger(v) && v > 0;

/**
 * Validate a partial config; returns a cleaned copy.
 * @returns {Partial<Config>}
 */
function checkConfig(partial) {
	if (!partial || typeof partial !== 'object' || Array.isArray(partial)) throw inputError('config must be an object');
	/** @type {Record<string, any>} */
	const out = {};
	for (const [k, v] of Object.entries(partial)) {
		if (!CONFIGURABLE.includes(k)) throw inputError(`Unknown config key ${k}; accepted: ${CONFIGURABLE.join(', ')}`);
		out[k] = v;
	}
	if ('tokenTtlSeconds' in out && !(typeof out.tokenTtlSeconds === 'number' && out.tokenTtlSeconds > 0)) throw inputError('tokenTtlSeconds must be a positive number');
	if ('latencyMs' in out && !(Number.isFinite(out.latencyMs) && out.latencyMs >= 0)) throw inputError('latencyMs must be a number >= 0');
	if ('defaultMergeStrategy' in out && !MERGE_STRATEGIES.includes(out.defaultMergeStrategy)) throw inputError(`defaultMergeStrategy must be one of ${MERGE_STRATEGIES.join(', ')}`);
	if ('shareFileLimitBytes' in out && !isPositiveInt(out.shareFileLimitBytes)) throw inputError('shareFileLimitBytes must be a positive integer');
	if ('csvRowLimit' in out && !isPositiveInt(out.csvRowLimit)) throw inputError('csvRowLimit must be a positive integer');
	if ('shapes' in out && !SHAPES.includes(out.shapes)) throw inputError(`shapes must be one of ${SHAPES.join(', ')}`);
	if ('checkContract' in out && typeof out.checkContract !== 'boolean') throw inputError('checkContract must be true or false');
	if ('otherAccounts' in out && !(Number.isInteger(out.otherAccounts) && out.otherAccounts >= 0 && out.otherAccounts <= 1000)) throw inputError('otherAccounts must be an integer from 0 to 1000');
	if ('echoSecret' in out && typeof out.echoSecret !== 'boolean') throw inputError('echoSecret must be true or false');
	if ('answerOrder' in out && !ANSWER_ORDERS.includes(out.answerOrder)) throw inputError(`answerOrder must be one of ${ANSWER_ORDERS.join(', ')}`);
	if ('maxRecipients' in out && out.maxRecipients !== null && !isPositiveInt(out.maxRecipients)) throw inputError('maxRecipients must be a positive integer or null');
	if (out.rateLimit !== undefined && out.rateLimit !== null) {
		const r = out.rateLimit;
		if (typeof r !== 'object') throw inputError('rateLimit must be an object or null');
		for (const k of ['perSecond', 'maxInFlight']) {
			if (r[k] !== undefined && r[k] !== null && !isPositiveInt(r[k])) throw inputError(`rateLimit.${k} must be a positive integer`);
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

/**
 * Start options: the same validation as configure() plus the start-only keys; defaults filled in.
 * @returns {Config}
 */
function startOptions(options) {
	const all = Object.fromEntries(Object.entries(options || {}).filter(([, v]) => v !== undefined));
	/** @type {Record<string, any>} */
	const clean = checkConfig(Object.fromEntries(Object.entries(all).filter(([k]) => !START_ONLY.includes(k))));
	for (const k of START_ONLY) if (k in all) clean[k] = all[k];
	return { ...DEFAULTS, ...clean };
}

module.exports = { DEFAULTS, SHAPES, checkConfig, startOptions, inputError };
