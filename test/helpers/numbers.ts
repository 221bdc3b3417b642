/**
 * National and international numbers of several countries with their E.164 form, written down by hand (the node's
 * own rules are checked against libphonenumber-js in test/countries.test.ts): never taken from the sandbox.
 */
export interface NumberRow {
	phone: string;
	country: string;
	/** What Sakari answers for it, or the error the row must end with. */
	e164?: string;
	error?: string;
}

// Munich in E.164 and Berlin national once gave both rows Munich's answer (issue 21, 1a/1b).
export const MUNICH: NumberRow = { phone: '+49 89 301234567', country: 'DE', e164: '+4989301234567' };
export const BERLIN: NumberRow = { phone: '030 1234567', country: 'DE', e164: '+49301234567' };
export const BERLIN_E164: NumberRow = { phone: '+49 30 1234567', country: 'DE', e164: '+49301234567' };

/** DE with and without the trunk 0, GB, FR, and IT, which keeps its 0. */
export const EUROPE: NumberRow[] = [
	MUNICH,
	BERLIN,
	{ phone: '30 1234568', country: 'DE', e164: '+49301234568' },
	{ phone: '020 7946 0018', country: 'GB', e164: '+442079460018' },
	{ phone: '06 12 34 56 78', country: 'FR', e164: '+33612345678' },
	{ phone: '06 1234 5678', country: 'IT', e164: '+390612345678' },
];

/** A US number without its area code: Sakari refuses it (CONT-001); it must never pass for `+1 347 555 xxxx`. */
export const usLocal = (suffix: string): NumberRow => ({ phone: `555-${suffix}`, country: 'US', error: 'Invalid mobile number (CONT-001)' });
export const usE164 = (suffix: string): NumberRow => ({ phone: `+1347555${suffix}`, country: 'US', e164: `+1347555${suffix}` });
