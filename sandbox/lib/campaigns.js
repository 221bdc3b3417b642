// @ts-check
'use strict';
// Campaigns: CRUD with a name filter, and the quick campaign (create and send at once). Requests may use either
// documented filter shape; answers follow `shapes`:
// - current (developer.sakari.io/api-reference/campaigns/fetch-campaign-by-id): `filters {list {id, name…}, q,
//   attributes [{attribute, comparator, value[]}], tags [{tag, visible}]}`, `trigger {code, name}`, `reporting`;
// - 1.0.1 (OpenAPI 1.0.1 › CampaignRequest): `filters {attributes, contacts, tags}` as lists of strings.
const { ApiError } = require('./http');
const { isObject, nowIso, API_USER } = require('./contacts');
const { Collection } = require('./collection');

// Manual, scheduled, file upload and V2 (the current reference names V2 without describing it).
const TRIGGERS = { M: 'Manual', S: 'Scheduled', FU: 'File Upload', V2: 'V2' };
const TRIGGER_CODES = Object.keys(TRIGGERS);
const FILTER_KEYS = ['list', 'q', 'attributes', 'tags', 'contacts'];

const invalid = (message) => new ApiError(400, 'CAMP-002', message);
const isText = (value) => typeof value === 'string' && value.trim() !== '';

/** Each filter key, in either shape (null or absent: none). */
function checkFilters(filters) {
	if (filters === undefined || filters === null) return;
	if (!isObject(filters)) throw invalid('filters must be an object {list, q, attributes, tags}');
	for (const [key, value] of Object.entries(filters)) {
		if (!FILTER_KEYS.includes(key)) throw invalid(`filters.${key} is not one of ${FILTER_KEYS.join(', ')}`);
		if (value === null) continue;
		if (key === 'list' && !(isText(value) || (isObject(value) && isText(value.id)))) throw invalid('filters.list must be {id, name} or a list id');
		if (key === 'q' && typeof value !== 'string') throw invalid('filters.q must be text');
		if (['attributes', 'tags', 'contacts'].includes(key) && !Array.isArray(value)) throw invalid(`filters.${key} must be an array`);
	}
	for (const entry of filters.attributes ?? []) {
		if (!isText(entry) && !(isObject(entry) && isText(entry.attribute))) throw invalid('filters.attributes entries must be {attribute, comparator, value[]} or text');
	}
	for (const entry of filters.tags ?? []) {
		if (!isText(entry) && !(isObject(entry) && isText(entry.tag))) throw invalid('filters.tags entries must be {tag, visible} or text');
	}
	for (const entry of filters.contacts ?? []) if (!isText(entry)) throw invalid('filters.contacts entries must be contact ids');
}

/** Check a campaign body; on create name, trigger and template are required. */
function checkCampaignBody(body, creating) {
	if (!isObject(body)) throw invalid('Campaign body must be a JSON object');
	if ((creating || body.name !== undefined) && !isText(body.name)) throw invalid('name is required');
	if (creating || body.trigger !== undefined) {
		if (!isObject(body.trigger) || !TRIGGER_CODES.includes(body.trigger.code)) throw invalid(`trigger.code must be one of ${TRIGGER_CODES.join(', ')}`);
	}
	if ((creating || body.template !== undefined) && !isText(body.template)) throw invalid('template is required');
	checkFilters(body.filters);
	if (body.reporting !== undefined && !(isObject(body.reporting) && (body.reporting.when === undefined || typeof body.reporting.when === 'string'))) {
		throw invalid('reporting must be {when}');
	}
}

/**
 * Filters as stored: the current shape where a given value converts plainly (a tag as text → {tag, visible:
 * true}, a list id → {id}, an attribute as text → {attribute}, a single attribute value → [value]); contacts
 * and q as given. How Sakari itself converts text lists is not documented (sandbox assumption).
 */
function storedFilters(filters) {
	const given = isObject(filters) ? filters : {};
	/** @type {{list?: object, q?: string, attributes: any[], tags: any[], contacts: string[]}} */
	const out = { attributes: [], tags: [], contacts: [] };
	if (isText(given.list)) out.list = { id: given.list };
	else if (isObject(given.list)) out.list = { ...given.list };
	if (typeof given.q === 'string') out.q = given.q;
	out.attributes = (given.attributes ?? []).map((entry) => {
		if (typeof entry === 'string') return { attribute: entry };
		const value = entry.value === undefined ? undefined : Array.isArray(entry.value) ? entry.value.map(String) : [String(entry.value)];
		return { ...entry, ...(value ? { value } : {}) };
	});
	out.tags = (given.tags ?? []).map((entry) => (typeof entry === 'string' ? { tag: entry, visible: true } : { ...entry }));
	out.contacts = [...(given.contacts ?? [])];
	return out;
}

/**
 * A campaign as the API answers it in the given shapes.
 * @param {any} c @param {'current' | '1.0.1'} shapes
 */
function campaignView(c, shapes) {
	const { filters, trigger, reporting, ...rest } = c;
	if (shapes === '1.0.1') {
		return {
			...rest,
			trigger: { code: trigger.code },
			filters: {
				attributes: filters.attributes.map((entry) => entry.attribute),
				contacts: [...filters.contacts],
				tags: filters.tags.map((entry) => entry.tag),
			},
		};
	}
	const { contacts, ...current } = filters;
	return {
		...rest,
		trigger: { code: trigger.code, name: TRIGGERS[trigger.code] },
		// Contacts are 1.0.1's; kept where a request gave them (open schema).
		filters: contacts.length ? { ...current, contacts: [...contacts] } : current,
		...(reporting ? { reporting } : {}),
	};
}

class Campaigns extends Collection {
	/** @param {import('./ids').Ids} ids */
	constructor(ids) {
		super('CAMP-001', 'Invalid campaign id');
		this.ids = ids;
	}

	create(body) {
		checkCampaignBody(body, true);
		const at = nowIso();
		const c = {
			id: this.ids.next('campaign'),
			name: body.name,
			trigger: { code: body.trigger.code },
			filters: storedFilters(body.filters),
			template: body.template,
			...(body.reporting ? { reporting: { ...body.reporting } } : {}),
			created: { at, by: { ...API_USER } },
			updated: { at, by: { ...API_USER } },
		};
		this.byId.set(c.id, c);
		return c;
	}

	/** PUT changes the fields sent; `filters` sent replace the stored ones whole. */
	update(id, body) {
		const c = this.get(id);
		checkCampaignBody(body, false);
		if (body.name !== undefined) c.name = body.name;
		if (body.trigger !== undefined) c.trigger = { code: body.trigger.code };
		if (body.template !== undefined) c.template = body.template;
		if (body.filters !== undefined) c.filters = storedFilters(body.filters);
		if (body.reporting !== undefined) c.reporting = { ...body.reporting };
		c.updated = { at: nowIso(), by: { ...API_USER } };
		return c;
	}

	/**
	 * POST …/quickcampaigns (developer.sakari.io/api-reference/campaigns/create-and-execute-a-campaign): a campaign
	 * for one list, sent from one number group, now or at `sendAt`, answered as `{campaign, job}`. `job.submitted`
	 * counts the list's contacts; no messages are made (sandbox assumption), and a `sendAt` in the past is refused
	 * with 400 CAMP-003 (what Sakari does then is not documented).
	 * @param {any} body @param {import('./contacts').ContactStore} contacts
	 */
	quick(body, contacts) {
		if (!isObject(body)) throw invalid('Campaign body must be a JSON object');
		for (const key of ['name', 'groupId', 'listId']) if (!isText(body[key])) throw invalid(`${key} is required`);
		const message = body.message;
		if (!isObject(message)) throw invalid('message is required: {message, media[]}');
		if (message.message !== undefined && typeof message.message !== 'string') throw invalid('message.message must be text');
		if (message.media !== undefined && !(Array.isArray(message.media) && message.media.every((m) => isObject(m) && isText(m.url)))) {
			throw invalid('message.media must be [{url, type?, name?, filename?}]');
		}
		if (!isText(message.message) && !(message.media ?? []).length) throw invalid('message needs a text or media');
		let sendAt = null;
		if (body.sendAt !== undefined && body.sendAt !== null) {
			const time = typeof body.sendAt === 'string' ? Date.parse(body.sendAt) : Number.NaN;
			if (Number.isNaN(time)) throw invalid('sendAt must be a date-time');
			if (time < Date.now()) throw new ApiError(400, 'CAMP-003', 'sendAt is in the past');
			sendAt = new Date(time).toISOString();
		}
		const at = nowIso();
		const c = {
			id: this.ids.next('campaign'),
			name: body.name,
			trigger: { code: sendAt ? 'S' : 'M' },
			filters: storedFilters({ list: { id: body.listId } }),
			template: message.message ?? '',
			media: (message.media ?? []).map((m) => ({ ...m })),
			phoneNumberFilter: { group: { id: body.groupId } },
			...(sendAt ? { nextExecution: sendAt } : {}),
			created: { at, by: { ...API_USER } },
			updated: { at, by: { ...API_USER } },
		};
		this.byId.set(c.id, c);
		const audience = [...contacts.byId.values()].filter((contact) => contact.lists.some((list) => String(list.id) === body.listId));
		const job = {
			id: this.ids.next('job'),
			status: sendAt ? 'Scheduled' : 'Submitted',
			submitted: audience.length,
			failures: 0,
			price: 0,
			invalid: [],
			created: { at, by: { ...API_USER } },
		};
		return { campaign: c, job };
	}
}

module.exports = { Campaigns, campaignView, TRIGGER_CODES };
