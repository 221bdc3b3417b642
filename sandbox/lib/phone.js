// @ts-check
'use strict';
// Phone number normalisation to E.164, as Sakari answers numbers. Sakari's own rules are not published; the
// sandbox keeps a small, predictable rule set (NANP, GB, AU, a few calling codes, generic "+" 8..15 digits)
// that is enough to exercise E.164 answers and CONT-001 handling in clients without pulling in a dependency.

// ISO country -> [calling code, national trunk prefix] for national-format numbers ('' where a leading 0 is part
// of the number, as in Italy), as libphonenumber has them (test/countries.test.ts checks this list). +1
// countries share NANP rules.
/** @type {Record<string, [string, string]>} */
const DIALLING = {
	US: ['1', '1'], CA: ['1', '1'], PR: ['1', '1'], GB: ['44', '0'], AU: ['61', '0'], NZ: ['64', '0'], IE: ['353', '0'],
	DE: ['49', '0'], FR: ['33', '0'], ES: ['34', ''], IT: ['39', ''], NL: ['31', '0'], BE: ['32', '0'], CH: ['41', '0'],
	AT: ['43', '0'], SE: ['46', '0'], NO: ['47', ''], DK: ['45', ''], FI: ['358', '0'], PL: ['48', ''], PT: ['351', ''],
	MX: ['52', ''], BR: ['55', '0'], IN: ['91', '0'], ZA: ['27', '0'], JP: ['81', '0'], SG: ['65', ''],
};
/** Calling code -> its trunk prefix ('' when the number keeps its leading 0). */
const TRUNKS = new Map(Object.values(DIALLING));

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

/** Validate the national significant number for a calling code (a leading 0 only where there is no trunk prefix). */
function validNational(cc, national) {
	if (allSameDigit(national)) return false;
	switch (cc) {
		case '1':
			return validNanp(national);
		case '44':
			return /^[1-9]\d{8,9}$/.test(national);
		case '61':
			return /^[1-9]\d{8}$/.test(national);
		default: {
			const first = TRUNKS.get(cc) === '' ? /^\d/ : /^[1-9]/;
			return first.test(national) && /^\d{6,14}$/.test(national) && cc.length + national.length <= 15 && cc.length + national.length >= 8;
		}
	}
}

/** The national number without the trunk prefix it was written with (`030…` in Germany, `+44 (0)20…`). */
function withoutTrunk(cc, national) {
	const trunk = TRUNKS.get(cc);
	return trunk && national.startsWith(trunk) ? national.slice(trunk.length) : national;
}

/** Split "+<digits>" into calling code and national number using the codes we know about. */
function splitInternational(digits) {
	if (digits.startsWith('1')) return ['1', digits.slice(1)];
	for (const len of [3, 2]) {
		const cc = digits.slice(0, len);
		if (TRUNKS.has(cc)) return [cc, digits.slice(len)];
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
		const [cc, written] = splitInternational(digits);
		if (cc === '') {
			if (digits.length < 8 || digits.length > 15 || allSameDigit(digits) || digits.startsWith('0')) return { ok: false };
			e164 = `+${digits}`;
		} else {
			const national = withoutTrunk(cc, written);
			if (!validNational(cc, national)) return { ok: false };
			e164 = `+${cc}${national}`;
		}
	} else {
		const [cc] = DIALLING[String(country || '').toUpperCase()] ?? [];
		if (!cc || !/^\d+$/.test(s)) return { ok: false };
		let national = s;
		if (cc !== '1' && national.startsWith(cc) && national.length > 10) national = national.slice(cc.length);
		national = withoutTrunk(cc, national);
		if (!validNational(cc, national)) return { ok: false };
		e164 = `+${cc}${national}`;
	}
	return { ok: true, number: e164, lineType: e164.endsWith(LANDLINE_SUFFIX) ? 'landline' : 'mobile' };
}

/** The ISO country of an E.164 number when its calling code is one we know (first listed wins), else ''. */
function countryOf(e164) {
	const digits = String(e164).replace(/^\+/, '');
	const [cc] = splitInternational(digits);
	return Object.keys(DIALLING).find((iso) => DIALLING[iso][0] === cc) ?? '';
}

module.exports = { normaliseMobile, countryOf, DIALLING, LANDLINE_SUFFIX };
