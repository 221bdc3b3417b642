// @ts-check
'use strict';
// Message templates: CRUD with a name filter.
const { ApiError } = require('./http');
const { isObject, nowIso, API_USER } = require('./contacts');
const { Collection } = require('./collection');

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

class Templates extends Collection {
	/** @param {import('./ids').Ids} ids */
	constructor(ids) {
		super('TMPL-001', 'Invalid template id');
		this.ids = ids;
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
}

module.exports = { Templates };
