/**
 * The country table the node carries (calling code, trunk prefix) and the E.164 form it gives national numbers,
 * checked against libphonenumber-js (Google's libphonenumber metadata) and against E.164 facts written by hand.
 * Wherever the node claims a number's E.164 form is certain, libphonenumber must read the number the same way.
 */
import { getCountryCallingCode, getExampleNumber, isSupportedCountry, Metadata, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json';

import { COUNTRIES, DIALLING, e164Of } from '../nodes/Sakari/shared/countries';

// The sandbox keeps its own smaller table (plain JS, run without a build).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandboxPhone = require('../sandbox/lib/phone') as { DIALLING: Record<string, [string, string]> };

// libphonenumber-js reads these from its metadata; its typings leave them out.
interface NumberingPlan {
	callingCode(): string;
	IDDPrefix(): string;
	possibleLengths(): number[];
	nationalPrefix(): string | undefined;
	nationalPrefixForParsing(): string | undefined;
	nationalPrefixTransformRule(): string | undefined;
}

function planOf(code: string): NumberingPlan {
	const metadata = new Metadata() as unknown as { selectNumberingPlan(code: string): void; numberingPlan: NumberingPlan };
	metadata.selectNumberingPlan(code);
	return metadata.numberingPlan;
}

const codes = COUNTRIES.map((country) => String(country.value));

describe('the country table', () => {
	it.each(codes)('%s: calling code, trunk prefix, lengths and international prefix as libphonenumber has them', (code) => {
		if (!isSupportedCountry(code)) {
			expect(DIALLING[code]).toBeUndefined();
			return;
		}
		const plan = planOf(code);
		const [callingCode, trunk, lengths, internationalPrefix, rule] = DIALLING[code];
		expect([callingCode, trunk, internationalPrefix]).toEqual([getCountryCallingCode(code as CountryCode), plan.nationalPrefix() || '', plan.IDDPrefix()]);
		const listed = lengths.split(',').flatMap((range) => {
			const [min, max = min] = range.split('-').map(Number);
			return Array.from({ length: max - min + 1 }, (_, index) => min + index);
		});
		expect(listed).toEqual(plan.possibleLengths());
		// A country that reads national numbers with more than its trunk prefix is marked; North America's
		// local-number rules are the 10-digit rule itself.
		const plain =
			callingCode === '1' || ((plan.nationalPrefixForParsing() || '') === (plan.nationalPrefix() || '') && !plan.nationalPrefixTransformRule());
		expect(rule === undefined).toBe(plain);
	});

	it("the sandbox's smaller table has the same calling codes and trunk prefixes", () => {
		const sandboxTable = Object.entries(sandboxPhone.DIALLING);
		expect(sandboxTable.map(([code, pair]) => [code, pair])).toEqual(
			sandboxTable.map(([code]) => [code, [getCountryCallingCode(code as CountryCode), planOf(code).nationalPrefix() || '']]),
		);
	});
});

describe('e164Of: certain only where libphonenumber agrees', () => {
	const spellings = (code: string): string[] => {
		const example = getExampleNumber(code as CountryCode, examples);
		if (!example) return [];
		const [callingCode, trunk] = DIALLING[code];
		const national = String(example.nationalNumber);
		return [
			example.number,
			example.formatInternational(),
			example.formatNational(),
			national,
			`${trunk}${national}`,
			`00${callingCode}${national}`,
			`${callingCode}${national}`,
			`+${callingCode} (${trunk || '0'}) ${national}`,
			national.slice(-7),
		];
	};

	it.each(codes.filter((code) => DIALLING[code] !== undefined))('%s', (code) => {
		for (const spelling of spellings(code)) {
			const ours = e164Of(spelling, code);
			if (ours !== undefined) expect([spelling, ours]).toEqual([spelling, parsePhoneNumberFromString(spelling, code as CountryCode)?.number]);
		}
	});

	it('agrees with libphonenumber wherever it is certain, over 100,000 random numbers of every country', () => {
		let seed = 21;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const disagreements: string[] = [];
		let certain = 0;
		for (const [code, [callingCode, trunk]] of Object.entries(DIALLING)) {
			for (let sample = 0; sample < 100; sample++) {
				const digits = Array.from({ length: 4 + Math.floor(random() * 11) }, () => Math.floor(random() * 10)).join('');
				for (const spelling of [digits, `${trunk}${digits}`, `+${callingCode}${digits}`, `+${callingCode} ${trunk}${digits}`]) {
					const ours = e164Of(spelling, code);
					if (ours === undefined) continue;
					certain++;
					// A number libphonenumber cannot read at all is one Sakari refuses: its E.164 form never comes back.
					const theirs = parsePhoneNumberFromString(spelling, code as CountryCode)?.number;
					if (theirs !== undefined && theirs !== ours) disagreements.push(`${code} ${spelling}: ${ours} / ${theirs}`);
				}
			}
		}
		expect(disagreements).toEqual([]);
		expect(certain).toBeGreaterThan(30_000);
	});

	it('is certain for the national numbers of countries without local dialling rules', () => {
		const uncertain = codes.filter((code) => {
			const example = DIALLING[code] && getExampleNumber(code as CountryCode, examples);
			return example && DIALLING[code][4] === undefined && e164Of(example.formatNational(), code) === undefined;
		});
		expect(uncertain).toEqual([]);
	});
});

describe('e164Of: facts written by hand', () => {
	it.each([
		['+49 89 301234567', 'DE', '+4989301234567'],
		['030 1234567', 'DE', '+49301234567'],
		['30 1234567', 'DE', '+49301234567'],
		['020 7946 0018', 'GB', '+442079460018'],
		['07700 900123', 'GB', '+447700900123'],
		['06 12 34 56 78', 'FR', '+33612345678'],
		['06 1234 5678', 'IT', '+390612345678'],
		['347 123 4567', 'IT', '+393471234567'],
		['+39 06 1234 5678', 'IT', '+390612345678'],
		['(347) 555-0300', 'US', '+13475550300'],
		['1 347 555 0300', 'US', '+13475550300'],
		['+1 347 555 0300', 'GB', '+13475550300'],
		['8 912 345-67-89', 'RU', '+79123456789'],
		['0412 345 678', 'AU', '+61412345678'],
	])('%s (%s) is %s', (number, country, e164) => {
		expect(e164Of(number, country)).toBe(e164);
	});

	it.each([
		['555-0300', 'US', 'a US local number has no area code'],
		['347 555 03001', 'US', 'eleven digits not starting with 1'],
		['0049 30 1234567', 'DE', 'an international prefix is not the same everywhere'],
		['49 30 1234567', 'DE', 'the calling code without +: Sakari may read it either way'],
		['+49 (0)30 1234567', 'DE', 'a trunk prefix after the calling code'],
		['+44 0 20 7946 0018', 'GB', 'a trunk prefix after the calling code'],
		['7700 900123', 'GB', 'without the trunk 0, where numbers are read with more rules'],
		['011 15 1234 5678', 'AR', 'a country with local dialling rules'],
		['+999 1234 5678', 'US', 'no such calling code'],
		['1234567', 'AQ', 'a territory without a calling code of its own'],
	])('%s (%s) is not certain: %s', (number, country) => {
		expect(e164Of(number, country)).toBeUndefined();
	});
});
