// @ts-check
'use strict';
// Message templates: CRUD with a name filter.
const { ApiError } = require('./http');
const { isObject, nowIso, API_USER } = require('./contacts');
const { first } = require('./paging');

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

class Templates {
	/** @param {import('./ids').Ids} ids */
	constructor(ids) {
		this.ids = ids;
		this.byId = new Map();
	}

	get(id) {
		const t = this.byId.get(String(id));
		if (!t) throw new ApiError(404, 'TMPL-001', 'Invalid template id');
		return t;
	}

	create(body) {
		checkTemplateBody(body, true);
		const at = nowIso();
		const t = { id: this.ids.next('template'), name: body.name, type: body.type ?? 'SMS', template: body.template, created: { at, by: { ...API_USER } }, updated: { at, by: { ...API_USER } } };
		this.byId.set(t.id, t);
		return t;
	}

	update(id, body) {
		const t = this.get(id);
		checkTemplateBody(body, false);
		for (const f of ['name', 'type', 'template']) if (body[f] !== undefined) t[f] = body[f];
		t.updated = { at: nowIso(), by: { ...API_USER } };
		return t;
	}

	remove(id) {
		this.byId.delete(this.get(id).id);
	}

	list(query) {
		const name = first(query.name);
		const all = [...this.byId.values()];
		return name ? all.filter((t) => t.name.toLowerCase().includes(String(name).toLowerCase())) : all;
	}
}

module.exports = { Templates };
