'use strict';
// Handlebars-style placeholders in message templates, read from a contact.
const { isObject } = require('./contacts');

/** Render {{{x}}} and {{x}} placeholders (no HTML escaping: it is an SMS); unknown ones render empty. */
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

module.exports = { render };
