// @ts-check
'use strict';
// Webhook deliveries: POST {accountId, eventType, payload} as JSON to every subscriber of the event, signed
// (a JWS in X-Sakari-Signature over the payload's JSON, as Sakari's Node SDK shows it signed, or over the exact
// body) unless asked not to. The default payload follows `shapes`.
const { EVENT_TYPES } = require('./subscriptions');
const { SENDER_NUMBER } = require('./fixtures');
const { contactRef, nowIso } = require('./contacts');
const { signJws, SIGNATURE_HEADER } = require('./signing');

const DELIVERY_TIMEOUT_MS = 5000;
const GROUP = { id: 'grp_sandbox', name: 'Sandbox numbers' };

/**
 * A message event's payload is the message itself (support.sakari.io › "API and Webhooks", the example body):
 * `{accountId, id, type, message (the text), status, outgoing, conversation {id, closed, group {id}, phoneNumber
 * {id, number, country}}, group, contact, job {id}, created, updated}`. Status in lower case, as in the message
 * Sakari's Node SDK shows signed (`"status": "sent"`).
 */
function messagePayload({ accountId, eventType, contact, conversationId, at }) {
	const incoming = eventType === 'message-received';
	return {
		accountId,
		id: 'msg_webhook',
		type: 'sms',
		message: incoming ? 'Hello from the sandbox' : 'Hi Ada, this is the sandbox',
		status: incoming ? 'received' : eventType === 'message-status' ? 'delivered' : 'sent',
		outgoing: !incoming,
		segments: 1,
		contact,
		conversation: { id: conversationId, closed: null, group: { id: GROUP.id }, phoneNumber: { id: 'pn_sandbox', number: SENDER_NUMBER, country: 'US' } },
		group: GROUP,
		job: { id: 'job_webhook' },
		created: { at },
		updated: { at },
	};
}

/**
 * A realistic default payload built from existing data when there is some (first contact, its open
 * conversation), otherwise from made-up but well-formed values. Nothing is stored.
 *
 * `current`: message events carry the message (above). No source shows the other events' payloads: contact and
 * list events carry the contact, conversation events the conversation (the sandbox's guess, like the message).
 * `1.0.1`: OpenAPI 1.0.1's `MessageEventPayload` `{contact, message (the text), status}` for message events,
 * `{contact}` for the others.
 * @param {any} state
 * @param {string} eventType
 * @param {{accountId?: string, shapes?: 'current' | '1.0.1'}} [options]
 */
function defaultPayload(state, eventType, { accountId = 'acc_sandbox', shapes = 'current' } = {}) {
	const stored = state.contacts.byId.values().next().value;
	const contact = stored
		? contactRef(stored)
		: { id: 'ct_webhook', firstName: 'Ada', lastName: 'Lovelace', mobile: { number: '+13471234567', country: 'US' } };
	const conversationId = (stored && state.conversations.openByContact.get(stored.id)) || 'cv_webhook';
	const at = nowIso();
	const kind = eventType.split('-')[0];
	if (shapes === '1.0.1') {
		if (kind !== 'message') return { contact };
		const incoming = eventType === 'message-received';
		return { contact, message: incoming ? 'Hello from the sandbox' : 'Hi Ada, this is the sandbox', status: incoming ? 'Received' : eventType === 'message-status' ? 'Delivered' : 'Sent' };
	}
	if (kind === 'message') return messagePayload({ accountId, eventType, contact, conversationId, at });
	if (kind === 'conversation') {
		return {
			id: conversationId,
			closed: eventType === 'conversation-closed' ? at : null,
			contact,
			group: { id: GROUP.id },
			phoneNumber: { id: 'pn_sandbox', number: SENDER_NUMBER, country: 'US' },
			created: { at },
		};
	}
	return { ...contact, created: { at } };
}

/**
 * Deliver one event to every matching subscriber; never throws, reports per-URL outcome.
 * `signed: false` sends no signature header; `signedPart` is what the JWS signs: `payload` (default: the message
 * as the SDK decodes it) or `delivery` (the exact body text); `check` sees the delivery body before it is sent.
 * @param {any} state
 * @param {string} accountId
 * @param {string} eventType
 * @param {object} [payload]
 * @param {{signed?: boolean, signedPart?: 'payload' | 'delivery', shapes?: 'current' | '1.0.1', check?: (body: object) => void}} [options]
 */
async function deliver(state, accountId, eventType, payload, options = {}) {
	const signed = options.signed !== false;
	if (!EVENT_TYPES.includes(eventType)) {
		const err = /** @type {Error & {status?: number}} */ (new Error(`Unknown eventType ${eventType}; expected one of ${EVENT_TYPES.join(', ')}`));
		err.status = 400;
		throw err;
	}
	if (options.signedPart !== undefined && !['payload', 'delivery'].includes(options.signedPart)) {
		const err = /** @type {Error & {status?: number}} */ (new Error("signedPart must be 'payload' or 'delivery'"));
		err.status = 400;
		throw err;
	}
	const delivery = { accountId, eventType, payload: payload ?? defaultPayload(state, eventType, { accountId, shapes: options.shapes }) };
	options.check?.(delivery);
	const body = JSON.stringify(delivery);
	/** @type {Record<string, string>} */
	const headers = { 'content-type': 'application/json', 'user-agent': 'sakari-sandbox-webhooks' };
	if (signed) headers[SIGNATURE_HEADER] = signJws(options.signedPart === 'delivery' ? body : JSON.stringify(delivery.payload));
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
