'use strict';
// All sandbox data: contacts, conversations, messages, templates, webhooks, plus seeding.
const { ApiError } = require('./http');
const { ContactStore, isObject, nowIso, API_USER } = require('./contacts');

// Documented Sakari webhook event types.
const EVENT_TYPES = [
	'message-received', 'message-sent', 'message-status', 'contact-created', 'contact-updated', 'contact-removed',
	'contact-opt-out', 'contact-opt-in', 'list-opt-out', 'list-opt-in', 'conversation-started', 'conversation-closed',
];
const SENDER_NUMBER = '+15555550100';
const PRICE_PER_SEGMENT = { SMS: 0.0079, MMS: 0.02 };

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Radia', 'Tim'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Dijkstra', 'Perlman', 'Berners-Lee'];

/** Sequential ids with a type prefix: deterministic across runs, which keeps test output stable. */
class Ids {
	constructor() {
		this.counters = {};
	}

	next(kind) {
		this.counters[kind] = (this.counters[kind] || 0) + 1;
		const prefix = { contact: 'ct', message: 'msg', conversation: 'cv', template: 'tpl', webhook: 'wh', job: 'job' }[kind];
		return `${prefix}_${String(this.counters[kind]).padStart(6, '0')}`;
	}
}

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

/** Render handlebars-style {{{x}}} and {{x}} placeholders (no HTML escaping: it is an SMS). */
function render(template, contact) {
	return template.replace(/\{\{\{?\s*([\w.-]+)\s*\}?\}\}/g, (_, name) => {
		const v = lookup(contact, name);
		return v === undefined || v === null ? '' : String(v);
	});
}

function lookup(contact, path) {
	if (path === 'mobile') return contact.mobile.number;
	let v = contact;
	for (const p of path.split('.')) v = v === undefined || v === null ? undefined : v[p];
	if (v === undefined && contact.attributes && path in contact.attributes) v = contact.attributes[path];
	return isObject(v) ? undefined : v;
}

const contactRef = (c) => ({ id: c.id, firstName: c.firstName, lastName: c.lastName, mobile: { number: c.mobile.number, country: c.mobile.country } });

/** Offset/limit paging with the API's bounds (limit 1..100). */
function paginate(items, query, defaultLimit = 10) {
	const offset = intParam(query.offset, 0, 'offset');
	const limit = intParam(query.limit, defaultLimit, 'limit');
	if (offset < 0) throw new ApiError(400, 'VAL-001', 'offset must be >= 0');
	if (limit < 1 || limit > 100) throw new ApiError(400, 'VAL-001', 'limit must be between 1 and 100');
	return { data: items.slice(offset, offset + limit), pagination: { offset, limit, totalCount: items.length, hasNext: offset + limit < items.length } };
}

function intParam(v, dflt, name) {
	if (Array.isArray(v)) v = v[0];
	if (v === undefined || v === '') return dflt;
	if (!/^-?\d+$/.test(String(v))) throw new ApiError(400, 'VAL-001', `${name} must be an integer`);
	return Number(v);
}

class State {
	constructor() {
		this.reset();
	}

	reset() {
		this.ids = new Ids();
		this.contacts = new ContactStore(this.ids);
		this.conversations = new Map();
		this.openConversationByContact = new Map();
		this.messages = new Map();
		this.templates = new Map();
		this.webhooks = new Map(); // url -> {id,url,eventTypes}
		this.seedCounter = 0;
	}

	// ---- conversations ----
	getConversation(id) {
		const cv = this.conversations.get(String(id));
		if (!cv) throw new ApiError(404, 'CONV-001', 'Invalid conversation id');
		return cv;
	}

	/** The contact's open conversation, or a new one (Sakari keeps one open conversation per contact). */
	openConversationFor(contact) {
		const existing = this.openConversationByContact.get(contact.id);
		if (existing) return this.conversations.get(existing);
		const at = nowIso();
		const cv = { id: this.ids.next('conversation'), contact: contactRef(contact), phoneNumber: SENDER_NUMBER, lastMessage: null, closed: null, created: { at, by: { ...API_USER } }, updated: { at, by: { ...API_USER } } };
		this.conversations.set(cv.id, cv);
		this.openConversationByContact.set(contact.id, cv.id);
		return cv;
	}

	closeConversation(id) {
		const cv = this.getConversation(id);
		if (!cv.closed) {
			const at = nowIso();
			cv.closed = { at, by: { ...API_USER } };
			cv.updated = { at, by: { ...API_USER } };
			if (this.openConversationByContact.get(cv.contact.id) === cv.id) this.openConversationByContact.delete(cv.contact.id);
		}
		return cv;
	}

	// ---- messages ----
	getMessage(id) {
		const m = this.messages.get(String(id));
		if (!m) throw new ApiError(404, 'MSG-001', 'Invalid message id');
		return m;
	}

	listMessages(query) {
		const contactId = first(query.contactId);
		const conversationId = first(query.conversationId);
		const out = [];
		for (const m of this.messages.values()) {
			if (contactId && m.contact.id !== contactId) continue;
			if (conversationId && m.conversation.id !== conversationId) continue;
			out.push(m);
		}
		return out;
	}

	/**
	 * POST …/messages: resolve recipients, render, create messages and conversations.
	 * `maxRecipients` (null = no limit) refuses a larger send as a whole, before anything is sent.
	 */
	send(body, maxRecipients = null) {
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
		if (contacts.length + conversations.length === 0) throw new ApiError(400, 'MSG-003', 'No recipients: give contacts or conversations');
		if (maxRecipients !== null && contacts.length + conversations.length > maxRecipients) {
			throw new ApiError(400, 'MSG-004', `Too many recipients: ${contacts.length + conversations.length}; at most ${maxRecipients} per request`);
		}

		const recipients = []; // {contact, conversation?}
		const invalid = [];
		for (const req of contacts) this.resolveContact(req, recipients, invalid);
		for (const id of conversations) {
			const cv = this.conversations.get(String(isObject(id) ? id.id : id));
			if (!cv) invalid.push({ conversation: { id }, error: { code: 'CONV-001', description: 'Invalid conversation id' } });
			else recipients.push({ contact: this.contacts.byId.get(cv.contact.id), conversation: cv.closed ? null : cv });
		}

		const jobId = this.ids.next('job');
		const messages = [];
		const seen = new Set();
		for (const r of recipients) {
			const c = r.contact;
			if (!c) continue;
			if (seen.has(c.id)) continue; // one message per contact per send
			seen.add(c.id);
			const problem = this.undeliverable(c);
			if (problem) { invalid.push({ contact: contactRef(c), error: problem }); continue; }
			messages.push(this.createMessage(c, r.conversation, body.template, type, media));
		}
		return { messages, jobId, requested: contacts.length + conversations.length, valid: messages.length, invalid };
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

	createMessage(contact, conversation, template, type, media) {
		const cv = conversation || this.openConversationFor(contact);
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
		this.messages.set(m.id, m);
		cv.lastMessage = { id: m.id, message: text, created: { at } };
		cv.updated = { at, by: { ...API_USER } };
		return m;
	}

	// ---- templates ----
	getTemplate(id) {
		const t = this.templates.get(String(id));
		if (!t) throw new ApiError(404, 'TMPL-001', 'Invalid template id');
		return t;
	}

	createTemplate(body) {
		checkTemplateBody(body, true);
		const at = nowIso();
		const t = { id: this.ids.next('template'), name: body.name, type: body.type ?? 'SMS', template: body.template, created: { at, by: { ...API_USER } }, updated: { at, by: { ...API_USER } } };
		this.templates.set(t.id, t);
		return t;
	}

	updateTemplate(id, body) {
		const t = this.getTemplate(id);
		checkTemplateBody(body, false);
		for (const f of ['name', 'type', 'template']) if (body[f] !== undefined) t[f] = body[f];
		t.updated = { at: nowIso(), by: { ...API_USER } };
		return t;
	}

	listTemplates(query) {
		const name = first(query.name);
		const all = [...this.templates.values()];
		return name ? all.filter((t) => t.name.toLowerCase().includes(String(name).toLowerCase())) : all;
	}

	// ---- webhooks ----
	/** Subscribing a URL that exists replaces its event types (one subscription per URL). */
	subscribeWebhook(body) {
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
		const existing = this.webhooks.get(key);
		if (existing) {
			existing.eventTypes = [...new Set(types)];
			return existing;
		}
		const hook = { id: this.ids.next('webhook'), url: key, eventTypes: [...new Set(types)] };
		this.webhooks.set(key, hook);
		return hook;
	}

	/** Delete by callback URL (documented) or by id (sandbox extension). */
	deleteWebhook(urlOrId) {
		if (this.webhooks.delete(urlOrId)) return;
		for (const [url, hook] of this.webhooks) {
			if (hook.id === urlOrId) { this.webhooks.delete(url); return; }
		}
		throw new ApiError(404, 'HOOK-001', 'Webhook not found');
	}

	// ---- seeding ----
	/** Create `n` contacts with distinct, valid, non-landline US numbers and deterministic names. */
	seed(n, optedOutMobiles = []) {
		const created = [];
		while (created.length < n) {
			this.seedCounter += 1;
			const local = 2000000 + this.seedCounter;
			if (local % 10000 === 0) continue; // would end in 0000 (a sandbox landline)
			const number = `+1347${local}`;
			if (this.contacts.byNumber.has(number)) continue;
			const i = this.seedCounter - 1;
			const body = {
				firstName: FIRST_NAMES[i % FIRST_NAMES.length],
				lastName: LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length],
				email: `seed${this.seedCounter}@example.com`,
				mobile: { number, country: 'US' },
			};
			created.push(this.contacts.upsert(body, 'append').contact);
		}
		for (const raw of optedOutMobiles) this.optOut(raw);
		return created;
	}

	/** Mark a number opted out; the contact is created if unknown (opt-outs belong to contacts). */
	optOut(raw) {
		const country = 'US'; // national-format opt-outs are read as US numbers
		const { contact } = this.contacts.upsert({ mobile: { number: raw, country }, firstName: 'Opted', lastName: 'Out' }, 'append');
		this.contacts.optedOut.add(contact.mobile.number);
		return contact;
	}

	snapshot() {
		return {
			contacts: structuredClone([...this.contacts.byId.values()].map((c) => this.contacts.view(c))),
			messages: structuredClone([...this.messages.values()]),
			conversations: structuredClone([...this.conversations.values()]),
			templates: structuredClone([...this.templates.values()]),
			webhooks: structuredClone([...this.webhooks.values()]),
		};
	}
}

function checkTemplateBody(body, creating) {
	if (!isObject(body)) throw new ApiError(400, 'VAL-001', 'Template body must be a JSON object');
	if (creating || body.name !== undefined) {
		if (typeof body.name !== 'string' || body.name.trim() === '') throw new ApiError(400, 'TMPL-002', 'name is required');
	}
	if (creating || body.template !== undefined) {
		if (typeof body.template !== 'string' || body.template === '') throw new ApiError(400, 'TMPL-002', 'template is required');
	}
	if (body.type !== undefined && body.type !== 'SMS' && body.type !== 'Web') throw new ApiError(400, 'VAL-001', "type must be 'SMS' or 'Web'");
}

const first = (v) => (Array.isArray(v) ? v[0] : v);

module.exports = { State, EVENT_TYPES, SENDER_NUMBER, paginate, render, segmentsOf, contactRef };
