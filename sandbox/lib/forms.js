// @ts-check
'use strict';
// Lead forms: CRUD (name only), activate/deactivate, analytics and conversions over a date range, and the
// form templates a new form can be cloned from. Shapes from developer.sakari.io/api-reference/forms/* (summarised
// in mindcloud-inc/universal-api-reference › apis/s/sakariSMS/): a form is {id, name, active (date-time),
// impressions, conversions, created, updated}; a conversion {id, contact, ip, pageUrl, submitted,
// submittedFields}; analytics {impressions, conversions, data: {data: [{date, impressions, conversions}]}}.
const { ApiError } = require('./http');
const { isObject, nowIso, API_USER } = require('./contacts');
const { Collection } = require('./collection');
const { first } = require('./paging');

// Sakari lists templates per account; what they are is not documented. The sandbox offers these.
const FORM_TEMPLATES = Object.freeze(
	['Contact us', 'Newsletter sign-up', 'Event RSVP'].map((name, index) =>
		Object.freeze({ id: `frmtpl_${index + 1}`, name, impressions: 0, conversions: 0, created: { at: '2024-01-01T00:00:00.000Z', by: { ...API_USER } } }),
	),
);
const DAY_MS = 86_400_000;

const invalid = (message) => new ApiError(400, 'FORM-002', message);

function checkFormBody(body) {
	if (!isObject(body)) throw invalid('Lead form body must be a JSON object');
	if (typeof body.name !== 'string' || body.name.trim() === '') throw invalid('name is required');
}

/** A `start`/`end` query value as epoch ms (undefined when not given); Sakari documents no format, ISO 8601 is read. */
function instant(query, name) {
	const value = first(query[name]);
	if (value === undefined || value === '') return undefined;
	const ms = Date.parse(String(value));
	if (Number.isNaN(ms)) throw new ApiError(400, 'VAL-001', `${name} is not a date`);
	return ms;
}

function period(query) {
	const start = instant(query, 'start');
	const end = instant(query, 'end');
	if (start !== undefined && end !== undefined && start > end) throw new ApiError(400, 'VAL-001', 'start is after end');
	return { start, end };
}

const within = ({ start, end }, at) => (start === undefined || at >= start) && (end === undefined || at <= end);

/** `orderBy` as `field` or `-field` (descending) over a top-level field; Sakari documents no values. */
function ordered(items, orderBy) {
	const spec = first(orderBy);
	if (!spec) return items;
	const descending = String(spec).startsWith('-');
	const field = String(spec).replace(/^-/, '');
	const sorted = [...items].sort((a, b) => String(a[field] ?? '').localeCompare(String(b[field] ?? '')));
	return descending ? sorted.reverse() : sorted;
}

/** `q` matches any of the fields given, partially and in any case. */
function searched(items, q, fields) {
	const term = String(first(q) ?? '').trim().toLowerCase();
	if (!term) return items;
	return items.filter((item) => fields.some((field) => String(item[field] ?? '').toLowerCase().includes(term)));
}

class Forms extends Collection {
	/** @param {import('./ids').Ids} ids */
	constructor(ids) {
		super('FORM-001', 'Invalid lead form id');
		this.ids = ids;
		/** The form templates this account lists: the three above, plus any `seedTemplates` added. */
		this.formTemplates = [...FORM_TEMPLATES];
		/** @type {Map<string, Array<{at: number, kind: 'impression' | 'conversion', conversion?: any}>>} form id -> activity */
		this.activity = new Map();
	}

	list(query) {
		return ordered(searched([...this.byId.values()], query.q, ['name']), query.orderBy);
	}

	templates(query) {
		return ordered(searched([...this.formTemplates], query.q, ['name']), query.orderBy);
	}

	/** Adds `n` form templates ("Template 4", …), so a test can list more than one page of them. @param {number} n */
	seedTemplates(n) {
		const made = Array.from({ length: n }, (_, index) => {
			const number = this.formTemplates.length + index + 1;
			return Object.freeze({ ...FORM_TEMPLATES[0], id: `frmtpl_${number}`, name: `Template ${number}` });
		});
		this.formTemplates.push(...made);
		return made;
	}

	/** POST /forms[?template=id]: a new, inactive form; a template's id must exist (what cloning copies is not documented). */
	create(body, query) {
		checkFormBody(body);
		const template = first(query.template);
		if (template !== undefined && template !== '' && !this.formTemplates.some((t) => t.id === template)) {
			throw new ApiError(404, 'FORM-003', 'Invalid lead form template id');
		}
		const at = nowIso();
		const form = {
			id: this.ids.next('form'),
			name: body.name,
			impressions: 0,
			conversions: 0,
			created: { at, by: { ...API_USER } },
			updated: { at, by: { ...API_USER } },
		};
		this.byId.set(form.id, form);
		this.activity.set(form.id, []);
		return form;
	}

	update(id, body) {
		const form = this.get(id);
		checkFormBody(body);
		form.name = body.name;
		form.updated = { at: nowIso(), by: { ...API_USER } };
		return form;
	}

	remove(id) {
		super.remove(id);
		this.activity.delete(String(id));
	}

	/** `active` holds when the form went live; activating an active form keeps that time. */
	activate(id) {
		const form = this.get(id);
		if (!form.active) form.active = nowIso();
		form.updated = { at: nowIso(), by: { ...API_USER } };
		return form;
	}

	/** An inactive form answers without `active` (Sakari documents only the date-time). */
	deactivate(id) {
		const form = this.get(id);
		delete form.active;
		form.updated = { at: nowIso(), by: { ...API_USER } };
		return form;
	}

	analytics(id, query) {
		this.get(id);
		const range = period(query);
		const events = (this.activity.get(String(id)) ?? []).filter((event) => within(range, event.at));
		const days = new Map();
		for (const event of events) {
			const date = new Date(Math.floor(event.at / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
			const day = days.get(date) ?? { date, impressions: 0, conversions: 0 };
			day[event.kind === 'impression' ? 'impressions' : 'conversions'] += 1;
			days.set(date, day);
		}
		const series = [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
		return {
			impressions: series.reduce((sum, day) => sum + day.impressions, 0),
			conversions: series.reduce((sum, day) => sum + day.conversions, 0),
			data: { data: series },
		};
	}

	conversions(id, query) {
		this.get(id);
		const range = period(query);
		return (this.activity.get(String(id)) ?? []).filter((event) => event.kind === 'conversion' && within(range, event.at)).map((event) => event.conversion);
	}

	/**
	 * Visitors seeing the form and people submitting it (the control API's stand-in for a web page): each
	 * submission is an impression and a conversion, `at` (epoch ms) defaults to now.
	 * @param {string} id
	 * @param {{impressions?: number, submissions?: Array<Record<string, any>>, at?: number}} visits
	 */
	visit(id, { impressions = 0, submissions = [], at = Date.now() }) {
		const form = this.get(id);
		const log = /** @type {Array<any>} */ (this.activity.get(form.id));
		for (let i = 0; i < impressions; i++) log.push({ at, kind: 'impression' });
		for (const submitted of submissions) {
			const conversion = {
				id: this.ids.next('conversion'),
				contact: { id: submitted.id, firstName: submitted.firstName, lastName: submitted.lastName, email: submitted.email, mobile: submitted.mobile, country: submitted.country },
				ip: '203.0.113.7',
				pageUrl: 'https://example.com/signup',
				submitted: new Date(at).toISOString(),
				submittedFields: JSON.stringify(submitted),
			};
			log.push({ at, kind: 'impression' }, { at, kind: 'conversion', conversion });
		}
		form.impressions = log.filter((event) => event.kind === 'impression').length;
		form.conversions = log.filter((event) => event.kind === 'conversion').length;
		return form;
	}
}

module.exports = { Forms, FORM_TEMPLATES, searched };
