// @ts-check
'use strict';
// The order of the lists in a bulk answer (CSV import contacts/errors, send messages/invalid). Sakari documents
// none, so clients must not rely on it: `answerOrder` lets tests answer in the order sent or in another.
const { mulberry32 } = require('./load');

const ANSWER_ORDERS = ['sent', 'reversed', 'shuffled'];

/**
 * A list in the configured order: as sent, reversed, or shuffled (seeded, so a run repeats; never the order
 * sent for two or more entries).
 * @template T
 * @param {T[]} list
 * @param {string} order
 * @returns {T[]}
 */
function inAnswerOrder(list, order) {
	if (order === 'reversed') return [...list].reverse();
	if (order !== 'shuffled' || list.length < 2) return list;
	const random = mulberry32(list.length);
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out.every((entry, index) => entry === list[index]) ? [...out.slice(1), out[0]] : out;
}

module.exports = { ANSWER_ORDERS, inAnswerOrder };
