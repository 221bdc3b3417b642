// @ts-check
'use strict';
// Campaigns: CRUD with a name filter. Body {name, trigger: {code: M|S|FU}, filters: {attributes, contacts, tags}, template}.
const { ApiError } = require('./http');
const { isObject, nowIso, API_USER } = require('./contacts');
const { Collection } = require('./collection');

const TRIGGER_CODES = ['M', 'S', 'FU']; // manual, scheduled, file upload
const FILTER_KEYS = ['attributes', 'contacts', 'tags'];

const invalid = (message) => new ApiError(400, 'CAMP-002', message);

/** Check a campaign body; on create name, trigger and template are required. */
function checkCampaignBody(body, creating) {
	if (!isObject(body)) throw invalid('Campaign body must be a JSON object');
	if ((creating || body.name !== undefined) && (typeof body.name !== 'string' || body.name.trim() === '')) throw invalid('name is required');
	if (creating || body.trigger !== undefined) {
		if (!isObject(body.trigger) || !TRIGGER_CODES.includes(body.trigger.code)) throw invalid(`trigger.code must be one of ${TRIGGER_CODES.join(', ')}`);
	}
	if ((creating || body.template !== undefined) && (typeof body.template !== 'string' || body.template.trim() === '')) throw invalid('template is required');
	if (body.filters !== undefined && body.filters !== null) {
		if (!isObject(body.filters)) throw invalid('filters must be an object {attributes, contacts, tags}');
		for (const [key, value] of Object.entries(body.filters)) {
			if (!FILTER_KEYS.includes(key)) throw invalid(`filters.${key} is not one of ${FILTER_KEYS.join(', ')}`);
			if (value !== null && !Array.isArray(value)) throw invalid(`filters.${key} must be an array`);
		}
	}
}

const filtersOf = (filters) => ({ attributes: [], contacts: [], tags: [], ...(isObject(filters) ? filters : {}) });

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
			filters: filtersOf(body.filters),
			template: body.template,
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
		if (body.filters !== undefined) c.filters = filtersOf(body.filters);
		c.updated = { at: nowIso(), by: { ...API_USER } };
		return c;
	}
}

module.exports = { Campaigns, TRIGGER_CODES };
