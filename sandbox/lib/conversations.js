// @ts-check
'use strict';
// Conversations: one open conversation per contact (as Sakari keeps them), closing.
const { ApiError } = require('./http');
const { contactRef, nowIso, API_USER } = require('./contacts');
const { SENDER_NUMBER } = require('./fixtures');

/**
 * A conversation as Sakari answers it: `closed` is when it was closed (current reference, developer.sakari.io ›
 * Conversations), a boolean in OpenAPI 1.0.1 (`Conversation.closed`); the sending number is an object in both.
 * @param {'current' | '1.0.1'} shapes
 */
function conversationView(cv, shapes) {
	return { ...cv, closed: shapes === '1.0.1' ? cv.closed !== null : cv.closed };
}

class Conversations {
	/** @param {import('./ids').Ids} ids */
	constructor(ids) {
		this.ids = ids;
		this.byId = new Map();
		this.openByContact = new Map(); // contact id -> open conversation id
	}

	get(id) {
		const cv = this.byId.get(String(id));
		if (!cv) throw new ApiError(404, 'CONV-001', 'Invalid conversation id');
		return cv;
	}

	list() {
		return [...this.byId.values()];
	}

	/** The contact's open conversation, or a new one. */
	openFor(contact) {
		const existing = this.openByContact.get(contact.id);
		if (existing) return this.byId.get(existing);
		const at = nowIso();
		const cv = { id: this.ids.next('conversation'), contact: contactRef(contact), phoneNumber: { number: SENDER_NUMBER, country: 'US' }, lastMessage: null, closed: null, created: { at, by: { ...API_USER } }, updated: { at, by: { ...API_USER } } };
		this.byId.set(cv.id, cv);
		this.openByContact.set(contact.id, cv.id);
		return cv;
	}

	/** Closing twice is harmless. */
	close(id) {
		const cv = this.get(id);
		if (!cv.closed) {
			const at = nowIso();
			cv.closed = at;
			cv.updated = { at, by: { ...API_USER } };
			if (this.openByContact.get(cv.contact.id) === cv.id) this.openByContact.delete(cv.contact.id);
		}
		return cv;
	}
}

module.exports = { Conversations, conversationView };
