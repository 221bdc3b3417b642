// @ts-check
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

/** A contact field or attribute; own properties only, so `constructor` or `__proto__` render empty. */
function lookup(contact, path) {
	if (path === 'mobile') return contact.mobile.number;
	let v = contact;
	for (const p of path.split('.')) v = own(v, p);
	if (v === undefined) v = own(contact.attributes, path);
	return isObject(v) || typeof v === 'function' ? undefined : v;
}

const own = (obj, key) => (obj !== null && typeof obj === 'object' && Object.hasOwn(obj, key) ? obj[key] : undefined);

module.exports = { render };
