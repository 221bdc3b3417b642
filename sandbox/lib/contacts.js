// @ts-check
'use strict';
// Contacts: validation, dedupe by normalised number, merge strategies and filters.
const { ApiError } = require('./http');
const { normaliseMobile } = require('./phone');

const MERGE_STRATEGIES = ['append', 'core', 'remove'];
const OPTED_OUT_ERROR = Object.freeze({ code: 'CONT-010', description: 'Contact has requested no further communication' });
const CORE_FIELDS = ['firstName', 'lastName', 'email'];
const API_USER = Object.freeze({ id: 'api', name: 'API' });

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const nowIso = () => new Date().toISOString();

/**
 * Validate a ContactRequest's mobile and return the normalised number.
 * Throws CONT-002 (missing number/country) or CONT-001 (invalid number) as ApiErrors.
 */
function validateMobile(body) {
	const mobile = body && body.mobile;
	if (!isObject(mobile) || mobile.number === undefined || mobile.number === null || mobile.number === '' || !mobile.country) {
		throw new ApiError(400, 'CONT-002', 'mobile.number and mobile.country are required');
	}
	const parsed = normaliseMobile(mobile.number, mobile.country);
	if (!parsed.ok) throw new ApiError(400, 'CONT-001', 'Invalid mobile number');
	return { number: parsed.number, country: String(mobile.country).toUpperCase(), lineType: parsed.lineType };
}

/** Shape checks for the optional fields, so clients see a 400 rather than odd stored data. */
function validateFields(body) {
	if (!isObject(body)) throw new ApiError(400, 'VAL-001', 'Contact body must be a JSON object');
	for (const f of CORE_FIELDS) {
		if (body[f] !== undefined && body[f] !== null && typeof body[f] !== 'string') throw new ApiError(400, 'VAL-001', `${f} must be a string`);
	}
	if (body.attributes !== undefined && body.attributes !== null && !isObject(body.attributes)) throw new ApiError(400, 'VAL-001', 'attributes must be an object');
	if (body.lists !== undefined && body.lists !== null) {
		if (!Array.isArray(body.lists) || body.lists.some((l) => !isObject(l) || l.id === undefined)) throw new ApiError(400, 'VAL-001', 'lists must be an array of {id, name?}');
	}
	if (body.tags !== undefined && body.tags !== null && !Array.isArray(body.tags)) throw new ApiError(400, 'VAL-001', 'tags must be an array');
}

function unionLists(a, b) {
	const out = [...(a || [])];
	const ids = new Set(out.map((l) => String(l.id)));
	for (const l of b || []) if (!ids.has(String(l.id))) { ids.add(String(l.id)); out.push({ ...l }); }
	return out;
}

const tagKey = (t) => (isObject(t) ? String(t.tag ?? t.name ?? JSON.stringify(t)) : String(t));
function unionTags(a, b) {
	const out = [...(a || [])];
	const keys = new Set(out.map(tagKey));
	for (const t of b || []) if (!keys.has(tagKey(t))) { keys.add(tagKey(t)); out.push(t); }
	return out;
}

/** A contact as other objects (messages, conversations) refer to it. */
const contactRef = (c) => ({ id: c.id, firstName: c.firstName, lastName: c.lastName, mobile: { number: c.mobile.number, country: c.mobile.country } });

const empty = (v) => v === undefined || v === null || v === '';

class ContactStore {
	constructor(ids) {
		this.ids = ids;
		this.byId = new Map();
		this.byNumber = new Map();
		this.optedOut = new Set();
		this.defaultMergeStrategy = 'append';
	}

	/**
	 * The contact as the API shows it: with the opt-out error as data when the number opted out.
	 * Not a deep copy: answers are serialised synchronously, and deep-cloning every listed contact was
	 * the main cost under load. In-process snapshots (state()) clone once instead.
	 */
	view(c) {
		return this.optedOut.has(c.mobile.number) ? { ...c, error: { ...OPTED_OUT_ERROR } } : c;
	}

	get(id) {
		const c = this.byId.get(String(id));
		if (!c) throw new ApiError(404, 'CONT-003', 'Invalid contact id');
		return c;
	}

	checkStrategy(value) {
		if (value === undefined || value === '') return this.defaultMergeStrategy;
		if (Array.isArray(value) || !MERGE_STRATEGIES.includes(value)) {
			throw new ApiError(400, 'VAL-001', `mergeStrategy must be one of ${MERGE_STRATEGIES.join(', ')}`);
		}
		return value;
	}

	/** Create or merge. Returns { contact, created }. */
	upsert(body, strategy) {
		validateFields(body);
		const mobile = validateMobile(body);
		const existingId = this.byNumber.get(mobile.number);
		if (existingId) {
			const c = this.byId.get(existingId);
			merge(c, body, strategy);
			touch(c);
			return { contact: c, created: false };
		}
		const at = nowIso();
		const c = {
			id: this.ids.next('contact'),
			firstName: body.firstName ?? '',
			lastName: body.lastName ?? '',
			email: body.email ?? '',
			mobile: { number: mobile.number, country: mobile.country, verified: null, valid: true, lineType: mobile.lineType },
			valid: true,
			attributes: { ...(body.attributes || {}) },
			lists: unionLists([], body.lists),
			tags: unionTags([], body.tags),
			optIn: body.optIn ?? null,
			blocked: body.blocked ?? null,
			created: { at, by: { ...API_USER } },
			updated: { at, by: { ...API_USER } },
		};
		this.byId.set(c.id, c);
		this.byNumber.set(c.mobile.number, c.id);
		return { contact: c, created: true };
	}

	/** PUT: a full update of the fields sent (a changed number must be valid and not taken). */
	update(id, body) {
		const c = this.get(id);
		validateFields(body);
		if (body.mobile !== undefined) {
			const mobile = validateMobile(body);
			const owner = this.byNumber.get(mobile.number);
			if (owner && owner !== c.id) throw new ApiError(409, 'CONT-004', 'Another contact already has this mobile number');
			this.byNumber.delete(c.mobile.number);
			c.mobile = { ...c.mobile, number: mobile.number, country: mobile.country, lineType: mobile.lineType };
			this.byNumber.set(c.mobile.number, c.id);
		}
		for (const f of [...CORE_FIELDS, 'optIn', 'blocked']) if (body[f] !== undefined) c[f] = body[f] ?? (CORE_FIELDS.includes(f) ? '' : null);
		if (body.attributes !== undefined) c.attributes = { ...(body.attributes || {}) };
		if (body.lists !== undefined) c.lists = unionLists([], body.lists);
		if (body.tags !== undefined) c.tags = unionTags([], body.tags);
		touch(c);
		return c;
	}

	remove(id) {
		const c = this.get(id);
		this.byId.delete(c.id);
		this.byNumber.delete(c.mobile.number);
		return c;
	}

	/** Filtered list; filters match partially and case-insensitively. */
	list(query) {
		const f = {};
		for (const k of ['firstName', 'lastName', 'email', 'mobile', 'tags']) {
			const v = Array.isArray(query[k]) ? query[k][0] : query[k];
			if (v !== undefined && v !== '') f[k] = String(v).toLowerCase();
		}
		const mobileDigits = f.mobile !== undefined ? f.mobile.replace(/\D/g, '') : undefined;
		const tags = f.tags !== undefined ? f.tags.split(',').map((t) => t.trim()).filter(Boolean) : undefined;
		const out = [];
		for (const c of this.byId.values()) {
			if (f.firstName !== undefined && !c.firstName.toLowerCase().includes(f.firstName)) continue;
			if (f.lastName !== undefined && !c.lastName.toLowerCase().includes(f.lastName)) continue;
			if (f.email !== undefined && !String(c.email).toLowerCase().includes(f.email)) continue;
			if (mobileDigits !== undefined && !c.mobile.number.includes(mobileDigits || f.mobile)) continue;
			if (tags && !hasAnyTag(c, tags)) continue;
			out.push(c);
		}
		return out;
	}

	isOptedOut(c) {
		return this.optedOut.has(c.mobile.number);
	}

	clear() {
		this.byId.clear();
		this.byNumber.clear();
		this.optedOut.clear();
	}
}

/** Tag filter: a contact matches when any tag or list name contains any of the comma-separated terms. */
function hasAnyTag(c, terms) {
	const names = [...c.tags.map(tagKey), ...c.lists.map((l) => String(l.name ?? l.id))].map((n) => n.toLowerCase());
	return terms.some((t) => names.some((n) => n.includes(t)));
}

/**
 * Merge a ContactRequest into an existing contact (the sandbox's assumption; Sakari documents none):
 *  append: keep existing values, fill empty fields, add new attribute keys, lists and tags;
 *  core:   overwrite firstName/lastName/email with the values sent, leave attributes/lists/tags alone;
 *  remove: replace the contact with exactly what was sent (id, number and created are kept).
 */
function merge(c, body, strategy) {
	if (strategy === 'remove') {
		for (const f of CORE_FIELDS) c[f] = body[f] ?? '';
		c.attributes = { ...(body.attributes || {}) };
		c.lists = unionLists([], body.lists);
		c.tags = unionTags([], body.tags);
		c.optIn = body.optIn ?? null;
		c.blocked = body.blocked ?? null;
		return;
	}
	if (strategy === 'core') {
		for (const f of CORE_FIELDS) if (body[f] !== undefined && body[f] !== null) c[f] = body[f];
		return;
	}
	for (const f of CORE_FIELDS) if (empty(c[f]) && !empty(body[f])) c[f] = body[f];
	for (const f of ['optIn', 'blocked']) if (empty(c[f]) && !empty(body[f])) c[f] = body[f];
	for (const [k, v] of Object.entries(body.attributes || {})) if (!(k in c.attributes)) c.attributes[k] = v;
	c.lists = unionLists(c.lists, body.lists);
	c.tags = unionTags(c.tags, body.tags);
}

function touch(c) {
	c.updated = { at: nowIso(), by: { ...API_USER } };
}

module.exports = { ContactStore, contactRef, MERGE_STRATEGIES, OPTED_OUT_ERROR, isObject, nowIso, API_USER };
