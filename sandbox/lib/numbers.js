// @ts-check
'use strict';
// Phone numbers an account could buy: GET …/availablephonenumbers with the query parameters Sakari's reference
// lists (type, postalCode, features, contains, areaCode; developer.sakari.io/api-reference/availablephonenumbers/
// check-all-available-phone-numbers, summarised in mindcloud-inc/universal-api-reference › apis/s/sakariSMS/).
// Each answer entry is {number, country, type, features[], price}. The pool is fixed; which values `type` and
// `features` take and how the filters combine are not documented (sandbox choices, see README).

/** @type {ReadonlyArray<{number: string, country: string, type: string, features: string[], price: string, postalCode: string}>} */
const POOL = Object.freeze([
	...['3475550111', '3475550122', '3475550133', '2125550144', '2125550155', '4155550166', '4155550177'].map((national, i) => ({
		number: `+1${national}`,
		country: 'US',
		type: 'local',
		features: i % 3 === 2 ? ['sms', 'voice'] : ['sms', 'mms', 'voice'],
		price: '1.50',
		postalCode: national.startsWith('347') ? '11201' : national.startsWith('212') ? '10001' : '94103',
	})),
	...['8335550188', '8885550199'].map((national) => ({ number: `+1${national}`, country: 'US', type: 'tollfree', features: ['sms', 'mms', 'voice'], price: '2.00', postalCode: '' })),
	...['4165550112', '6045550113'].map((national) => ({ number: `+1${national}`, country: 'CA', type: 'local', features: ['sms', 'mms', 'voice'], price: '1.50', postalCode: national.startsWith('416') ? 'M5H 2N2' : 'V6B 1A1' })),
]);

const param = (query, name) => {
	const value = Array.isArray(query[name]) ? query[name][0] : query[name];
	return value === undefined ? '' : String(value).trim();
};

/** The pool entries every given filter matches; `features` is comma-separated and all must be offered. */
function availableNumbers(query) {
	const type = param(query, 'type').toLowerCase();
	const areaCode = param(query, 'areaCode');
	const postalCode = param(query, 'postalCode').toLowerCase();
	const contains = param(query, 'contains').replace(/\D/g, '');
	const features = param(query, 'features').toLowerCase().split(',').map((f) => f.trim()).filter(Boolean);
	return POOL.filter(
		(entry) =>
			(!type || entry.type === type) &&
			(!areaCode || entry.number.slice(2).startsWith(areaCode)) &&
			(!postalCode || entry.postalCode.toLowerCase() === postalCode) &&
			(!contains || entry.number.includes(contains)) &&
			features.every((feature) => entry.features.includes(feature)),
	).map(({ postalCode: _postalCode, ...entry }) => ({ ...entry, features: [...entry.features] }));
}

module.exports = { availableNumbers };
