// @ts-check
'use strict';
// Seeding: deterministic test contacts and opt-outs (only the control API creates opt-outs).

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Radia', 'Tim'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Dijkstra', 'Perlman', 'Berners-Lee'];

class Seeder {
	/** @param {import('./contacts').ContactStore} contacts */
	constructor(contacts) {
		this.contacts = contacts;
		this.counter = 0;
	}

	/** Create `n` contacts with distinct, valid, non-landline US numbers (+1347200NNNN) and deterministic names. */
	seed(n, optedOutMobiles = []) {
		const created = [];
		while (created.length < n) {
			this.counter += 1;
			const local = 2000000 + this.counter;
			if (local % 10000 === 0) continue; // would end in 0000 (a sandbox landline)
			const number = `+1347${local}`;
			if (this.contacts.byNumber.has(number)) continue;
			const i = this.counter - 1;
			const body = {
				firstName: FIRST_NAMES[i % FIRST_NAMES.length],
				lastName: LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length],
				email: `seed${this.counter}@example.com`,
				mobile: { number, country: 'US' },
			};
			created.push(this.contacts.upsert(body, 'append').contact);
		}
		for (const raw of optedOutMobiles) this.optOut(raw);
		return created;
	}

	/** Mark a number opted out; the contact is created if unknown (opt-outs belong to contacts). */
	optOut(raw) {
		const country = 'US'; // national-format opt-outs are read as US numbers
		const { contact } = this.contacts.upsert({ mobile: { number: raw, country }, firstName: 'Opted', lastName: 'Out' }, 'append');
		this.contacts.optedOut.add(contact.mobile.number);
		return contact;
	}
}

module.exports = { Seeder };
