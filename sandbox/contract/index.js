// @ts-check
'use strict';
// The contract: what Sakari's documentation says requests, answers and webhook deliveries look like, as JSON
// Schemas (one file per resource in endpoints/, deliveries in deliveries.js), and the checks that hold an
// exchange against it. Both sides are checked: the request a client sent and the answer the server gave.
// Used by the sandbox (checkContract), the shared test helpers and `npm run check:live`.
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;
const { SHAPES } = require('../lib/config');

/**
 * One documented endpoint. Schemas are open (Sakari may add properties) and strict on what the node relies on.
 * @typedef {object} Endpoint
 * @property {string} name what a Sakari user would call it, e.g. 'Contact → Create'
 * @property {string} method
 * @property {string} path e.g. '/v1/accounts/{accountId}/contacts/{contactId}'
 * @property {string} source the URL of the page that documents it
 * @property {boolean} [auth] false when no bearer token is sent (default true)
 * @property {object} [query] schema of the query string (values arrive as strings; numbers and booleans are read)
 * @property {Record<string, object>} [body] schema of the body per content type (no key: no body is sent)
 * @property {Record<string, object>} answers schema of the answer body per success status (`null`: no body)
 * @property {Partial<Record<Shapes, {source: string, answers?: Record<string, object>, body?: Record<string, object>}>>} [shapes]
 *   where an older documented shape differs: what replaces `answers` / `body` in that shape, and its page
 */
/** @typedef {'current' | '1.0.1'} Shapes */
/** @typedef {{where: 'request' | 'answer' | 'delivery', endpoint: string | null, source: string | null, problems: string[]}} Violation */

const ENDPOINTS = /** @type {Endpoint[]} */ ([
	...require('./endpoints/auth'),
	...require('./endpoints/accounts'),
	...require('./endpoints/contacts'),
	...require('./endpoints/messages'),
	...require('./endpoints/conversations'),
	...require('./endpoints/templates'),
	...require('./endpoints/campaigns'),
	...require('./endpoints/files'),
	...require('./endpoints/webhooks'),
	...require('./endpoints/forms'),
	...require('./endpoints/links'),
	...require('./endpoints/phoneNumbers'),
	...require('./endpoints/signing'),
]);
const { ERROR_ANSWER } = require('./schemas');
const deliveries = require('./deliveries');

// strictRequired off: `anyOf: [{required: ['contacts']}, …]` names properties declared beside it.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
// Query values arrive as text: read "20" as 20 and "true" as true before checking.
const ajvQuery = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, coerceTypes: true });
addFormats(ajvQuery);

/** @type {WeakMap<object, import('ajv').ValidateFunction>} */
const compiled = new WeakMap();
function validator(schema, instance = ajv) {
	let fn = compiled.get(schema);
	if (!fn) {
		fn = instance.compile(schema);
		compiled.set(schema, fn);
	}
	return fn;
}

/**
 * Every schema of these endpoints (query, bodies, answers, in every shape) and deliveries, compiled now: a schema
 * Ajv's strict mode refuses throws here, naming each one and its page, instead of only when (if ever) an
 * exchange of that endpoint is checked.
 * @param {Endpoint[]} endpoints
 * @param {Record<string, object>} [others] further schemas by name (deliveries, the error answer)
 */
function compileAll(endpoints, others = {}) {
	/** @type {Array<[string, object | null | undefined, import('ajv').default]>} */
	const schemas = Object.entries(others).map(([name, schema]) => [name, schema, ajv]);
	for (const endpoint of endpoints) {
		const label = `${endpointLabel(endpoint)}, source ${endpoint.source}`;
		schemas.push([`${label}: query`, endpoint.query, ajvQuery]);
		/** @type {Array<[string, {body?: Record<string, object>, answers?: Record<string, object>}]>} */
		const parts = [['current', endpoint], ...Object.entries(endpoint.shapes ?? {})];
		for (const [shapes, part] of parts) {
			for (const [type, schema] of Object.entries(part.body ?? {})) schemas.push([`${label}: ${shapes} body ${type}`, schema, ajv]);
			for (const [status, schema] of Object.entries(part.answers ?? {})) schemas.push([`${label}: ${shapes} answer ${status}`, schema, ajv]);
		}
	}
	const broken = [];
	for (const [name, schema, instance] of schemas) {
		if (!schema) continue;
		try {
			validator(schema, instance);
		} catch (error) {
			broken.push(`- ${name}: ${/** @type {Error} */ (error).message}`);
		}
	}
	if (broken.length) throw new Error(`${broken.length} schema(s) in sandbox/contract do not compile under Ajv's strict mode:\n${broken.join('\n')}`);
}

/**
 * Of the errors under a failed `anyOf`, keep those of the branch that came closest: "mobile must be object" says
 * more than every branch's complaint at once.
 */
function closestBranches(errors) {
	let kept = errors;
	for (const failed of errors.filter((e) => e.keyword === 'anyOf')) {
		const prefix = `${failed.schemaPath.slice(0, -'/anyOf'.length)}/anyOf/`;
		const byBranch = new Map();
		for (const e of kept) {
			if (!e.schemaPath.startsWith(prefix)) continue;
			const branch = e.schemaPath.slice(prefix.length).split('/')[0];
			byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
		}
		// Fewest errors; on a tie the branch whose errors reach deeper (`mobile must be object` over `id is missing`).
		const depth = (branch) => Math.max(...branch.map((e) => e.instancePath.split('/').length + (e.keyword === 'required' ? 0 : 1)));
		const best = [...byBranch.values()].sort((a, b) => a.length - b.length || depth(b) - depth(a))[0] ?? [];
		kept = kept.filter((e) => e !== failed && (!e.schemaPath.startsWith(prefix) || best.includes(e)));
	}
	return kept;
}

/** The value at an Ajv instancePath (a JSON pointer) in the data that was checked. */
function valueAt(data, instancePath) {
	let value = data;
	for (const key of instancePath.split('/').slice(1)) {
		value = value?.[key.replace(/~1/g, '/').replace(/~0/g, '~')];
	}
	return value;
}

/** Ajv's errors as short lines: `body.mobile must be object`, `body.type must be one of "SMS", "Web" (is "sms")`. */
function describe(errors, root, data) {
	// An `if`/`then` failure is already told by the errors inside `then`.
	return closestBranches((errors ?? []).filter((e) => e.keyword !== 'if')).map((e) => {
		const at = `${root}${e.instancePath.replace(/\//g, '.')}`;
		if (e.keyword === 'required') return `${at}.${e.params.missingProperty} is missing`;
		if (e.keyword === 'additionalProperties') return `${at} has ${e.params.additionalProperty}, which is not documented`;
		if (e.keyword === 'enum') return `${at} must be one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')} (is ${String(JSON.stringify(valueAt(data, e.instancePath))).slice(0, 60)})`;
		if (e.keyword === 'const') return `${at} must be ${JSON.stringify(e.params.allowedValue)}`;
		return `${at} ${e.message}`;
	});
}

/** @returns {string[]} */
function check(schema, data, root, instance = ajv) {
	const fn = validator(schema, instance);
	if (fn(data)) return [];
	return describe(fn.errors, root, data);
}

// A literal segment beats a parameter (`…/forms/templates` before `…/forms/{formId}`): fewest parameters first.
const PATTERNS = ENDPOINTS.map((endpoint) => ({
	endpoint,
	params: (endpoint.path.match(/\{/g) ?? []).length,
	regex: new RegExp(`^${endpoint.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
})).sort((a, b) => a.params - b.params);

/**
 * The documented endpoint for a method and raw (still percent-encoded) path, or null.
 * @returns {Endpoint | null}
 */
function endpointFor(method, path) {
	const found = PATTERNS.find((p) => p.endpoint.method === method && p.regex.test(path));
	return found ? found.endpoint : null;
}

const mediaType = (contentType) => String(contentType || '').split(';')[0].trim().toLowerCase();
const header = (headers, name) => {
	const value = headers?.[name];
	return Array.isArray(value) ? value.join(', ') : value;
};

/** The shape's part of an endpoint where that shape differs, else the current one. */
function inShape(endpoint, shapes, part) {
	const older = endpoint.shapes?.[shapes];
	return older?.[part] ? { schemas: older[part], source: older.source } : { schemas: endpoint[part], source: endpoint.source };
}

/**
 * Problems with a request as a client sent it.
 * @param {{method: string, path: string, query?: Record<string, unknown>, headers?: Record<string, unknown>, body?: unknown, rawBody?: string, bodyDropped?: boolean, status?: number}} request
 *   `status`: the answer's, when known
 * @param {Shapes} [shapes]
 * @returns {Violation | null}
 */
function checkRequest(request, shapes = 'current') {
	const endpoint = endpointFor(request.method, request.path);
	if (!endpoint) {
		return { where: 'request', endpoint: null, source: null, problems: [`${request.method} ${request.path}: no documented endpoint (add its schema to sandbox/contract)`] };
	}
	const problems = [];
	// Without a token Sakari answers 401 (documented): a client may send that on purpose rather than a stale token.
	if (endpoint.auth !== false && request.status !== 401 && !/^Bearer \S+$/.test(String(header(request.headers, 'authorization') ?? ''))) {
		problems.push('header Authorization must be "Bearer <access token>"');
	}
	if (endpoint.query) problems.push(...check(endpoint.query, { ...request.query }, 'query', ajvQuery));
	const { schemas: bodies, source } = inShape(endpoint, shapes, 'body');
	const hasBody = (request.rawBody !== undefined && request.rawBody !== '') || request.bodyDropped === true;
	if (!bodies) {
		if (hasBody) problems.push('body: this endpoint takes no body');
	} else if (!hasBody) {
		problems.push('body is missing');
	} else {
		const type = mediaType(header(request.headers, 'content-type'));
		const schema = bodies[type];
		if (!schema) problems.push(`header Content-Type ${JSON.stringify(type)} is not one of ${Object.keys(bodies).join(', ')}`);
		else if (request.bodyDropped) return null; // the recording let go of this body to bound its memory
		else if (type === 'application/json') problems.push(...check(schema, request.body, 'body'));
		else problems.push(...check(schema, request.rawBody, 'body'));
	}
	return problems.length ? { where: 'request', endpoint: endpointLabel(endpoint), source, problems } : null;
}

/**
 * Problems with an answer to a request: the success shape of the endpoint (in `shapes`), or Sakari's error envelope.
 * @param {{method: string, path: string}} request
 * @param {{status: number, headers?: Record<string, unknown>, body?: unknown, text?: string}} answer
 *   `body` the parsed JSON (undefined when the answer had none or was not JSON), `text` the raw body
 * @param {Shapes} [shapes]
 * @returns {Violation | null}
 */
function checkAnswer(request, answer, shapes = 'current') {
	const endpoint = endpointFor(request.method, request.path);
	if (!endpoint) return null; // the request's own violation says so
	const label = endpointLabel(endpoint);
	if (answer.status >= 400) {
		const problems = check(ERROR_ANSWER, answer.body, 'answer');
		return problems.length ? { where: 'answer', endpoint: label, source: ERROR_ANSWER.$comment, problems: [`status ${answer.status}: ${problems.join('; ')}`] } : null;
	}
	const { schemas: answers, source } = inShape(endpoint, shapes, 'answers');
	if (!(String(answer.status) in answers)) {
		return { where: 'answer', endpoint: label, source, problems: [`status ${answer.status} is not documented (${Object.keys(answers).join(', ')})`] };
	}
	const schema = answers[String(answer.status)];
	const hasText = answer.text !== undefined && answer.text !== '';
	/** @type {string[]} */
	let problems = [];
	if (schema === null) problems = hasText ? ['answer: no body is documented'] : [];
	else if (schema.type === 'string') problems = check(schema, answer.text ?? '', 'answer');
	else if (answer.body === undefined) problems = ['answer is not JSON'];
	else problems = check(schema, answer.body, 'answer');
	return problems.length ? { where: 'answer', endpoint: label, source, problems } : null;
}

const endpointLabel = (endpoint) => `${endpoint.name} (${endpoint.method} ${endpoint.path})`;

/**
 * Problems with a webhook delivery body (one wrapper; a message event's payload per `shapes`).
 * @param {unknown} body
 * @param {Shapes} [shapes]
 * @returns {Violation | null}
 */
function checkDelivery(body, shapes = 'current') {
	const old = shapes === '1.0.1';
	const problems = check(old ? deliveries.DELIVERY_1_0_1 : deliveries.DELIVERY, body, 'delivery');
	const source = old ? deliveries.SOURCE_1_0_1 : deliveries.SOURCE;
	return problems.length ? { where: 'delivery', endpoint: 'Webhook delivery', source, problems } : null;
}

/**
 * Violations as a readable list for a failing test or a report: what, where, and the page that says so.
 * @param {Array<Violation & {seq?: number, method?: string, path?: string, status?: number}>} violations
 */
function formatViolations(violations) {
	const lines = [`${violations.length} exchange(s) broke Sakari's documented contract (sandbox/contract):`];
	for (const v of violations) {
		const exchange = v.method ? `#${v.seq} ${v.method} ${v.path} → ${v.status || 'no answer'}` : 'webhook delivery';
		lines.push(`- ${exchange}, ${v.where}${v.endpoint ? ` (${v.endpoint})` : ''}:`);
		for (const problem of v.problems) lines.push(`    ${problem}`);
		if (v.source) lines.push(`    source: ${v.source}`);
	}
	return lines.join('\n');
}

compileAll(ENDPOINTS, { 'Sakari error answer': ERROR_ANSWER, 'Webhook delivery': deliveries.DELIVERY, 'Webhook delivery (1.0.1)': deliveries.DELIVERY_1_0_1 });

module.exports = { compileAll, formatViolations, ENDPOINTS, SHAPES, EVENT_TYPES: deliveries.EVENT_TYPES, EXAMPLE_DELIVERY: deliveries.EXAMPLE, SDK_SIGNED_MESSAGE: deliveries.SDK_SIGNED_MESSAGE, endpointFor, checkRequest, checkAnswer, checkDelivery, check };
