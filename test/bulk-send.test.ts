/**
 * Message → Send with "Send in Bulk": rows whose message is the same apart from the recipient go to Sakari in
 * one request; each row gets its own queued message or error, and nothing is ever sent twice. Expected E.164
 * numbers are written here by hand, never taken from the sandbox.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { BERLIN, BERLIN_E164, EUROPE, MUNICH, usE164, usLocal, type NumberRow } from './helpers/numbers';
import { useAnswerProxy } from './helpers/proxy';
import { CredentialStore, runSakari } from './helpers/routing';
import { apiRequests, type RecordedRequest, type Sandbox } from './helpers/sandbox';
import { useQuickRetries, useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

const OPTED_OUT = '+13475550199';

useQuickRetries();
const proxy = useAnswerProxy(() => sandbox);
beforeEach(() => {
	sandbox.reset({ seedContacts: 0, optedOutMobiles: [OPTED_OUT] } as { seedContacts: number });
});

const sendEach = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	toMobileNumber: '={{ $json.phone }}',
	toMobileCountry: 'US',
	message: 'Hi {{{firstName}}}, your order shipped',
	bulkSend: true,
	...parameters,
});

const phones = (count: number, from = 1000) => Array.from({ length: count }, (_, index) => `+1347556${String(from + index).padStart(4, '0')}`);
const rowsOf = (numbers: string[]): INodeExecutionData[] => numbers.map((phone) => ({ json: { phone } }));
const sends = (): RecordedRequest[] => apiRequests(sandbox).filter((request) => request.method === 'POST');
const recipientsOf = (request: RecordedRequest) => ((request.body as { contacts: Array<{ mobile: { number: string } }> }).contacts ?? []).map((contact) => contact.mobile.number);
const queued = () => (sandbox.state().messages as unknown[]).length;

describe('Send in Bulk: what Sakari receives', () => {
	it('sends rows with the same message in one request, each row its own queued message, paired', async () => {
		const numbers = phones(6);
		const output = await runSakari({ parameters: sendEach(), items: rowsOf(numbers), credentials });

		expect(sends()).toHaveLength(1);
		expect(sends()[0].body).toEqual({
			contacts: numbers.map((number) => ({ mobile: { number, country: 'US' } })),
			template: 'Hi {{{firstName}}}, your order shipped',
		});
		expect(output).toHaveLength(6);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({ id: expect.any(String), status: 'Queued', contact: { mobile: { number: numbers[index] } } });
		});
		expect(queued()).toBe(6);
	});

	it('keeps different messages apart, and never names one recipient twice in a request', async () => {
		const [a, b] = phones(2, 1100);
		const output = await runSakari({
			parameters: sendEach({ message: '={{ $json.text }}' }),
			items: [
				{ json: { phone: a, text: 'One' } },
				{ json: { phone: b, text: 'One' } },
				{ json: { phone: a, text: 'One' } },
				{ json: { phone: b, text: 'Two' } },
			],
			credentials,
		});
		const requests = sends().map((request) => [(request.body as { template: string }).template, recipientsOf(request)]);
		expect(requests).toHaveLength(3);
		expect(requests).toEqual(expect.arrayContaining([['One', [a, b]], ['One', [a]], ['Two', [b]]]));
		expect(output.map((item) => (item.json as { message: string }).message)).toEqual(['One', 'One', 'One', 'Two']);
		expect(output[0].json.id).not.toBe(output[2].json.id);
	});

	it('sends 1,100 recipients in requests of at most 500', async () => {
		sandbox.configure({ maxRecipients: 500 });
		const numbers = phones(1100, 2000);
		const output = await runSakari({ parameters: sendEach(), items: rowsOf(numbers), credentials });
		expect(sends().map((request) => recipientsOf(request).length).sort()).toEqual([100, 500, 500]);
		expect(output.every((item, index) => (item.json.contact as { mobile: { number: string } }).mobile.number === numbers[index])).toBe(true);
		expect(queued()).toBe(1100);
	});

	it("makes a refused recipient that row's error with Sakari's code; the others are queued", async () => {
		const [first, last] = phones(2, 1200);
		const output = await runSakari({
			parameters: sendEach(),
			items: rowsOf([first, OPTED_OUT, '+13475560000', last]),
			credentials,
			continueOnFail: true,
		});
		expect(sends()).toHaveLength(1);
		expect(output.map((item) => item.error?.message ?? 'queued')).toEqual([
			'queued',
			'Contact has requested no further communication (CONT-010)',
			'Unable to send to a landline (MSG-020)',
			'queued',
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	});
});

// Every row of one run: Europe, the US local number (alone, as per row), its E.164 neighbour, Berlin's second
// spelling, and two recipients Sakari refuses inside the answer.
const WORLD: NumberRow[] = [
	...EUROPE,
	usLocal('0600'),
	usE164('0600'),
	BERLIN_E164,
	{ phone: OPTED_OUT, country: 'US', error: 'Contact has requested no further communication (CONT-010)' },
	{ phone: '(347) 556-0000', country: 'US', error: 'Unable to send to a landline (MSG-020)' },
];

const sendWorld = (parameters: INodeParameters = {}) => sendEach({ toMobileCountry: '={{ $json.country }}', ...parameters });
const worldRows = (rows = WORLD) => rows.map(({ phone, country }) => ({ json: { phone, country } }));
const numberOf = (item: INodeExecutionData) => ((item.json.contact as IDataObject).mobile as IDataObject).number;

describe('Send in Bulk: each row gets the answer for its own recipient', () => {
	it.each(['sent', 'reversed', 'shuffled'])(
		'numbers of five countries, national and E.164, two spellings of one, queued and refused in one answer (answer order: %s)',
		async (answerOrder) => {
			sandbox.configure({ answerOrder });
			const output = await runSakari({ parameters: sendWorld(), items: worldRows(), credentials, continueOnFail: true });

			expect(output.map((item) => item.pairedItem)).toEqual(WORLD.map((_, item) => ({ item })));
			expect(output.map((item) => item.error?.message ?? numberOf(item))).toEqual(WORLD.map((row) => row.error ?? row.e164));
			const ids = output.filter((item) => !item.error).map((item) => item.json.id);
			expect(new Set(ids).size).toBe(ids.length);
			// One request for the rows whose E.164 form is certain, Berlin's second spelling in another (a request
			// never names a recipient twice), and the US local number in a request of its own.
			const requests = sends().map(recipientsOf);
			expect(requests).toHaveLength(3);
			expect(requests).toEqual(
				expect.arrayContaining([WORLD.filter((_, index) => ![6, 8].includes(index)).map((row) => row.phone), ['+49 30 1234567'], ['555-0600']]),
			);
			expect(queued()).toBe(8);
		},
	);

	it('1b: Munich in E.164 and Berlin national (DE): each row its own message', async () => {
		const output = await runSakari({ parameters: sendWorld(), items: worldRows([MUNICH, BERLIN]), credentials });
		expect(output.map(numberOf)).toEqual(['+4989301234567', '+49301234567']);
		expect(output[0].json.id).not.toBe(output[1].json.id);
	});

	it('1d: +13475550600 and the local 555-0600 (US): row 2 fails with CONT-001 and is not reported sent', async () => {
		const output = await runSakari({ parameters: sendWorld(), items: worldRows([usE164('0600'), usLocal('0600')]), credentials, continueOnFail: true });
		expect(numberOf(output[0])).toBe('+13475550600');
		expect(output[1].json).toEqual({});
		expect(output[1].error?.message).toBe('Invalid mobile number (CONT-001)');
		expect(queued()).toBe(1);
	});

	it('a recipient the answer lists both as queued and refused is an error saying so, not a success', async () => {
		proxy.rewrite((request, answer) => {
			if (request.method !== 'POST') return;
			const data = answer.data as { messages: IDataObject[]; invalid: IDataObject[] };
			const berlin = data.messages.find((message) => ((message.contact as IDataObject).mobile as IDataObject).number === '+49301234567');
			data.invalid.push({ contact: berlin?.contact, error: { code: 'MSG-028', description: 'Throttled' } });
		});
		const output = await runSakari({ parameters: sendWorld(), items: worldRows([MUNICH, BERLIN]), credentials: proxy.credentials(), continueOnFail: true });
		expect(numberOf(output[0])).toBe('+4989301234567');
		expect(output[1].json).toEqual({});
		expect(output[1].error?.message).toMatch(/^Sakari's answer does not tell whether this recipient was texted: for it, it lists "\+49301234567" \(ID "[^"]+"\); "\+49301234567" refused: Throttled \(MSG-028\)$/);
		expect(output[1].error?.description).toMatch(/^Not resent/);
	});

	it('a message for a number no row has is nobody\'s: the row is told it may have been sent, and what Sakari listed', async () => {
		proxy.rewrite((request, answer) => {
			if (request.method !== 'POST') return;
			const [message] = (answer.data as { messages: IDataObject[] }).messages;
			message.contact = { ...(message.contact as IDataObject), mobile: { number: '+4912301234567', country: 'DE' } };
		});
		const output = await runSakari({ parameters: sendWorld(), items: worldRows([BERLIN, usE164('0600')]), credentials: proxy.credentials(), continueOnFail: true });
		expect(output[0].error?.message).toBe('Sakari listed this recipient neither as queued nor as refused: the message may have been sent');
		expect(output[0].error?.description).toMatch(/It listed "\+4912301234567" \(ID "[^"]+"\), which is no row's recipient\.$/);
		expect(numberOf(output[1])).toBe('+13475550600');
	});
});

describe('Send in Bulk: never texted twice', () => {
	it.each([
		['a 503', { kind: 'status', status: 503 }, 0],
		['a lost answer after Sakari queued it', { kind: 'reset', when: 'after' }, 3],
		['a cut-off answer after Sakari queued it', { kind: 'malformed', when: 'after' }, 3],
	])('after %s, every row fails saying the message may have been sent, and nothing is resent', async (_name, fault, queuedAfter) => {
		sandbox.injectFault({ ...fault, match: { path: '/messages' } });
		const output = await runSakari({ parameters: sendEach(), items: rowsOf(phones(3, 1300)), credentials, continueOnFail: true });
		expect(sends()).toHaveLength(1);
		expect(queued()).toBe(queuedAfter);
		for (const item of output) expect(item.error?.message).toMatch(/may have been sent/);
	});

	it('retries after a 429 (Sakari refused it, nothing was sent) and sends once', async () => {
		sandbox.injectFault({ kind: '429', match: { path: '/messages' } });
		const output = await runSakari({ parameters: sendEach(), items: rowsOf(phones(3, 1400)), credentials });
		expect(sends()).toHaveLength(2);
		expect(queued()).toBe(3);
		expect(output.every((item) => item.json.status === 'Queued')).toBe(true);
	});

	it('per-row mode (the default) still sends one request per row', async () => {
		await runSakari({ parameters: sendEach({ bulkSend: false }), items: rowsOf(phones(3, 1500)), credentials });
		expect(sends().map(recipientsOf)).toEqual(phones(3, 1500).map((number) => [number]));
	});
});

describe('Send in Bulk under random faults', () => {
	it('texts nobody twice, and every row gets its message or an error saying it may have been sent', async () => {
		sandbox.configure({ faults: { seed: 7, rate5xx: 0.2, rateReset: 0.2, rateMalformed: 0.2 }, maxRecipients: 500 });
		const numbers = phones(60, 3000);
		const output = await runSakari({
			parameters: sendEach({ message: "={{ 'Batch ' + ($itemIndex % 6) }}" }),
			items: rowsOf(numbers),
			credentials,
			continueOnFail: true,
		});
		expect(output.map((item) => item.pairedItem)).toEqual(numbers.map((_, item) => ({ item })));
		const perNumber = new Map<string, number>();
		for (const message of sandbox.state().messages as Array<{ contact: { mobile: { number: string } } }>) {
			perNumber.set(message.contact.mobile.number, (perNumber.get(message.contact.mobile.number) ?? 0) + 1);
		}
		expect([...perNumber.values()].filter((count) => count > 1)).toEqual([]);
		output.forEach((item, index) => {
			if (item.error) expect(item.error.message).toMatch(/may have been sent/);
			else expect((item.json.contact as { mobile: { number: string } }).mobile.number).toBe(numbers[index]);
		});
		// Six different texts: six requests, however they ended.
		expect(sends()).toHaveLength(6);
	}, 60_000);
});
