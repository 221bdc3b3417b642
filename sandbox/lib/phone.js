// @ts-check
'use strict';
// Phone number normalisation to E.164. Sakari uses a full phone library; the sandbox keeps a small,
// predictable rule set (US/CA, GB, AU, a few calling codes, generic "+" 8..15 digits) that is enough
// to exercise CONT-001 handling in clients without pulling in a dependency.

// ISO country -> calling code, for national-format numbers. +1 countries share NANP rules.
const CALLING_CODES = {
	US: '1', CA: '1', PR: '1', GB: '44', AU: '61', NZ: '64', IE: '353', DE: '49', FR: '33', ES: '34',
	IT: '39', NL: '31', BE: '32', CH: '41', AT: '43', SE: '46', NO: '47', DK: '45', FI: '358', PL: '48',
	PT: '351', MX: '52', BR: '55', IN: '91', ZA: '27', JP: '81', SG: '65',
};

// Numbers ending in 0000 are treated as landlines: a documented sandbox convention to provoke MSG-020.
const LANDLINE_SUFFIX = '0000';

function allSameDigit(digits) {
	return /^(\d)\1*$/.test(digits);
}

/**
 * NANP: 10 digits, area code starts with 2-9. The exchange rule (also 2-9) is deliberately not applied:
 * the API's own examples use +13471234567, whose exchange starts with 1.
 */
function validNanp(national) {
	return /^[2-9]\d{9}$/.test(national) && !allSameDigit(national);
}

/** Validate the national significant number for a calling code. */
function validNational(cc, national) {
	if (allSameDigit(national)) return false;
	switch (cc) {
		case '1':
			return validNanp(national);
		case '44':
			return /^[1-9]\d{8,9}$/.test(national);
		case '61':
			return /^[1-9]\d{8}$/.test(national);
		default:
			return /^[1-9]\d{5,13}$/.test(national) && cc.length + national.length <= 15 && cc.length + national.length >= 8;
	}
}

/** Split "+<digits>" into calling code and national number using the codes we know about. */
function splitInternational(digits) {
	if (digits.startsWith('1')) return ['1', digits.slice(1)];
	const known = new Set(Object.values(CALLING_CODES));
	for (const len of [3, 2]) {
		const cc = digits.slice(0, len);
		if (known.has(cc)) return [cc, digits.slice(len)];
	}
	// Unknown calling code: generic rule on the whole number.
	return ['', digits];
}

/**
 * Normalise a number given with an ISO country.
 * @returns {{ ok: true, number: string, lineType: string } | { ok: false }}
 */
function normaliseMobile(raw, country) {
	if (raw === undefined || raw === null) return { ok: false };
	let s = String(raw).trim();
	if (!/^[+\d\s().\-/]+$/.test(s)) return { ok: false };
	s = s.replace(/[\s().\-/]/g, '');
	if (s.startsWith('00')) s = `+${s.slice(2)}`;
	let e164;
	if (s.startsWith('+')) {
		const digits = s.slice(1);
		if (!/^\d+$/.test(digits)) return { ok: false };
		const [cc, national] = splitInternational(digits);
		if (cc === '') {
			if (digits.length < 8 || digits.length > 15 || allSameDigit(digits) || digits.startsWith('0')) return { ok: false };
		} else if (!validNational(cc, national)) return { ok: false };
		e164 = `+${digits}`;
	} else {
		const cc = CALLING_CODES[String(country || '').toUpperCase()];
		if (!cc || !/^\d+$/.test(s)) return { ok: false };
		let national = s;
		if (cc === '1' && national.length === 11 && national.startsWith('1')) national = national.slice(1);
		else if (national.startsWith(cc) && national.length > 10) national = national.slice(cc.length);
		if (cc !== '1' && national.startsWith('0')) national = national.slice(1); // trunk prefix
		if (!validNational(cc, national)) return { ok: false };
		e164 = `+${cc}${national}`;
	}
	return { ok: true, number: e164, lineType: e164.endsWith(LANDLINE_SUFFIX) ? 'landline' : 'mobile' };
}

/** The ISO country of an E.164 number when its calling code is one we know (first listed wins), else ''. */
function countryOf(e164) {
	const digits = String(e164).replace(/^\+/, '');
	const [cc] = splitInternational(digits);
	return Object.keys(CALLING_CODES).find((iso) => CALLING_CODES[iso] === cc) ?? '';
}

module.exports = { normaliseMobile, countryOf, CALLING_CODES, LANDLINE_SUFFIX };
