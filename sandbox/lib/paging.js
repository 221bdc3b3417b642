// @ts-check
'use strict';
// Offset/limit paging and query-parameter reading with the API's bounds.
const { ApiError } = require('./http');

/** The first value of a query parameter that may be repeated. */
const first = (v) => (Array.isArray(v) ? v[0] : v);

function intParam(v, dflt, name) {
	v = first(v);
	if (v === undefined || v === '') return dflt;
	if (!/^-?\d+$/.test(String(v))) throw new ApiError(400, 'VAL-001', `${name} must be an integer`);
	return Number(v);
}

/** Offset/limit paging (limit 1..100, default 10) with the API's pagination metadata. */
function paginate(items, query, defaultLimit = 10) {
	const offset = intParam(query.offset, 0, 'offset');
	const limit = intParam(query.limit, defaultLimit, 'limit');
	if (offset < 0) throw new ApiError(400, 'VAL-001', 'offset must be >= 0');
	if (limit < 1 || limit > 100) throw new ApiError(400, 'VAL-001', 'limit must be between 1 and 100');
	return { data: items.slice(offset, offset + limit), pagination: { offset, limit, totalCount: items.length, hasNext: offset + limit < items.length } };
}

module.exports = { paginate, first };
