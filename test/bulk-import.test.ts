/**
 * Contact → Create or Update with "Import in Bulk": the run's rows go to Sakari's CSV import, and each row
 * still gets its own contact (or error), in order and paired, through n8n's RoutingNode against the sandbox.
 * Expected E.164 numbers are written here by hand (test/countries.test.ts checks the node's rules against
 * libphonenumber-js), never taken from the sandbox.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { rejectionOf } from './helpers/leaks';
import { BERLIN, BERLIN_E164, EUROPE, MUNICH, usE164, usLocal, type NumberRow } from './helpers/numbers';
import { useAnswerProxy } from './helpers/proxy';
import { CredentialStore, runSakari } from './helpers/routing';
import { apiRequests, tokenRequests, type RecordedRequest, type Sandbox } from './helpers/sandbox';
import { useQuickRetries, useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

useQuickRetries();

const proxy = useAnswerProxy(() => sandbox);

const PATH = '/v1/accounts/acc_sandbox/contacts';

const importEach = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'contact',
	operation: 'create',
	mobileNumber: '={{ $json.phone }}',
	mobileCountry: 'US',
	bulkImport: true,
	...parameters,
});

const rowsOf = (phones: string[]): INodeExecutionData[] => phones.map((phone) => ({ json: { phone } }));
const phones = (count: number, from = 3000) => Array.from({ length: count }, (_, index) => `+1347555${from + index}`);
const uploads = (): RecordedRequest[] => apiRequests(sandbox).filter((request) => /^text\/csv/.test(request.headers['content-type'] ?? ''));
const contactsIn = () => sandbox.state().contacts as Array<{ id: string; mobile: { number: string }; [key: string]: unknown }>;

describe('Import in Bulk: what Sakari receives', () => {
	it('uploads the rows as CSV, Rows per Upload at a time, with the merge strategy; one item per row, paired', async () => {
		const numbers = phones(7);
		const output = await runSakari({
			parameters: importEach({ bulkSize: 3, mergeStrategy: 'core', additionalFields: { firstName: '={{ $json.phone.slice(-2) }}' } }),
			items: rowsOf(numbers),
			credentials,
		});

		expect(apiRequests(sandbox)).toHaveLength(3);
		expect(uploads().map((request) => [request.method, request.path, request.query])).toEqual(
			Array(3).fill(['POST', PATH, { mergeStrategy: 'core' }]),
		);
		const csv = uploads().map((request) => String(request.rawBody ?? request.body));
		expect(csv[0].split('\r\n')[0]).toBe('mobile,country,firstName');
		expect(csv.map((text) => text.trim().split('\r\n').length - 1).sort()).toEqual([1, 3, 3]);
		expect(output).toHaveLength(7);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({ id: expect.any(String), mobile: { number: numbers[index] }, firstName: numbers[index].slice(-2) });
		});
		expect(contactsIn()).toHaveLength(7);
		expect(tokenRequests(sandbox)).toHaveLength(1);
	});

	it('quotes commas, quotes and line breaks (RFC 4180) and sends attributes as columns; Sakari gets them back exactly', async () => {
		const tricky = ['Lovelace, Ada', 'The "Countess"', 'two\nlines', 'plain'];
		const output = await runSakari({
			parameters: importEach({
				additionalFields: {
					lastName: '={{ $json.last }}',
					email: 'ada@example.com',
					attributes: { attribute: [{ name: 'plan', value: '={{ $json.plan }}' }, { name: 'note,with,comma', value: 'x' }] },
				},
			}),
			items: tricky.map((last, index) => ({ json: { phone: phones(4, 3100)[index], last, plan: `gold,${index}` } })),
			credentials,
		});

		const [upload] = uploads();
		expect(uploads()).toHaveLength(1);
		const csv = String(upload.rawBody ?? upload.body);
		expect(csv.split('\r\n')[0]).toBe('mobile,country,lastName,email,"note,with,comma",plan');
		expect(csv).toContain(',"Lovelace, Ada",ada@example.com,x,"gold,0"\r\n');
		expect(csv).toContain(',"The ""Countess""",');
		expect(csv).toContain(',"two\nlines",');
		output.forEach((item, index) => {
			expect(item.json).toMatchObject({
				lastName: tricky[index],
				email: 'ada@example.com',
				attributes: { plan: `gold,${index}`, 'note,with,comma': 'x' },
			});
		});
	});

	it('matches national numbers to the E.164 contacts Sakari answers; a number given twice goes in a later upload, to the same contact', async () => {
		const output = await runSakari({
			parameters: importEach(),
			items: rowsOf(['(347) 555-3201', '+13475553201', '347.555.3202']),
			credentials,
		});
		expect(output.map((item) => (item.json.mobile as { number: string }).number)).toEqual(['+13475553201', '+13475553201', '+13475553202']);
		expect(output[0].json.id).toBe(output[1].json.id);
		const csv = uploads().map((request) => String(request.rawBody).trim().split('\r\n').slice(1));
		expect(csv).toEqual([['(347) 555-3201,US', '347.555.3202,US'], ['+13475553201,US']]);
	});

	it('sends a number given again in a later gathering only after the upload holding its first row was answered', async () => {
		// Rows per Upload 2: [A, B] and [A again, C] are two gatherings, both full at once; with 300 ms per answer
		// they would overlap at Sakari if nothing ordered them.
		sandbox.configure({ latencyMs: 300 });
		const output = await runSakari({
			parameters: importEach({ bulkSize: 2 }),
			items: rowsOf(['+13475553601', '(347) 555-3602', '347-555-3601', '+13475553603']),
			credentials,
		});
		const sent = uploads().map((request) => ({ rows: String(request.rawBody).trim().split('\r\n').slice(1), start: request.startedAt, end: request.startedAt + request.durationMs }));
		expect(sent.map((upload) => upload.rows)).toEqual([
			['+13475553601,US', '(347) 555-3602,US'],
			['347-555-3601,US', '+13475553603,US'],
		]);
		expect(sent[1].start).toBeGreaterThanOrEqual(sent[0].end);
		expect(output[2].json.id).toBe(output[0].json.id);
		expect(output.map((item) => (item.json.mobile as { number: string }).number)).toEqual(['+13475553601', '+13475553602', '+13475553601', '+13475553603']);
	});

	it('sends rows with List IDs as JSON creates (the CSV has no lists column), the others as CSV', async () => {
		const output = await runSakari({
			parameters: importEach({ additionalFields: { lists: '={{ $json.lists }}' } }),
			items: [
				{ json: { phone: '+13475553301', lists: '' } },
				{ json: { phone: '+13475553302', lists: 'list_1' } },
				{ json: { phone: '+13475553303', lists: '' } },
			],
			credentials,
		});
		expect(uploads()).toHaveLength(1);
		const json = apiRequests(sandbox).filter((request) => !/^text\/csv/.test(request.headers['content-type'] ?? ''));
		expect(json.map((request) => request.body)).toEqual([{ mobile: { number: '+13475553302', country: 'US' }, lists: [{ id: 'list_1' }] }]);
		expect(output.map((item) => (item.json.mobile as { number: string }).number)).toEqual(['+13475553301', '+13475553302', '+13475553303']);
	});
});

// Every row of one run: Europe, the US local number (alone, as per row), its E.164 neighbour, Berlin's second
// spelling, and a number Sakari refuses inside the CSV answer.
const WORLD: NumberRow[] = [
	...EUROPE,
	usLocal('0300'),
	usE164('0300'),
	BERLIN_E164,
	{ phone: '(222) 222-2222', country: 'US', error: 'Invalid mobile number (CONT-001)' },
];

const importWorld = (parameters: INodeParameters = {}) => importEach({ mobileCountry: '={{ $json.country }}', ...parameters });
const worldRows = (rows = WORLD) => rows.map(({ phone, country }) => ({ json: { phone, country } }));

describe('Import in Bulk: each row gets the answer for its own number', () => {
	it.each(['sent', 'reversed', 'shuffled'])(
		'numbers of five countries, national and E.164, two spellings of one, created and refused in one answer (answer order: %s)',
		async (answerOrder) => {
			sandbox.configure({ answerOrder });
			const output = await runSakari({ parameters: importWorld(), items: worldRows(), credentials, continueOnFail: true });

			expect(output.map((item) => item.pairedItem)).toEqual(WORLD.map((_, item) => ({ item })));
			expect(output.map((item) => item.error?.message ?? (item.json.mobile as IDataObject).number)).toEqual(WORLD.map((row) => row.error ?? row.e164));
			// Two spellings of Berlin: one contact; every other row its own.
			expect(output[8].json.id).toBe(output[1].json.id);
			const ids = output.filter((item, index) => !item.error && index !== 8).map((item) => item.json.id);
			expect(new Set(ids).size).toBe(ids.length);
			// What Sakari received: one upload of the rows whose E.164 form is certain, Berlin's second spelling in a
			// later one (one upload never holds a number twice), and the US local number as a create of its own.
			const bodies = uploads().map((request) => String(request.rawBody).trim().split('\r\n').slice(1));
			expect(bodies).toEqual([
				WORLD.filter((_, index) => ![6, 8].includes(index)).map(({ phone, country }) => `${phone},${country}`),
				['+49 30 1234567,DE'],
			]);
			const creates = apiRequests(sandbox).filter((request) => request.headers['content-type'] === 'application/json');
			expect(creates.map((request) => request.body)).toEqual([{ mobile: { number: '555-0300', country: 'US' } }]);
		},
	);

	it('1a: Munich in E.164 and Berlin national (DE): each row its own contact', async () => {
		const output = await runSakari({ parameters: importWorld(), items: worldRows([MUNICH, BERLIN]), credentials });
		expect(output.map((item) => (item.json.mobile as IDataObject).number)).toEqual(['+4989301234567', '+49301234567']);
		expect(output[0].json.id).not.toBe(output[1].json.id);
		expect(contactsIn().map((contact) => contact.mobile.number).sort()).toEqual(['+49301234567', '+4989301234567']);
	});

	it('1c: +13475550300 and the local 555-0300 (US): row 2 fails with CONT-001, as per row; row 1 is not its success', async () => {
		const output = await runSakari({ parameters: importWorld(), items: worldRows([usE164('0300'), usLocal('0300')]), credentials, continueOnFail: true });
		expect(output[0].json.mobile).toMatchObject({ number: '+13475550300' });
		expect(output[1].json).toEqual({});
		expect(output[1].error?.message).toBe('Invalid mobile number (CONT-001)');
	});

	it('a row the answer lists both as created and refused is an error saying so, not a success', async () => {
		proxy.rewrite((request, answer) => {
			if (!/text\/csv/.test(request.contentType)) return;
			const data = answer.data as { contacts: IDataObject[]; errors: IDataObject[] };
			const berlin = data.contacts.find((contact) => (contact.mobile as IDataObject).number === '+49301234567');
			data.errors.push({ ...berlin, error: { code: 'CONT-005', description: 'Row could not be read' } });
		});
		const output = await runSakari({ parameters: importWorld(), items: worldRows([MUNICH, BERLIN]), credentials: proxy.credentials(), continueOnFail: true });
		expect(output[0].json.mobile).toMatchObject({ number: '+4989301234567' });
		expect(output[1].json).toEqual({});
		expect(output[1].error?.message).toMatch(/^Sakari's CSV import answer does not tell what became of the row with mobile number 030 1234567 \(\+49301234567\): for that number it lists "\+49301234567" \(ID "[^"]+"\); "\+49301234567" refused: Row could not be read \(CONT-005\)$/);
		expect(output[1].error?.description).toContain('Contact → Get Many');
	});

	it('an answer two rows could claim is neither row\'s: both are errors saying what Sakari answered', async () => {
		// The same national number in Germany and in Austria: two contacts, but a refusal without its country.
		const rows = [BERLIN, { phone: '030 1234567', country: 'AT' }];
		proxy.rewrite((request, answer) => {
			if (!/text\/csv/.test(request.contentType)) return;
			answer.data = { contacts: [], errors: [{ mobile: { number: '030 1234567' }, error: { code: 'CONT-001', description: 'Invalid mobile number' } }] };
		});
		const output = await runSakari({ parameters: importWorld(), items: worldRows(rows), credentials: proxy.credentials(), continueOnFail: true });
		expect(uploads()).toHaveLength(1);
		for (const item of output) {
			expect(item.json).toEqual({});
			expect(item.error?.message).toContain('for that number it lists "030 1234567" refused: Invalid mobile number (CONT-001)');
		}
	});

	it('a contact whose number is no row\'s is nobody\'s: the row is looked up, and its error names what Sakari listed', async () => {
		// Sakari answers Berlin's contact with Munich's number: the old suffix match would have taken it for Berlin.
		proxy.rewrite((request, answer) => {
			if (request.method === 'GET') answer.data = [];
			if (!/text\/csv/.test(request.contentType)) return;
			const [contact] = (answer.data as { contacts: IDataObject[] }).contacts;
			contact.mobile = { number: '+4912301234567', country: 'DE' };
		});
		const output = await runSakari({ parameters: importWorld(), items: worldRows([BERLIN]), credentials: proxy.credentials(), continueOnFail: true });
		expect(output[0].error?.message).toBe(
			'Sakari\'s CSV import neither listed nor refused the row with mobile number 030 1234567 (+49301234567), and no contact with that number was found afterwards; it listed "+4912301234567" (ID "' +
				String(contactsIn()[0].id) +
				'"), which is no row\'s number',
		);
		expect(apiRequests(sandbox).filter((request) => request.method === 'GET').map((request) => request.query.mobile)).toEqual(['49301234567']);
	});
});

describe('Import in Bulk: refused rows, limits and faults', () => {
	it("makes a row Sakari refuses its own error item with Sakari's code (continue-on-fail); the others are created", async () => {
		const output = await runSakari({
			parameters: importEach(),
			items: rowsOf(['+13475553401', '+1555012', '+13475553402']),
			credentials,
			continueOnFail: true,
		});
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json).toEqual({});
		expect(output[1].error?.message).toBe('Invalid mobile number (CONT-001)');
		expect(output[0].json.mobile).toMatchObject({ number: '+13475553401' });
		expect(output[2].json.mobile).toMatchObject({ number: '+13475553402' });
		expect(uploads()).toHaveLength(1);
	});

	it('fails the run on a refused row without continue-on-fail, naming the row', async () => {
		const error = await rejectionOf(runSakari({ parameters: importEach(), items: rowsOf(['+13475553501', '+1555012']), credentials }));
		expect(error.message).toBe('Invalid mobile number (CONT-001)');
		expect((error.context as { itemIndex: number }).itemIndex).toBe(1);
	});

	it('still checks each row before any request', async () => {
		const output = await runSakari({
			parameters: importEach({ additionalFields: { email: '={{ $json.email }}' } }),
			items: [
				{ json: { phone: '+13475553601', email: 'ok@example.com' } },
				{ json: { phone: '+13475553602', email: 'not-an-email' } },
			],
			credentials,
			continueOnFail: true,
		});
		expect(output[1].error?.message).toBe('Email: "not-an-email" is not a valid email address');
		expect(String(uploads()[0].rawBody ?? uploads()[0].body)).not.toContain('not-an-email');
	});

	it('splits an upload Sakari refuses as too large (413) and sends each half', async () => {
		sandbox.configure({ csvRowLimit: 4 });
		const numbers = phones(10, 3700);
		const output = await runSakari({ parameters: importEach({ bulkSize: 10 }), items: rowsOf(numbers), credentials });
		expect(output.map((item) => (item.json.mobile as { number: string }).number)).toEqual(numbers);
		expect(sandbox.stats().byStatus['413']).toBeGreaterThanOrEqual(1);
		expect(contactsIn()).toHaveLength(10);
	});

	it.each([
		['a 503', { kind: 'status', status: 503 }],
		['a reset connection', { kind: 'reset' }],
		['a lost answer after the import ran', { kind: 'reset', when: 'after' }],
		['a cut-off answer', { kind: 'malformed', when: 'after' }],
		['a 429', { kind: '429' }],
	])('retries an upload after %s: every row created once', async (_name, fault) => {
		sandbox.injectFault({ ...fault, match: { path: '/contacts' } });
		const numbers = phones(5, 3800);
		const output = await runSakari({ parameters: importEach(), items: rowsOf(numbers), credentials });
		expect(output.map((item) => (item.json.mobile as { number: string }).number)).toEqual(numbers);
		expect(uploads()).toHaveLength(2);
		expect(contactsIn()).toHaveLength(5);
	});
});

describe('Import in Bulk: a row Sakari neither lists nor refuses', () => {
	const dropFirstContact = () =>
		proxy.rewrite((request, answer) => {
			if (/text\/csv/.test(request.contentType)) (answer.data as { contacts: unknown[] }).contacts.shift();
		});

	it('is looked up by its E.164 number before it could be reported missing: never a silent gap', async () => {
		dropFirstContact();
		const numbers = phones(3, 3900);
		const output = await runSakari({ parameters: importEach(), items: rowsOf(numbers), credentials: proxy.credentials() });
		expect(output.map((item) => (item.json.mobile as { number: string }).number)).toEqual(numbers);
		const lookups = apiRequests(sandbox).filter((request) => request.method === 'GET');
		expect(lookups.map((request) => request.query.mobile)).toEqual(['13475553900']);
	});

	it('is an error naming the number when the lookup finds nothing either', async () => {
		dropFirstContact();
		sandbox.injectFault({ kind: 'status', status: 200, match: { method: 'GET', path: '/contacts' } });
		const output = await runSakari({ parameters: importEach(), items: rowsOf(phones(2, 3950)), credentials: proxy.credentials(), continueOnFail: true });
		expect(output[0].error?.message).toContain('mobile number +13475553950');
		expect(output[1].json.mobile).toMatchObject({ number: '+13475553951' });
	});
});

describe('fewer 429s: the run paces itself after the first', () => {
	it('creates every row with few 429s against a 20 requests/s limit (per-row mode)', async () => {
		sandbox.configure({ rateLimit: { perSecond: 20 } });
		const numbers = phones(100, 4000);
		const output = await runSakari({ parameters: importEach({ bulkImport: false }), items: rowsOf(numbers), credentials });
		expect(output).toHaveLength(100);
		expect(contactsIn()).toHaveLength(100);
		// Unpaced, every one-second window loses up to Max Concurrent Requests (5) requests to 429s: ~25 here.
		expect(sandbox.stats().rateLimited).toBeLessThanOrEqual(10);
	}, 60_000);
});

describe('Import in Bulk under random faults and a rate limit', () => {
	it('creates every row once and gives every row its item, in order, whatever the faults', async () => {
		sandbox.configure({
			faults: { seed: 11, rate5xx: 0.15, rateReset: 0.15, rateMalformed: 0.15 },
			rateLimit: { perSecond: 5 },
		});
		const numbers = phones(300, 5000);
		const output = await runSakari({ parameters: importEach({ bulkSize: 40 }), items: rowsOf(numbers), credentials });
		expect(output.map((item) => (item.json.mobile as { number: string }).number)).toEqual(numbers);
		expect(output.map((item) => item.pairedItem)).toEqual(numbers.map((_, item) => ({ item })));
		const byNumber = new Map<string, number>();
		for (const contact of contactsIn()) byNumber.set(contact.mobile.number, (byNumber.get(contact.mobile.number) ?? 0) + 1);
		expect(numbers.filter((number) => byNumber.get(number) !== 1)).toEqual([]);
	}, 60_000);
});
