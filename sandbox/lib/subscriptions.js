// @ts-check
'use strict';
// Webhook subscriptions: one per callback URL; delete by URL (documented) or id (sandbox extension).
const { ApiError } = require('./http');
const { isObject } = require('./contacts');

// Documented Sakari webhook event types.
const EVENT_TYPES = [
	'message-received', 'message-sent', 'message-status', 'contact-created', 'contact-updated', 'contact-removed',
	'contact-opt-out', 'contact-opt-in', 'list-opt-out', 'list-opt-in', 'conversation-started', 'conversation-closed',
];

class Subscriptions {
	/** @param {import('./ids').Ids} ids */
	constructor(ids) {
		this.ids = ids;
		this.byUrl = new Map(); // url -> {id, url, eventTypes}
	}

	list() {
		return [...this.byUrl.values()];
	}

	/** Subscribing a URL that exists replaces its event types. */
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
		const key = String(body.url);
		const existing = this.byUrl.get(key);
		if (existing) {
			existing.eventTypes = [...new Set(types)];
			return existing;
		}
		const hook = { id: this.ids.next('webhook'), url: key, eventTypes: [...new Set(types)] };
		this.byUrl.set(key, hook);
		return hook;
	}

	remove(urlOrId) {
		if (this.byUrl.delete(urlOrId)) return;
		for (const [url, hook] of this.byUrl) {
			if (hook.id === urlOrId) { this.byUrl.delete(url); return; }
		}
		throw new ApiError(404, 'HOOK-001', 'Webhook not found');
	}
}

module.exports = { Subscriptions, EVENT_TYPES };
