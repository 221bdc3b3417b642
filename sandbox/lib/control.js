// @ts-check
'use strict';
// The /__sandbox control API: lets out-of-process tests drive the sandbox. No auth, not recorded,
// not rate limited. Answers are plain JSON (errors use the same envelope as the API, code SANDBOX-400).
const { ApiError, parseJsonBody } = require('./http');

const CONTROL_ROUTES = {
	'GET /__sandbox/requests': (sb, { query }) => ({ requests: sb.requests(query.since !== undefined ? Number(query.since) : undefined) }),
	'DELETE /__sandbox/requests': (sb) => { sb.clearRequests(); return { ok: true }; },
	'POST /__sandbox/reset': (sb, { body }) => { sb.reset(body); return { ok: true }; },
	'GET /__sandbox/config': (sb) => sb.config(),
	'POST /__sandbox/config': (sb, { body }) => sb.configure(body || {}),
	'POST /__sandbox/tokens/expire': (sb) => { sb.expireTokens(); return { ok: true }; },
	'GET /__sandbox/faults': (sb) => ({ faults: sb.faults() }),
	'POST /__sandbox/faults': (sb, { body }) => { sb.injectFault(body); return { ok: true, faults: sb.faults() }; },
	'DELETE /__sandbox/faults': (sb) => { sb.clearFaults(); return { ok: true }; },
	'POST /__sandbox/seed': (sb, { body }) => {
		const b = body || {};
		const contacts = sb.seed(b.contacts ?? 0, b.optedOutMobiles ?? []);
		return { created: contacts.length, ids: contacts.map((c) => c.id) };
	},
	'POST /__sandbox/links': (sb, { body }) => {
		const links = sb.seedLinks(body?.count ?? 0);
		return { created: links.length, ids: links.map((link) => link.id) };
	},
	'POST /__sandbox/forms/visits': (sb, { body }) => sb.visitForm(body?.formId, body),
	'POST /__sandbox/webhooks/deliver': (sb, { body }) =>
		sb.deliverWebhook(body?.eventType, body?.payload, { signed: body?.signed !== false, signedPart: body?.signedPart }),
	'GET /__sandbox/violations': (sb) => ({ violations: sb.violations() }),
	'DELETE /__sandbox/violations': (sb) => { sb.clearViolations(); return { ok: true }; },
	'GET /__sandbox/state': (sb) => sb.state(),
	'GET /__sandbox/stats': (sb) => sb.stats(),
};

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The control API drives the sandbox without auth, so only this machine's own tools may call it: the Host
 * must name a loopback address (or the host the sandbox listens on), which stops DNS rebinding, and a
 * request a browser marks as coming from another origin (Origin, Sec-Fetch-Site) is refused, so a web page
 * cannot reset or read the sandbox. Returns the reason for a refusal, or null.
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @param {string} listenHost
 */
function crossOriginProblem(headers, listenHost) {
	const host = String(headers.host ?? '').toLowerCase();
	const name = host.replace(/:\d+$/, '');
	const allowed = [...LOOPBACK_NAMES, listenHost.includes(':') ? `[${listenHost}]` : listenHost].map((h) => h.toLowerCase());
	if (!allowed.includes(name)) return `Host ${host || '(none)'} is not this machine's loopback address`;
	const origin = headers.origin;
	if (origin !== undefined && origin !== `http://${host}`) return `Origin ${origin} is not this sandbox`;
	const site = headers['sec-fetch-site'];
	if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site ${site} is not allowed`;
	return null;
}

/** Run a control request; returns { status, body }. Validation problems become 400s. */
async function handleControl(sb, method, path, query, rawBody) {
	const key = `${method} ${path.replace(/\/+$/, '')}`;
	const handler = CONTROL_ROUTES[key];
	if (!handler) {
		const known = Object.keys(CONTROL_ROUTES).some((k) => k.endsWith(` ${path.replace(/\/+$/, '')}`));
		return known ? { status: 405, body: envelope('HTTP-405', `Method ${method} not allowed on ${path}`) } : { status: 404, body: envelope('HTTP-404', `No control route ${path}`) };
	}
	try {
		const body = parseJsonBody(rawBody);
		return { status: 200, body: await handler(sb, { query, body }) };
	} catch (/** @type {any} */ err) {
		if (err instanceof ApiError) return { status: err.status, body: envelope(err.code, err.message) };
		if (err && err.sandboxInput) return { status: err.status || 400, body: envelope('SANDBOX-400', err.message) };
		throw err;
	}
}

const envelope = (code, message) => ({ success: false, error: { code, message } });

module.exports = { handleControl, crossOriginProblem, CONTROL_ROUTES };
