// @ts-check
'use strict';
// Sequential ids with a type prefix: deterministic across runs, which keeps test output stable.

const PREFIXES = { contact: 'ct', message: 'msg', conversation: 'cv', template: 'tpl', webhook: 'wh', job: 'job', campaign: 'cmp', form: 'frm', conversion: 'fcv', link: 'lnk' };

class Ids {
	constructor() {
		/** @type {Record<string, number>} */
		this.counters = {};
	}

	/** @param {keyof typeof PREFIXES} kind */
	next(kind) {
		this.counters[kind] = (this.counters[kind] || 0) + 1;
		return `${PREFIXES[kind]}_${String(this.counters[kind]).padStart(6, '0')}`;
	}
}

module.exports = { Ids };
