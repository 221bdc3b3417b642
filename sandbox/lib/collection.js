// @ts-check
'use strict';
// What the by-id resources (messages, templates, campaigns) share: lookup with the API's 404, removal and
// a list with the partial, case-insensitive `name` filter (messages list by other filters).
const { ApiError } = require('./http');
const { first } = require('./paging');

class Collection {
	/** @param {string} notFoundCode @param {string} notFoundMessage */
	constructor(notFoundCode, notFoundMessage) {
		this.notFound = () => new ApiError(404, notFoundCode, notFoundMessage);
		/** @type {Map<string, any>} */
		this.byId = new Map();
	}

	get(id) {
		const item = this.byId.get(String(id));
		if (!item) throw this.notFound();
		return item;
	}

	remove(id) {
		this.byId.delete(this.get(id).id);
	}

	/** All items, or those whose name contains `query.name` (any case). */
	list(query) {
		const name = first(query.name);
		const all = [...this.byId.values()];
		return name ? all.filter((item) => item.name.toLowerCase().includes(String(name).toLowerCase())) : all;
	}
}

module.exports = { Collection };
