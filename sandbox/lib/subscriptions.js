// @ts-check
'use strict';
// Webhook subscriptions. Each POST adds one, even for a URL already subscribed: Sakari's current reference
// (developer.sakari.io › Webhooks › "Subscribe to message events") answers every POST with a new `id` and never
// says it merges, so the sandbox takes the worst case. Delete by URL (documented in 1.0.1) removes every
// subscription of that URL; delete by id is a sandbox extension.
const { ApiError } = require('./http');
const { isObject } = require('./contacts');

// Every event type a Sakari source lists: the current reference's subscribe enum, plus `conversation-closed`
// (OpenAPI 1.0.1 and the help centre list it; the current enum does not).
const EVENT_TYPES = [
	'message-received', 'message-sent', 'message-status', 'contact-created', 'contact-updated', 'contact-removed',
	'contact-opt-out', 'contact-opt-in', 'list-opt-out', 'list-opt-in', 'conversation-started', 'conversation-closed',
];

// The current reference names a `type` for each subscription without its values; the sandbox's own choice.
const SUBSCRIPTION_TYPE = 'webhook';

/**
 * A subscription as Sakari answers it. Current reference (developer.sakari.io › Webhooks › "Subscribe to message
 * events", "Fetch active webhooks"): `{id, type, eventTypes, destination}`. OpenAPI 1.0.1 (`Webhook`):
 * `{eventTypes, url}`, no id.
 * @param {{id: string, url: string, eventTypes: string[]}} hook
 * @param {'current' | '1.0.1'} shapes
 */
function webhookView(hook, shapes) {
	if (shapes === '1.0.1') return { url: hook.url, eventTypes: [...hook.eventTypes] };
	return { id: hook.id, type: SUBSCRIPTION_TYPE, eventTypes: [...hook.eventTypes], destination: hook.url };
}

class Subscriptions {
	/** @param {import('./ids').Ids} ids */
	constructor(ids) {
		this.ids = ids;
		/** @type {Array<{id: string, url: string, eventTypes: string[]}>} in subscription order */
		this.hooks = [];
	}

	list() {
		return this.hooks;
	}

	/** Always a new subscription, also for a URL that has one already (no merging). */
	subscribe(body) {
		if (!isObject(body)) throw new ApiError(400, 'HOOK-002', 'Webhook body must be a JSON object');
		let url;
		try {
			url = new URL(String(body.url));
		} catch {
			throw new ApiError(400, 'HOOK-002', 'url must be an absolute http(s) URL');
		}
		if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ApiError(400, 'HOOK-002', 'url must be an absolute http(s) URL');
		const types = body.eventTypes;
		if (!Array.isArray(types) || types.length === 0) throw new ApiError(400, 'HOOK-002', 'eventTypes must be a non-empty array');
		const unknown = types.filter((t) => !EVENT_TYPES.includes(t));
		if (unknown.length) throw new ApiError(400, 'HOOK-002', `Unknown event types: ${unknown.join(', ')}`);
		const hook = { id: this.ids.next('webhook'), url: String(body.url), eventTypes: [...new Set(types)] };
		this.hooks.push(hook);
		return hook;
	}

	/** By callback URL (every subscription of it) or by id. */
	remove(urlOrId) {
		const kept = this.hooks.filter((hook) => hook.url !== urlOrId && hook.id !== urlOrId);
		if (kept.length === this.hooks.length) throw new ApiError(404, 'HOOK-001', 'Webhook not found');
		this.hooks = kept;
	}
}

module.exports = { Subscriptions, EVENT_TYPES, webhookView };
