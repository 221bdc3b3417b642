// @ts-check
'use strict';
// Tracked short links: read only through the API (Sakari documents no create), made here by the control API.
// Shapes from developer.sakari.io/api-reference/links/fetch-links, …/fetch-link-by-id, …/fetch-link-sources:
// a link {id, name, keyId, domain {id, name}, destinationUrl, shortenedUrl, contactTracking, sourceTracking,
// stats {totalClicks, uniqueClicks, ctr}, created, updated}; a source {id, name, stats}.
const { nowIso, API_USER } = require('./contacts');
const { Collection } = require('./collection');
const { first } = require('./paging');
const { searched } = require('./forms');

const DOMAIN = Object.freeze({ id: 'dom_sandbox', name: 'sak.ink' });
const SOURCE_NAMES = ['SMS campaign', 'Email', 'Web'];

const stats = (totalClicks, uniqueClicks, sent) => ({ totalClicks, uniqueClicks, ctr: sent ? Math.round((uniqueClicks / sent) * 10000) / 100 : 0 });

class Links extends Collection {
	/** @param {import('./ids').Ids} ids */
	constructor(ids) {
		super('LINK-001', 'Invalid link id');
		this.ids = ids;
		/** @type {Map<string, Array<any>>} link id -> sources */
		this.sourcesByLink = new Map();
	}

	list(query) {
		return searched([...this.byId.values()], query.q, ['name', 'destinationUrl', 'shortenedUrl']);
	}

	/** `sources` (comma-separated ids or names; Sakari documents only "Sources to analyse") narrows the list. */
	sources(id, query) {
		const link = this.get(id);
		const all = this.sourcesByLink.get(link.id) ?? [];
		const wanted = String(first(query.sources) ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
		return wanted.length ? all.filter((source) => wanted.includes(source.id.toLowerCase()) || wanted.includes(source.name.toLowerCase())) : all;
	}

	/**
	 * Make `n` links to https://example.com/offer/N, each with `sourceCount` sources (three by default: SMS
	 * campaign, Email, Web; then "Source 4"…), deterministic clicks.
	 * @param {number} n @param {number} [sourceCount]
	 */
	seed(n, sourceCount = SOURCE_NAMES.length) {
		const made = [];
		for (let i = 0; i < n; i++) {
			const id = this.ids.next('link');
			const number = Number(id.replace(/\D/g, ''));
			const keyId = `k${number.toString(36)}`;
			const at = nowIso();
			const names = Array.from({ length: sourceCount }, (_, index) => SOURCE_NAMES[index] ?? `Source ${index + 1}`);
			const sources = names.map((name, index) => ({ id: `${id}_src${index + 1}`, name, stats: stats(number + index * 3, number + index, 100) }));
			const totals = sources.reduce((sum, source) => ({ total: sum.total + source.stats.totalClicks, unique: sum.unique + source.stats.uniqueClicks }), { total: 0, unique: 0 });
			const link = {
				id,
				name: `Offer ${number}`,
				keyId,
				domain: { ...DOMAIN },
				destinationUrl: `https://example.com/offer/${number}`,
				shortenedUrl: `https://${DOMAIN.name}/${keyId}`,
				contactTracking: number % 2 === 0,
				sourceTracking: true,
				stats: stats(totals.total, totals.unique, 300),
				created: { at, by: { ...API_USER } },
				updated: { at, by: { ...API_USER } },
			};
			this.byId.set(id, link);
			this.sourcesByLink.set(id, sources);
			made.push(link);
		}
		return made;
	}
}

module.exports = { Links };
