// @ts-check
'use strict';
// Messages: sending (recipients resolved, templates rendered, segments priced), get and list.
const { ApiError } = require('./http');
const { contactRef, isObject, nowIso, API_USER } = require('./contacts');
const { SENDER_NUMBER } = require('./fixtures');
const { first } = require('./paging');
const { Collection } = require('./collection');
const { inAnswerOrder } = require('./order');
const { render } = require('./render');

const PRICE_PER_SEGMENT = { SMS: 0.0079, MMS: 0.02 };

// GSM 03.38 basic charset (plus the extension table, counted as two septets).
const GSM = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
const GSM_EXT = new Set('^{}\\[~]|€');

/** SMS segment count: GSM-7 160/153 per segment, otherwise UCS-2 70/67. */
function segmentsOf(text) {
	let septets = 0;
	let gsm = true;
	for (const ch of text) {
		if (GSM.has(ch)) septets += 1;
		else if (GSM_EXT.has(ch)) septets += 2;
		else { gsm = false; break; }
	}
	if (gsm) return septets <= 160 ? 1 : Math.ceil(septets / 153);
	const units = text.length; // UTF-16 code units
	return units <= 70 ? 1 : Math.ceil(units / 67);
}

/** Check a send body's shape; returns its normalised parts. */
function checkSendBody(body, maxRecipients) {
	if (!isObject(body)) throw new ApiError(400, 'VAL-001', 'Message body must be a JSON object');
	if (typeof body.template !== 'string' || body.template.trim() === '') throw new ApiError(400, 'MSG-002', 'template is required');
	const type = body.type ?? 'SMS';
	if (type !== 'SMS' && type !== 'MMS') throw new ApiError(400, 'VAL-001', "type must be 'SMS' or 'MMS'");
	if (body.contacts !== undefined && !Array.isArray(body.contacts)) throw new ApiError(400, 'VAL-001', 'contacts must be an array');
	if (body.conversations !== undefined && !Array.isArray(body.conversations)) throw new ApiError(400, 'VAL-001', 'conversations must be an array');
	const media = body.media ?? [];
	if (!Array.isArray(media) || media.some((m) => !isObject(m) || typeof m.url !== 'string')) throw new ApiError(400, 'VAL-001', 'media must be an array of {url}');
	const contacts = body.contacts || [];
	const conversations = body.conversations || [];
	const requested = contacts.length + conversations.length;
	if (requested === 0) throw new ApiError(400, 'MSG-003', 'No recipients: give contacts or conversations');
	if (maxRecipients !== null && requested > maxRecipients) {
		throw new ApiError(400, 'MSG-004', `Too many recipients: ${requested}; at most ${maxRecipients} per request`);
	}
	return { template: body.template, type, media, contacts, conversations, requested };
}

class Messages extends Collection {
	/**
	 * @param {import('./ids').Ids} ids
	 * @param {import('./contacts').ContactStore} contacts
	 * @param {import('./conversations').Conversations} conversations
	 */
	constructor(ids, contacts, conversations) {
		super('MSG-001', 'Invalid message id');
		this.ids = ids;
		this.contacts = contacts;
		this.conversations = conversations;
	}

	list(query) {
		const contactId = first(query.contactId);
		const conversationId = first(query.conversationId);
		const out = [];
		for (const m of this.byId.values()) {
			if (contactId && m.contact.id !== contactId) continue;
			if (conversationId && m.conversation.id !== conversationId) continue;
			out.push(m);
		}
		return out;
	}

	/**
	 * POST …/messages: resolve recipients, render, create messages and conversations.
	 * `maxRecipients` (null = no limit) refuses a larger send as a whole, before anything is sent;
	 * `answerOrder` orders `messages` and `invalid`.
	 * @param {unknown} body
	 * @param {{maxRecipients?: number | null, answerOrder?: string}} [limits]
	 */
	send(body, { maxRecipients = null, answerOrder = 'sent' } = {}) {
		const send = checkSendBody(body, maxRecipients);
		const recipients = []; // {contact, conversation?}
		const invalid = [];
		for (const req of send.contacts) this.resolveContact(req, recipients, invalid);
		for (const id of send.conversations) {
			const cv = this.conversations.byId.get(String(isObject(id) ? id.id : id));
			if (!cv) invalid.push({ conversation: { id }, error: { code: 'CONV-001', description: 'Invalid conversation id' } });
			else recipients.push({ contact: this.contacts.byId.get(cv.contact.id), conversation: cv.closed ? null : cv });
		}

		const jobId = this.ids.next('job');
		const messages = [];
		const seen = new Set();
		for (const r of recipients) {
			const c = r.contact;
			if (!c || seen.has(c.id)) continue; // one message per contact per send
			seen.add(c.id);
			const problem = this.undeliverable(c);
			if (problem) { invalid.push({ contact: contactRef(c), error: problem }); continue; }
			messages.push(this.create(c, r.conversation, send));
		}
		return { messages: inAnswerOrder(messages, answerOrder), jobId, requested: send.requested, valid: messages.length, invalid: inAnswerOrder(invalid, answerOrder) };
	}

	resolveContact(req, recipients, invalid) {
		if (!isObject(req)) { invalid.push({ contact: req, error: { code: 'CONT-002', description: 'Contact must be an object' } }); return; }
		if (req.id !== undefined && req.mobile === undefined) {
			const c = this.contacts.byId.get(String(req.id));
			if (!c) invalid.push({ contact: { id: req.id }, error: { code: 'CONT-003', description: 'Invalid contact id' } });
			else recipients.push({ contact: c });
			return;
		}
		try {
			// New numbers become contacts; known ones get empty fields filled (append).
			recipients.push({ contact: this.contacts.upsert(req, 'append').contact });
		} catch (err) {
			if (!(err instanceof ApiError)) throw err;
			invalid.push({ contact: req, error: { code: err.code, description: err.message } });
		}
	}

	/** Why a contact cannot be messaged, as a data error, or null. */
	undeliverable(c) {
		if (this.contacts.isOptedOut(c)) return { code: 'CONT-010', description: 'Contact has requested no further communication' };
		if (c.blocked) return { code: 'CONT-011', description: 'Contact is blocked' };
		if (c.mobile.lineType === 'landline') return { code: 'MSG-020', description: 'Unable to send to a landline' };
		return null;
	}

	create(contact, conversation, { template, type, media }) {
		const cv = conversation || this.conversations.openFor(contact);
		const text = render(template, contact);
		const segments = segmentsOf(text);
		const at = nowIso();
		const m = {
			id: this.ids.next('message'),
			contact: contactRef(contact),
			conversation: { id: cv.id },
			message: text,
			template,
			type,
			outgoing: true,
			phoneNumber: SENDER_NUMBER,
			price: Math.round(segments * PRICE_PER_SEGMENT[type] * 10000) / 10000,
			segments,
			read: false,
			status: 'Queued',
			media: media.map((x) => ({ url: x.url })),
			created: { at, by: { ...API_USER } },
			updated: { at, by: { ...API_USER } },
		};
		this.byId.set(m.id, m);
		cv.lastMessage = { id: m.id, message: text, created: { at } };
		cv.updated = { at, by: { ...API_USER } };
		return m;
	}
}

/**
 * The send answer in the asked shapes: today `requested/valid/invalid` (developer.sakari.io › Messages › "Send
 * Messages"), in OpenAPI 1.0.1 `queued` and no per-recipient errors (`SendMessagesResponse`).
 * @param {'current' | '1.0.1'} shapes
 */
function sendView(answer, shapes) {
	if (shapes !== '1.0.1') return answer;
	return { messages: answer.messages, jobId: answer.jobId, queued: answer.messages.length };
}

module.exports = { Messages, segmentsOf, sendView };
