// @ts-check
'use strict';
// Webhook deliveries: POST {accountId, eventType, payload} as JSON to every subscriber of the event, signed
// (a JWS over the exact body, in X-Sakari-Signature) unless asked not to.
const { EVENT_TYPES } = require('./subscriptions');
const { SENDER_NUMBER } = require('./fixtures');
const { contactRef, nowIso } = require('./contacts');
const { signJws, SIGNATURE_HEADER } = require('./signing');

const DELIVERY_TIMEOUT_MS = 5000;

/**
 * A realistic default payload built from existing data when there is some (first contact, its open
 * conversation), otherwise from made-up but well-formed values. Nothing is stored.
 */
function defaultPayload(state, eventType) {
	const stored = state.contacts.byId.values().next().value;
	const contact = stored
		? contactRef(stored)
		: { id: 'ct_webhook', firstName: 'Ada', lastName: 'Lovelace', mobile: { number: '+13471234567', country: 'US' } };
	const cvId = (stored && state.conversations.openByContact.get(stored.id)) || 'cv_webhook';
	const at = nowIso();
	const incoming = eventType === 'message-received';
	return {
		contact,
		conversation: { id: cvId, closed: eventType === 'conversation-closed' ? { at } : null },
		group: { id: 'grp_sandbox', name: 'Sandbox numbers' },
		phoneNumber: { number: SENDER_NUMBER },
		message: {
			id: 'msg_webhook',
			message: incoming ? 'Hello from the sandbox' : 'Hi Ada, this is the sandbox',
			outgoing: !incoming,
			status: incoming ? 'Received' : eventType === 'message-status' ? 'Delivered' : 'Sent',
			phoneNumber: SENDER_NUMBER,
			segments: 1,
			created: { at },
		},
		status: incoming ? 'Received' : 'Delivered',
		created: { at },
	};
}

/**
 * Deliver one event to every matching subscriber; never throws, reports per-URL outcome.
 * `signed: false` sends no signature header; `check` sees the delivery body before it is sent.
 * @param {any} state
 * @param {string} accountId
 * @param {string} eventType
 * @param {object} [payload]
 * @param {{signed?: boolean, check?: (body: object) => void}} [options]
 */
async function deliver(state, accountId, eventType, payload, options = {}) {
	const signed = options.signed !== false;
	if (!EVENT_TYPES.includes(eventType)) {
		const err = /** @type {Error & {status?: number}} */ (new Error(`Unknown eventType ${eventType}; expected one of ${EVENT_TYPES.join(', ')}`));
		err.status = 400;
		throw err;
	}
	const delivery = { accountId, eventType, payload: payload ?? defaultPayload(state, eventType) };
	options.check?.(delivery);
	const body = JSON.stringify(delivery);
	/** @type {Record<string, string>} */
	const headers = { 'content-type': 'application/json', 'user-agent': 'sakari-sandbox-webhooks' };
	if (signed) headers[SIGNATURE_HEADER] = signJws(body);
	const targets = state.webhooks.list().filter((h) => h.eventTypes.includes(eventType));
	const deliveries = await Promise.all(
		targets.map(async (h) => {
			try {
				const res = await fetch(h.url, {
					method: 'POST',
					headers,
					body,
					signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
				});
				await res.arrayBuffer().catch(() => undefined); // drain so the socket is released
				return { url: h.url, status: res.status };
			} catch (/** @type {any} */ err) {
				return { url: h.url, status: `error: ${err.name === 'TimeoutError' ? 'timeout' : err.cause?.code || err.message}` };
			}
		}),
	);
	return { deliveries };
}

module.exports = { deliver, defaultPayload };
