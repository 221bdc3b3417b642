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

const WORKFLOWS = {
	bulkImport: workflow('sakariE2eBulk001', 'E2E: Import in Bulk, continue on fail', [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]),
		rows('Input rows', PEOPLE, [220, 0]),
		importNode({ onError: 'continueRegularOutput' }),
		pairingCheck('Input rows', { sourceField: 'phone', sourceAs: 'rowPhone', ownField: 'lastName', ownAs: 'lastName' }, [660, 0]),
	]),
	bulkImportFails: workflow('sakariE2eBulk002', 'E2E: Import in Bulk, a refused row fails the run', [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]),
		rows('Input rows', PEOPLE.slice(0, 3), [220, 0]),
		importNode(),
	]),
	bulkSend: workflow('sakariE2eBulk003', 'E2E: Send in Bulk, continue on fail', [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]),
		rows('Recipients', RECIPIENTS.map((phone) => ({ phone })), [220, 0]),
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
};

const { env, execute } = useWorkflowFolder('bulk', WORKFLOWS, (sandbox) => sandbox.reset({ seedContacts: 0, optedOutMobiles: [OPTED_OUT] }));

// A token stored by an earlier test is expired by the sandbox's reset: n8n's one 401 → new token → retry is not counted.
const apiRequests = () => env.sandbox.requests().filter((request) => request.path.startsWith('/v1/') && request.status !== 401);
const csvUploads = () => apiRequests().filter((request) => /^text\/csv/.test(request.headers['content-type'] ?? ''));

test('Import in Bulk: CSV uploads of Rows per Upload, quoting and attributes kept, the refused row an error item in place, all paired', async () => {
	const run = await execute(WORKFLOWS.bulkImport);

	expect(apiRequests()).toHaveLength(2);
	expect(csvUploads().map((request) => [request.method, request.query])).toEqual([
		['POST', { mergeStrategy: 'append' }],
		['POST', { mergeStrategy: 'append' }],
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
