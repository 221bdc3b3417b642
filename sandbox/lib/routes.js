// @ts-check
'use strict';
// The /v1 Sakari routes. Handlers are pure-ish functions (ctx) -> reply, so the server can apply
// "after" faults (process, then lose the answer) and malformed bodies uniformly.
const { ApiError, reply, parseJsonBody, isCsvType } = require('./http');
const { importCsv } = require('./csv');
const { paginate } = require('./paging');
const { ownAccount, accountList, balance, accountView } = require('./accounts');
const { webhookView } = require('./subscriptions');
const { availableNumbers } = require('./numbers');
const { campaignView } = require('./campaigns');
const { conversationView } = require('./conversations');
const { sendView } = require('./messages');

// Handlers hand internal objects to the reply: the server serialises them synchronously, before any
// other request can change them, so no defensive copies are needed on this hot path.
const ok = (data, status = 200) => reply(status, { success: true, data });
const page = (items, query, map = (x) => x, defaultLimit = 10) => {
	const p = paginate(items, query, defaultLimit);
	return reply(200, { success: true, data: p.data.map(map), pagination: p.pagination });
};

/** Body as JSON object (400 when missing where one is needed). */
function jsonBody(ctx, required = true) {
	const body = parseJsonBody(ctx.rawBody);
	if (required && body === undefined) throw new ApiError(400, 'HTTP-400', 'Request body is required');
	return body;
}

const A = '/v1/accounts/:accountId';

/**
 * List (paged, `name` filter), create (201), get, update and delete (`{success: true}`) of one store in State,
 * each object answered through `view` (the shapes in force).
 * @param {'templates' | 'campaigns'} resource
 * @param {(item: any, shapes: 'current' | '1.0.1') => any} [view]
 * @returns {Array<[string, Record<string, (ctx: any) => any>]>}
 */
const crud = (resource, view = (item) => item) => [
	[`${A}/${resource}`, {
		GET: (ctx) => page(ctx.state[resource].list(ctx.query), ctx.query, (item) => view(item, ctx.shapes)),
		POST: (ctx) => ok(view(ctx.state[resource].create(jsonBody(ctx)), ctx.shapes), 201),
	}],
	[`${A}/${resource}/:id`, {
		GET: (ctx) => ok(view(ctx.state[resource].get(ctx.params.id), ctx.shapes)),
		PUT: (ctx) => ok(view(ctx.state[resource].update(ctx.params.id, jsonBody(ctx)), ctx.shapes)),
		DELETE: (ctx) => {
			ctx.state[resource].remove(ctx.params.id);
			return reply(200, { success: true });
		},
	}],
];
const SHARE_FILE_PATH = '/v1/tools/sharefile';

/**
 * Route table: [pattern, { METHOD: handler }]. `*rest` captures the remainder of the raw path.
 * @type {Array<{segments: string[], methods: Record<string, (ctx: any) => any>}>}
 */
const ROUTES = /** @type {Array<[string, Record<string, (ctx: any) => any>]>} */ ([
	['/v1/accounts', { GET: (ctx) => page(accountList(ctx.account), ctx.query, (account) => accountView('account', account, ctx.shapes)) }],
	[A, { GET: (ctx) => ok(accountView('account', ownAccount(ctx.account), ctx.shapes)) }],
	[`${A}/balance`, { GET: (ctx) => ok(accountView('balance', balance(), ctx.shapes)) }],
	[`${A}/contacts`, {
		GET: (ctx) => page(ctx.state.contacts.list(ctx.query), ctx.query, (c) => ctx.state.contacts.view(c)),
		POST: (ctx) => {
			const contacts = ctx.state.contacts;
			const strategy = contacts.checkStrategy(ctx.query.mergeStrategy);
			if (isCsvType(ctx.contentType)) return ok(importCsv(contacts, ctx.rawBody, strategy, ctx.limits), 201);
			const { contact } = contacts.upsert(jsonBody(ctx), strategy);
			// Created or merged, the answer is 201 with an array (the API's documented shape).
			return ok([contacts.view(contact)], 201);
		},
	}],
	[`${A}/contacts/:contactId`, {
		GET: (ctx) => ok(ctx.state.contacts.view(ctx.state.contacts.get(ctx.params.contactId))),
		PUT: (ctx) => ok(ctx.state.contacts.view(ctx.state.contacts.update(ctx.params.contactId, jsonBody(ctx)))),
		DELETE: (ctx) => {
			ctx.state.contacts.remove(ctx.params.contactId);
			return reply(200, { success: true });
		},
	}],
	[`${A}/messages`, {
		GET: (ctx) => page(ctx.state.messages.list(ctx.query), ctx.query),
		POST: (ctx) => ok(sendView(ctx.state.messages.send(jsonBody(ctx), ctx.limits), ctx.shapes)),
	}],
	[`${A}/messages/:messageId`, { GET: (ctx) => ok(ctx.state.messages.get(ctx.params.messageId)) }],
	[`${A}/conversations`, { GET: (ctx) => page(ctx.state.conversations.list(), ctx.query, (cv) => conversationView(cv, ctx.shapes)) }],
	[`${A}/conversations/:conversationId`, { GET: (ctx) => ok(conversationView(ctx.state.conversations.get(ctx.params.conversationId), ctx.shapes)) }],
	[`${A}/conversations/:conversationId/close`, { PUT: (ctx) => ok(conversationView(ctx.state.conversations.close(ctx.params.conversationId), ctx.shapes)) }],
	...crud('templates'),
	...crud('campaigns', campaignView),
	[`${A}/quickcampaigns`, {
		POST: (ctx) => {
			const { campaign, job } = ctx.state.campaigns.quick(jsonBody(ctx), ctx.state.contacts);
			return ok({ campaign: campaignView(campaign, ctx.shapes), job });
		},
	}],
	// Share file: no account in the path (as Sakari documents it), still needs the bearer token.
	[SHARE_FILE_PATH, {
		POST: (ctx) => ok(ctx.state.files.share({ contentType: ctx.contentType, body: ctx.bytes, query: ctx.query }, ctx.baseUrl, ctx.limits.shareFileLimitBytes)),
	}],
	// Lead forms (developer.sakari.io/api-reference/forms/*): create answers 200 with the form (as documented).
	// `/forms/templates` comes before `/forms/:formId`, so it is never read as a form id.
	[`${A}/forms`, {
		GET: (ctx) => page(ctx.state.forms.list(ctx.query), ctx.query),
		POST: (ctx) => ok(ctx.state.forms.create(jsonBody(ctx), ctx.query)),
	}],
	[`${A}/forms/templates`, { GET: (ctx) => page(ctx.state.forms.templates(ctx.query), ctx.query) }],
	[`${A}/forms/:formId`, {
		GET: (ctx) => ok(ctx.state.forms.get(ctx.params.formId)),
		PUT: (ctx) => ok(ctx.state.forms.update(ctx.params.formId, jsonBody(ctx))),
		DELETE: (ctx) => {
			ctx.state.forms.remove(ctx.params.formId);
			return reply(200, { success: true });
		},
	}],
	[`${A}/forms/:formId/activate`, { PUT: (ctx) => ok(ctx.state.forms.activate(ctx.params.formId)) }],
	[`${A}/forms/:formId/deactivate`, { PUT: (ctx) => ok(ctx.state.forms.deactivate(ctx.params.formId)) }],
	[`${A}/forms/:formId/analytics`, { GET: (ctx) => ok(ctx.state.forms.analytics(ctx.params.formId, ctx.query)) }],
	[`${A}/forms/:formId/conversions`, { GET: (ctx) => page(ctx.state.forms.conversions(ctx.params.formId, ctx.query), ctx.query) }],
	// Links (developer.sakari.io/api-reference/links/*): read only; the control API makes them.
	[`${A}/links`, { GET: (ctx) => page(ctx.state.links.list(ctx.query), ctx.query) }],
	[`${A}/links/:linkId`, { GET: (ctx) => ok(ctx.state.links.get(ctx.params.linkId)) }],
	[`${A}/links/:linkId/sources`, { GET: (ctx) => page(ctx.state.links.sources(ctx.params.linkId, ctx.query), ctx.query) }],
	// No paging documented: every match in one answer.
	[`${A}/availablephonenumbers`, { GET: (ctx) => ok(availableNumbers(ctx.query)) }],
	[`${A}/webhooks`, {
		// Paginated in the current reference ("Fetch active webhooks"); 1.0.1's pagination has no `hasNext`.
		GET: (ctx) => {
			const answer = page(ctx.state.webhooks.list(), ctx.query, (hook) => webhookView(hook, ctx.shapes), 100);
			if (ctx.shapes === '1.0.1') delete answer.body.pagination.hasNext;
			return answer;
		},
		// 200, as both the current reference and 1.0.1 document it.
		POST: (ctx) => ok(webhookView(ctx.state.webhooks.subscribe(jsonBody(ctx)), ctx.shapes)),
	}],
	[`${A}/webhooks/*rest`, {
		DELETE: (ctx) => {
			ctx.state.webhooks.remove(ctx.params.rest);
			return reply(204, undefined);
		},
	}],
]).map(([pattern, methods]) => ({ segments: pattern.split('/').slice(1), methods }));

/**
 * Match a raw pathname. Returns { route, params } or null. Segments are decoded one by one, so a
 * url-encoded callback URL (with %2F) stays one segment; `*rest` takes the decoded remainder, which also
 * accepts a callback URL sent without encoding.
 */
function match(pathname) {
	const parts = pathname.split('/').slice(1);
	if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop(); // tolerate a trailing slash
	for (const route of ROUTES) {
		const params = {};
		let i = 0;
		let matched = true;
		for (; i < route.segments.length; i++) {
			const seg = route.segments[i];
			if (seg.startsWith('*')) {
				const rest = parts.slice(i).join('/');
				if (rest === '') { matched = false; break; }
				params[seg.slice(1)] = safeDecode(rest);
				i = parts.length;
				break;
			}
			if (i >= parts.length) { matched = false; break; }
			if (seg.startsWith(':')) params[seg.slice(1)] = safeDecode(parts[i]);
			else if (seg !== parts[i]) { matched = false; break; }
		}
		if (matched && i === parts.length) return { route, params };
	}
	return null;
}

function safeDecode(s) {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

/** Dispatch a /v1 request (auth is checked by the caller). */
function dispatch(ctx) {
	const m = match(ctx.path);
	if (!m) throw new ApiError(404, 'HTTP-404', `No route for ${ctx.path}`);
	const handler = m.route.methods[ctx.method];
	if (!handler) {
		throw new ApiError(405, 'HTTP-405', `Method ${ctx.method} not allowed on ${ctx.path}`, { Allow: Object.keys(m.route.methods).join(', ') });
	}
	if ('accountId' in m.params && m.params.accountId !== ctx.accountId) throw new ApiError(404, 'ACCT-008', 'Account ID is invalid');
	ctx.params = m.params;
	return handler(ctx);
}

module.exports = { dispatch, match, SHARE_FILE_PATH };
