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
	...require('./endpoints/webhooks'),
	...require('./endpoints/forms'),
	...require('./endpoints/links'),
	...require('./endpoints/phoneNumbers'),
]);
const { ERROR_ANSWER } = require('./schemas');
const deliveries = require('./deliveries');

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
// Query values arrive as text: read "20" as 20 and "true" as true before checking.
const ajvQuery = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, coerceTypes: true });
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

/** Ajv's errors as short lines: `body.mobile must be object`. */
function describe(errors, root) {
	// An `if`/`then` failure is already told by the errors inside `then`.
	return (errors ?? []).filter((e) => e.keyword !== 'if').map((e) => {
		const at = `${root}${e.instancePath.replace(/\//g, '.')}`;
		if (e.keyword === 'required') return `${at}.${e.params.missingProperty} is missing`;
		if (e.keyword === 'additionalProperties') return `${at} has ${e.params.additionalProperty}, which is not documented`;
		if (e.keyword === 'enum') return `${at} must be one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')} (is ${JSON.stringify(valueAt(e))})`;
		if (e.keyword === 'const') return `${at} must be ${JSON.stringify(e.params.allowedValue)}`;
		return `${at} ${e.message}`;
	});
}
const valueAt = (e) => e.data;

/** @returns {string[]} */
function check(schema, data, root, instance = ajv) {
	const fn = validator(schema, instance);
	if (fn(data)) return [];
	return describe(fn.errors, root);
}

const PATTERNS = ENDPOINTS.map((endpoint) => ({
	endpoint,
	regex: new RegExp(`^${endpoint.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
}));

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
 * @param {{method: string, path: string, query?: Record<string, unknown>, headers?: Record<string, unknown>, body?: unknown, rawBody?: string}} request
 * @param {Shapes} [shapes]
 * @returns {Violation | null}
 */
function checkRequest(request, shapes = 'current') {
	const endpoint = endpointFor(request.method, request.path);
	if (!endpoint) {
		return { where: 'request', endpoint: null, source: null, problems: [`${request.method} ${request.path}: no documented endpoint (add its schema to sandbox/contract)`] };
	}
	const problems = [];
	if (endpoint.auth !== false && !/^Bearer \S+$/.test(String(header(request.headers, 'authorization') ?? ''))) {
		problems.push('header Authorization must be "Bearer <access token>"');
	}
	if (endpoint.query) problems.push(...check(endpoint.query, { ...request.query }, 'query', ajvQuery));
	const { schemas: bodies, source } = inShape(endpoint, shapes, 'body');
	const hasBody = request.rawBody !== undefined && request.rawBody !== '';
	if (!bodies) {
		if (hasBody) problems.push('body: this endpoint takes no body');
	} else if (!hasBody) {
		problems.push('body is missing');
	} else {
		const type = mediaType(header(request.headers, 'content-type'));
		const schema = bodies[type];
		if (!schema) problems.push(`header Content-Type ${JSON.stringify(type)} is not one of ${Object.keys(bodies).join(', ')}`);
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

module.exports = { ENDPOINTS, SHAPES, EVENT_TYPES: deliveries.EVENT_TYPES, endpointFor, checkRequest, checkAnswer, checkDelivery, check };
