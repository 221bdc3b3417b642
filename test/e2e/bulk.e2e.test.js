// @ts-check
'use strict';
// Import in Bulk and Send in Bulk in real n8n: the packed package in a fresh user folder, workflows run with
// `n8n execute`, and what the sandbox received checked against what each row's item says.
const n8n = require('../../scripts/n8n');
const { chainWorkflow, useWorkflowFolder } = require('./folder');
const { CREDENTIALS, node, pairingCheck, rows } = require('./workflows');

const OPTED_OUT = '+13475550199';
const INVALID = '+1555012';

/** The Sakari node as the editor saves it. */
const sakari = (name, parameters, position, extra = {}) =>
	node(name, n8n.NODE_TYPE, 1, parameters, position, { credentials: { [n8n.CREDENTIAL_TYPE]: CREDENTIALS.main }, ...extra });

const workflow = chainWorkflow;

// Names that need CSV quoting, an attribute per row, a national number, a duplicate and a number Sakari refuses.
const PEOPLE = [
	{ phone: '+13475558101', first: 'Ada', last: 'Lovelace, Countess', plan: 'gold' },
	{ phone: '(347) 555-8102', first: 'Grace', last: 'Hopper "Amazing"', plan: 'silver' },
	{ phone: INVALID, first: 'Nobody', last: 'Invalid', plan: 'none' },
	{ phone: '+13475558103', first: 'Katherine', last: 'Johnson\nNASA', plan: 'gold, platinum' },
	{ phone: '+13475558101', first: 'Ada', last: 'Lovelace, Countess', plan: 'gold' },
	{ phone: '+13475558104', first: 'Dorothy', last: 'Vaughan', plan: 'bronze' },
];

const importNode = (extra = {}) =>
	sakari(
		'Import contacts',
		{
			resource: 'contact',
			operation: 'create',
			mobileNumber: '={{ $json.phone }}',
			mobileCountry: 'US',
			mergeStrategy: 'append',
			additionalFields: {
				firstName: '={{ $json.first }}',
				lastName: '={{ $json.last }}',
				attributes: { attribute: [{ name: 'plan', value: '={{ $json.plan }}' }] },
			},
			bulkImport: true,
			bulkSize: 4,
		},
		[440, 0],
		extra,
	);

const RECIPIENTS = ['+13475558201', OPTED_OUT, '+13475558202', '+13475558203'];

// Issue 21: numbers of several countries in one run, with the E.164 form Sakari answers (written by hand) or the
// error the row must end with. Munich in E.164 and Berlin national once both got Munich's contact or message, and
// a US local number Sakari refused was reported as the other row's success.
const CONT_001 = { error: 'Invalid mobile number (CONT-001)' };
const WORLD = [
	{ phone: '+49 89 301234567', country: 'DE', e164: '+4989301234567' },
	{ phone: '030 1234567', country: 'DE', e164: '+49301234567' },
	{ phone: '30 1234568', country: 'DE', e164: '+49301234568' },
	{ phone: '020 7946 0018', country: 'GB', e164: '+442079460018' },
	{ phone: '06 12 34 56 78', country: 'FR', e164: '+33612345678' },
	{ phone: '06 1234 5678', country: 'IT', e164: '+390612345678' },
	{ phone: '555-0300', country: 'US', ...CONT_001 },
	{ phone: '+13475550300', country: 'US', e164: '+13475550300' },
	{ phone: '+49 30 1234567', country: 'DE', e164: '+49301234567' },
	{ phone: '(222) 222-2222', country: 'US', ...CONT_001 },
];
// Numbers in the order a row's output says them: its contact's or message's number, or its error.
const outcomes = (items) => items.map((item) => item.json.error ?? (item.json.mobile ?? item.json.contact?.mobile)?.number);
const expected = (rows) => rows.map((row) => row.error ?? row.e164);

// Issue 21 items 2-4 and 6 as a sheet or a CRM hands them over: a number, a blank cell, an object, attribute
// names a CSV import would misread (issue 17 item 6).
const SHEET = [
	{ phone: '+13475558501', first: 42, email: '', attribute: 'plan', value: 42 },
	{ phone: '+13475558502', first: 'Grace', email: 'grace@example.com', attribute: 'Email', value: 'x' },
	{ phone: '+13475558503', first: 'Ada', email: 'ada@example.com', attribute: 'favourite colour', value: 'green' },
	{ phone: '+13475558504', first: { name: 'Katherine' }, email: '', attribute: 'plan', value: 'gold' },
	{ phone: '+13475558505', first: 'Dorothy', email: '', attribute: 'plan', value: '' },
];
const CLOUDINARY = 'https://res.cloudinary.com/demo/image/upload/w_300,h_200,c_crop/sample.jpg';

/** A Sakari node for the WORLD rows, continuing on fail. */
const worldNode = (name, parameters) => sakari(name, parameters, [440, 0], { onError: 'continueRegularOutput' });

const WORKFLOWS = {
	bulkImport: workflow('sakariE2eBulk001', 'E2E: Import in Bulk, continue on fail', [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]),
		...rows('Input rows', PEOPLE, [220, 0]),
		importNode({ onError: 'continueRegularOutput' }),
		pairingCheck('Input rows', { sourceField: 'phone', sourceAs: 'rowPhone', ownField: 'lastName', ownAs: 'lastName' }, [660, 0]),
	]),
	bulkImportFails: workflow('sakariE2eBulk002', 'E2E: Import in Bulk, a refused row fails the run', [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]),
		...rows('Input rows', PEOPLE.slice(0, 3), [220, 0]),
		importNode(),
	]),
	bulkSend: workflow('sakariE2eBulk003', 'E2E: Send in Bulk, continue on fail', [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]),
		...rows('Recipients', RECIPIENTS.map((phone) => ({ phone })), [220, 0]),
		sakari(
			'Send',
			{
				resource: 'message',
				operation: 'send',
				sendTo: 'mobileNumber',
				toMobileNumber: '={{ $json.phone }}',
				toMobileCountry: 'US',
				message: 'Hi {{{firstName}}}, your order shipped',
				messageOptions: {},
				bulkSend: true,
			},
			[440, 0],
			{ onError: 'continueRegularOutput' },
		),
		pairingCheck('Recipients', { sourceField: 'phone', sourceAs: 'rowPhone', ownField: 'id', ownAs: 'messageId' }, [660, 0]),
	]),
	bulkImportWorld: workflow('sakariE2eBulk004', 'E2E: Import in Bulk, numbers of five countries', [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]),
		...rows('Input rows', WORLD.map(({ phone, country }) => ({ phone, country })), [220, 0]),
		worldNode('Import contacts', {
			resource: 'contact',
			operation: 'create',
			mobileNumber: '={{ $json.phone }}',
			mobileCountry: '={{ $json.country }}',
			bulkImport: true,
		}),
		pairingCheck('Input rows', { sourceField: 'phone', sourceAs: 'rowPhone', ownField: 'id', ownAs: 'contactId' }, [660, 0]),
	]),
	bulkSendWorld: workflow('sakariE2eBulk005', 'E2E: Send in Bulk, numbers of five countries', [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]),
		...rows('Recipients', WORLD.map(({ phone, country }) => ({ phone, country })), [220, 0]),
		worldNode('Send', {
			resource: 'message',
			operation: 'send',
			sendTo: 'mobileNumber',
			toMobileNumber: '={{ $json.phone }}',
			toMobileCountry: '={{ $json.country }}',
			message: 'Hi {{{firstName}}}',
			messageOptions: {},
			bulkSend: true,
		}),
		pairingCheck('Recipients', { sourceField: 'phone', sourceAs: 'rowPhone', ownField: 'id', ownAs: 'messageId' }, [660, 0]),
	]),
	bulkImportValues: workflow('sakariE2eBulk006', 'E2E: Import in Bulk, values as sheets and expressions give them', [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]),
		...rows('Input rows', SHEET, [220, 0]),
		worldNode('Import contacts', {
			resource: 'contact',
			operation: 'create',
			mobileNumber: '={{ $json.phone }}',
			mobileCountry: 'US',
			additionalFields: {
				firstName: '={{ $json.first }}',
				email: '={{ $json.email }}',
				attributes: { attribute: [{ name: '={{ $json.attribute }}', value: '={{ $json.value }}' }] },
			},
			bulkImport: true,
		}),
	]),
	bulkSendValues: workflow('sakariE2eBulk007', 'E2E: Send in Bulk, a numeric text and a media URL with commas', [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]),
		...rows('Recipients', [{ phone: '+13475558601' }, { phone: '+13475558602' }], [220, 0]),
		worldNode('Send', {
			resource: 'message',
			operation: 'send',
			sendTo: 'mobileNumber',
			toMobileNumber: '={{ $json.phone }}',
			toMobileCountry: 'US',
			message: '={{ 12345 }}',
			messageOptions: { type: 'MMS', mediaUrls: `${CLOUDINARY}, https://example.com/b.png` },
			bulkSend: true,
		}),
	]),
};

const { env, execute } = useWorkflowFolder('bulk', WORKFLOWS, (sandbox) => sandbox.reset({ seedContacts: 0, optedOutMobiles: [OPTED_OUT] }));

// A token stored by an earlier test is expired by the sandbox's reset: n8n's one 401 → new token → retry is not counted.
const apiRequests = () => env.sandbox.requests().filter((request) => request.path.startsWith('/v1/') && request.status !== 401);
const csvUploads = () => apiRequests().filter((request) => /^text\/csv/.test(request.headers['content-type'] ?? ''));

test('Import in Bulk: CSV uploads of Rows per Upload, quoting and attributes kept, the refused row an error item in place, all paired', async () => {
	const run = await execute(WORKFLOWS.bulkImport);

	// Rows per Upload 4: rows 1, 2, 4 and 5 gathered, the number given twice (row 5) in an upload after its first
	// row's; row 6 in an upload of its own; the invalid `+1555012` (no E.164 form is certain) a create of its own.
	// Row 6's upload (a gathering of its own, flushed when idle) may reach Sakari before or after the first
	// gathering's: nothing orders independent uploads. Only the repeated number's upload must follow its first row's.
	const uploads = csvUploads();
	const rowCount = (request) => String(request.rawBody).trim().split('\r\n').length - 1;
	expect(uploads.map((request) => [request.method, request.query, rowCount(request)]).sort((a, b) => b[2] - a[2])).toEqual([
		['POST', { mergeStrategy: 'append' }, 3],
		['POST', { mergeStrategy: 'append' }, 1],
		['POST', { mergeStrategy: 'append' }, 1],
	]);
	const withAda = uploads.flatMap((request, index) => (String(request.rawBody).includes('+13475558101') ? [[index, rowCount(request)]] : []));
	expect(withAda.map(([, rows]) => rows)).toEqual([3, 1]);
	expect(withAda[0][0]).toBeLessThan(withAda[1][0]);
	expect(apiRequests().filter((request) => !csvUploads().some((upload) => upload.seq === request.seq)).map((request) => request.body)).toEqual([
		{ mobile: { number: INVALID, country: 'US' }, firstName: 'Nobody', lastName: 'Invalid', attributes: { plan: 'none' } },
	]);
	const csv = csvUploads().map((request) => String(request.rawBody));
	expect(csv[0].split('\r\n')[0]).toBe('mobile,country,firstName,lastName,plan');
	expect(csv.join('')).toContain('"Hopper ""Amazing"""');

	const items = n8n.nodeItems(run, 'Import contacts');
	expect(items).toHaveLength(PEOPLE.length);
	items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
	// n8n's "continue (regular output)" turns the error item into `{ error: message }`.
	expect(items[2].json).toEqual({ error: 'Invalid mobile number (CONT-001)' });
	const created = [0, 1, 3, 4, 5].map((index) => items[index].json);
	expect(created.map((contact) => contact.lastName)).toEqual([
		'Lovelace, Countess',
		'Hopper "Amazing"',
		'Johnson\nNASA',
		'Lovelace, Countess',
		'Vaughan',
	]);
	expect(created.map((contact) => contact.attributes.plan)).toEqual(['gold', 'silver', 'gold, platinum', 'gold', 'bronze']);
	expect(created[1].mobile.number).toBe('+13475558102');
	// The same number twice in a run: the same contact.
	expect(created[3].id).toBe(created[0].id);
	// Four distinct valid numbers, besides the opted-out contact the reset seeds.
	expect(env.sandbox.state().contacts.filter((contact) => contact.mobile.number !== OPTED_OUT)).toHaveLength(4);

	// n8n itself resolves `$('Input rows').item` through the pairing.
	const checked = n8n.nodeItems(run, 'Check pairing').map((item) => [item.json.rowPhone, item.json.lastName ?? '']);
	expect(checked).toEqual(PEOPLE.map((person, index) => [person.phone, index === 2 ? '' : person.last]));
});

test('Import in Bulk without continue-on-fail: a refused row fails the run with its code', async () => {
	const run = await execute(WORKFLOWS.bulkImportFails, { expectOk: false });
	expect(n8n.nodeError(run, 'Import contacts')?.message).toBe('Invalid mobile number (CONT-001)');
	expect(csvUploads()).toHaveLength(1);
});

test('Send in Bulk: one request for every recipient, each row its own queued message or error, paired', async () => {
	const run = await execute(WORKFLOWS.bulkSend);

	const sends = apiRequests().filter((request) => request.method === 'POST');
	expect(sends).toHaveLength(1);
	expect(sends[0].body).toEqual({
		contacts: RECIPIENTS.map((number) => ({ mobile: { number, country: 'US' } })),
		template: 'Hi {{{firstName}}}, your order shipped',
	});
	const items = n8n.nodeItems(run, 'Send');
	expect(items.map((item) => item.pairedItem)).toEqual(RECIPIENTS.map((_, item) => ({ item })));
	expect(items[1].json).toEqual({ error: 'Contact has requested no further communication (CONT-010)' });
	for (const index of [0, 2, 3]) {
		expect(items[index].json).toMatchObject({ status: 'Queued', contact: { mobile: { number: RECIPIENTS[index] } } });
	}
	expect(n8n.nodeItems(run, 'Check pairing').map((item) => item.json.rowPhone)).toEqual(RECIPIENTS);
});

describe.each(['sent', 'shuffled'])('numbers of five countries in one run, Sakari answering in %s order', (answerOrder) => {
	test('Import in Bulk: each row its own contact; Berlin twice one contact; the US local number and the refused one errors in place', async () => {
		env.sandbox.configure({ answerOrder });
		const run = await execute(WORKFLOWS.bulkImportWorld);
		const items = n8n.nodeItems(run, 'Import contacts');
		expect(items.map((item) => item.pairedItem)).toEqual(WORLD.map((_, item) => ({ item })));
		expect(outcomes(items)).toEqual(expected(WORLD));
		expect(items[8].json.id).toBe(items[1].json.id);
		const ids = items.filter((item, index) => item.json.id && index !== 8).map((item) => item.json.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(csvUploads().map((request) => String(request.rawBody).trim().split('\r\n').length - 1)).toEqual([8, 1]);
		expect(n8n.nodeItems(run, 'Check pairing').map((item) => item.json.rowPhone)).toEqual(WORLD.map((row) => row.phone));
	});

	test('Send in Bulk: each row its own message; the US local number fails with CONT-001 and is not sent', async () => {
		env.sandbox.configure({ answerOrder });
		const run = await execute(WORKFLOWS.bulkSendWorld);
		const items = n8n.nodeItems(run, 'Send');
		expect(items.map((item) => item.pairedItem)).toEqual(WORLD.map((_, item) => ({ item })));
		expect(outcomes(items)).toEqual(expected(WORLD));
		const sent = env.sandbox.state().messages.map((message) => message.contact.mobile.number);
		expect(sent.sort()).toEqual(expected(WORLD).filter((number) => number.startsWith('+')).sort());
		expect(n8n.nodeItems(run, 'Check pairing').map((item) => item.json.rowPhone)).toEqual(WORLD.map((row) => row.phone));
	});
});

test('Import in Bulk: numbers as text, blank cells not sent, objects and misread attribute names refused in place, before sending', async () => {
	const run = await execute(WORKFLOWS.bulkImportValues);
	const items = n8n.nodeItems(run, 'Import contacts');
	expect(items.map((item) => item.pairedItem)).toEqual(SHEET.map((_, item) => ({ item })));
	expect(items[0].json).toMatchObject({ firstName: '42', attributes: { plan: '42' }, mobile: { number: '+13475558501' } });
	expect(items[0].json.email ?? '').toBe('');
	expect(items[1].json.error).toMatch(/^Attributes: "Email" is the name of a contact field/);
	expect(items[2].json.error).toMatch(/^Attributes: "favourite colour" contains a space, and Sakari's CSV import takes attribute column names without spaces/);
	expect(items[3].json).toEqual({ error: 'First Name: must be text, got an object' });
	expect(items[4].json).toMatchObject({ firstName: 'Dorothy', mobile: { number: '+13475558505' } });
	// What Sakari received: only the rows that passed, each with only its filled columns.
	const csv = csvUploads().map((request) => String(request.rawBody).trim());
	expect(csv.sort()).toEqual(['mobile,country,firstName\r\n+13475558505,US,Dorothy', 'mobile,country,firstName,plan\r\n+13475558501,US,42,42']);
});

test('Send in Bulk: a numeric text is sent as text, and a media URL with commas stays one URL', async () => {
	const run = await execute(WORKFLOWS.bulkSendValues);
	const [send] = apiRequests().filter((request) => request.method === 'POST');
	expect(send.body).toMatchObject({ template: '12345', type: 'MMS', media: [{ url: CLOUDINARY }, { url: 'https://example.com/b.png' }] });
	expect(n8n.nodeItems(run, 'Send').map((item) => item.json.message)).toEqual(['12345', '12345']);
});
