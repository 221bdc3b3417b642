/**
 * What spreadsheets, CRMs, forms and expressions put into fields (issue 21, items 2–4, 6, 7; issue 17 item 6), in
 * Contact, Message, Template, Campaign and Lead Form fields:
 * one rule for every operation, per row and in bulk alike. Numbers and booleans are text, a blank cell is a field
 * not set, objects and arrays are refused before any request naming the field and what it got; attribute names
 * that a CSV import would misread are refused; media URL lists keep commas inside URLs.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { rejectionOf } from './helpers/leaks';
import { CredentialStore, byId, runSakari } from './helpers/routing';
import { apiRequests, type RecordedRequest, type Sandbox } from './helpers/sandbox';
import { useQuickRetries, useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

useQuickRetries({ maxMs: 50 });

const create = (additionalFields: INodeParameters, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'contact',
	operation: 'create',
	mobileNumber: '={{ $json.phone }}',
	mobileCountry: 'US',
	additionalFields,
	...parameters,
});
const send = (parameters: INodeParameters): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	toMobileNumber: '+13475557101',
	message: 'Hi',
	...parameters,
});
const row = (json: IDataObject): INodeExecutionData[] => [{ json: { phone: '+13475557100', ...json } }];
const csvOf = (request: RecordedRequest) => String(request.rawBody).trim().split('\r\n');

// The fields of a row from a sheet: First Name, Last Name, Email and one attribute, each from its own column.
const fromColumns = {
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	email: '={{ $json.email }}',
	attributes: { attribute: [{ name: 'plan', value: '={{ $json.plan }}' }] },
};

describe.each([
	['per row', false],
	['in bulk', true],
])('values from expressions, %s', (_mode, bulkImport) => {
	const run = async (json: IDataObject, continueOnFail = false) =>
		await runSakari({ parameters: create(fromColumns, { bulkImport }), items: row(json), credentials, continueOnFail });

	it('sends numbers and booleans as text, to text fields and attribute values alike', async () => {
		const [item] = await run({ first: 42, last: true, email: 'ada@example.com', plan: 42 });
		const [request] = apiRequests(sandbox);
		if (bulkImport) {
			expect(csvOf(request)).toEqual(['mobile,country,firstName,lastName,email,plan', '+13475557100,US,42,true,ada@example.com,42']);
		} else {
			expect(request.body).toEqual({
				mobile: { number: '+13475557100', country: 'US' },
				firstName: '42',
				lastName: 'true',
				email: 'ada@example.com',
				attributes: { plan: '42' },
			});
		}
		expect(item.json).toMatchObject({ firstName: '42', lastName: 'true', attributes: { plan: '42' } });
	});

	it('takes blank cells as fields not set: Email, First and Last Name and attributes are not sent', async () => {
		await run({ first: '', last: '  ', email: '', plan: '' });
		const [request] = apiRequests(sandbox);
		if (bulkImport) expect(csvOf(request)).toEqual(['mobile,country', '+13475557100,US']);
		else expect(request.body).toEqual({ mobile: { number: '+13475557100', country: 'US' } });
	});

	it.each([
		[{ first: { a: 1 } }, 'First Name: must be text, got an object'],
		[{ last: ['Love', 'lace'] }, 'Last Name: must be text, got a list (array)'],
		[{ email: { address: 'ada@example.com' } }, 'Email: must be text, got an object'],
		[{ plan: { tier: 'gold' } }, 'Attributes: the value of "plan" must be text, got an object'],
		[{ phone: { number: '+13475557100' } }, 'Mobile Number: must be text, got an object'],
	])('refuses %j before any request, naming the field and what it got', async (json, message) => {
		const [item] = await run({ first: 'Ada', ...json }, true);
		expect(item.error?.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it.each(['Email', 'FirstName', 'MOBILE', ' Country ', 'lastname'])(
		'refuses the attribute name %p, a contact field in another case, naming it and why',
		async (name) => {
			const error = await rejectionOf(
				runSakari({ parameters: create({ attributes: { attribute: [{ name, value: 'x' }] } }, { bulkImport }), items: row({}), credentials }),
			);
			expect(error.message).toBe(
				`Attributes: "${name.trim()}" is the name of a contact field (mobile, country, firstName, lastName, email, in any case): Sakari's CSV import would read it as that field, not as an attribute. Use First Name, Last Name or Email for those, or rename the attribute.`,
			);
			expect(apiRequests(sandbox)).toHaveLength(0);
		},
	);
});

describe('attribute names with spaces (Sakari: CSV header names have no spaces)', () => {
	const spaced = { attributes: { attribute: [{ name: 'favourite colour', value: 'green' }] } };

	it('are refused with Import in Bulk, naming the attribute and the help centre page', async () => {
		const error = await rejectionOf(runSakari({ parameters: create(spaced, { bulkImport: true }), items: row({}), credentials }));
		expect(error.message).toBe(
			'Attributes: "favourite colour" contains a space, and Sakari\'s CSV import takes attribute column names without spaces (https://support.sakari.io/hc/en-us/articles/360039410111). Rename the attribute in Sakari and here (e.g. "favourite_colour"), or turn off Import in Bulk.',
		);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('are sent as they are one by one (a JSON key)', async () => {
		await runSakari({ parameters: create(spaced), items: row({}), credentials });
		expect((apiRequests(sandbox)[0].body as IDataObject).attributes).toEqual({ 'favourite colour': 'green' });
	});
});

describe('Contact → Update: blank cells', () => {
	let contactId: string;
	beforeEach(async () => {
		const [created] = await runSakari({ parameters: create({ firstName: 'Ada' }), items: row({}), credentials });
		contactId = String(created.json.id);
		sandbox.clearRequests();
	});
	const update = (updateFields: INodeParameters): INodeParameters => ({ resource: 'contact', operation: 'update', contactId: byId(contactId), updateFields });

	it('sends only the fields with a value', async () => {
		await runSakari({ parameters: update({ firstName: 'Grace', email: '', lastName: '={{ $json.last }}' }), items: [{ json: { last: '' } }], credentials });
		expect(apiRequests(sandbox).map((request) => [request.method, request.body])).toEqual([['PUT', { firstName: 'Grace' }]]);
	});

	it('refuses an update whose every field is blank, instead of a PUT that changes nothing', async () => {
		const error = await rejectionOf(runSakari({ parameters: update({ email: '', firstName: ' ' }), credentials }));
		expect(error.message).toBe('Update Fields: nothing to change; every field added is empty, and an empty value is not sent');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('Message → Send: wrong types name the field and the type', () => {
	it.each([
		[{ message: '={{ { text: "Hi" } }}' }, 'Message: must be text, got an object'],
		[{ message: '={{ ["Hi", "there"] }}' }, 'Message: must be text, got a list (array)'],
		[{ sendTo: 'contact', toContactId: byId('={{ { id: "c1" } }}') }, 'Contact: must be an ID (text), got an object'],
		[{ sendTo: 'conversation', toConversationId: byId('={{ ["cv1"] }}') }, 'Conversation: must be an ID (text), got a list (array)'],
		[{ messageOptions: { phoneNumberGroupId: '={{ { id: "g1" } }}' } }, 'Sending Number Group ID: must be text, got an object'],
		[{ messageOptions: { mediaUrls: '={{ { url: "https://example.com/a.png" } }}' } }, 'Media URLs: must be text or a list of URLs, got an object'],
	])('%j', async (parameters, message) => {
		const error = await rejectionOf(runSakari({ parameters: send(parameters), credentials }));
		expect(error.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('Template, Campaign and Lead Form: the same rule for their text fields', () => {
	// A sheet row: a name that is a year, a text that is a number, a blank cell, and an object from a lookup.
	const sheet = { year: 2026, code: 4711, blank: '', lookup: { id: 7, label: 'Spring' } };
	const bodies = () => apiRequests(sandbox).map((request) => [request.method, request.body]);
	const refused = async (parameters: INodeParameters) => {
		const error = await rejectionOf(runSakari({ parameters, items: [{ json: sheet }], credentials }));
		expect(apiRequests(sandbox)).toHaveLength(0);
		return error.message;
	};

	it('Template → Create and Update: numbers as text, a blank cell not sent, an object refused naming the field', async () => {
		const [created] = await runSakari({
			parameters: { resource: 'template', operation: 'create', name: '={{ $json.year }}', template: '={{ $json.code }}', type: 'SMS' },
			items: [{ json: sheet }],
			credentials,
		});
		await runSakari({
			parameters: { resource: 'template', operation: 'update', templateId: byId(String(created.json.id)), templateUpdateFields: { name: '={{ $json.blank }}', template: 'Code {{{firstName}}}' } },
			items: [{ json: sheet }],
			credentials,
		});
		expect(bodies()).toEqual([
			['POST', { name: '2026', template: '4711', type: 'SMS' }],
			['PUT', { template: 'Code {{{firstName}}}' }],
		]);
		sandbox.clearRequests();
		expect(await refused({ resource: 'template', operation: 'create', name: 'Spring', template: '={{ $json.lookup }}' })).toBe('Template: must be text, got an object');
		expect(await refused({ resource: 'template', operation: 'create', name: '={{ $json.blank }}', template: 'Hi' })).toBe(
			'Name: is empty; give the template a name, e.g. Order shipped',
		);
		expect(await refused({ resource: 'template', operation: 'getAll', returnAll: true, templateFilters: { name: '={{ $json.lookup }}' } })).toBe(
			'Filters > Name: must be text, got an object',
		);
	});

	it('Campaign → Create and Update: numbers as text, blank cells not sent, an object refused naming the field', async () => {
		const [created] = await runSakari({
			parameters: { resource: 'campaign', operation: 'create', campaignName: '={{ $json.year }}', campaignTemplate: '={{ $json.code }}', campaignReporting: '={{ $json.blank }}' },
			items: [{ json: sheet }],
			credentials,
		});
		await runSakari({
			parameters: {
				resource: 'campaign',
				operation: 'update',
				campaignId: byId(String(created.json.id)),
				campaignUpdateFields: { campaignName: '={{ $json.blank }}', campaignReporting: '={{ $json.blank }}', campaignTemplate: '={{ $json.code }}' },
			},
			items: [{ json: sheet }],
			credentials,
		});
		expect(bodies()).toEqual([
			['POST', { name: '2026', template: '4711', trigger: { code: 'M' } }],
			['PUT', { template: '4711' }],
		]);
		sandbox.clearRequests();
		expect(await refused({ resource: 'campaign', operation: 'create', campaignName: '={{ $json.lookup }}', campaignTemplate: 'Hi' })).toBe('Name: must be text, got an object');
		expect(await refused({ resource: 'campaign', operation: 'create', campaignName: 'Spring', campaignTemplate: 'Hi', campaignReporting: '={{ [$json.code] }}' })).toBe(
			'Reporting (When): must be text, got a list (array)',
		);
		expect(
			await refused({ resource: 'campaign', operation: 'update', campaignId: byId(String(created.json.id)), campaignUpdateFields: { campaignName: '={{ $json.blank }}' } }),
		).toBe('Update Fields: nothing to change; every field added is empty, and an empty value is not sent');
	});

	it('Campaign → Create and Send: a number as the name and the message, an object refused', async () => {
		const quick = (parameters: INodeParameters): INodeParameters => ({
			resource: 'campaign',
			operation: 'createAndSend',
			campaignName: '={{ $json.year }}',
			campaignGroupId: 'grp_main',
			campaignListId: 'lst_spring',
			campaignMessage: '={{ $json.code }}',
			...parameters,
		});
		await runSakari({ parameters: quick({}), items: [{ json: sheet }], credentials });
		expect(bodies()).toEqual([['POST', { name: '2026', groupId: 'grp_main', listId: 'lst_spring', message: { message: '4711' } }]]);
		sandbox.clearRequests();
		expect(await refused(quick({ campaignMessage: '={{ $json.lookup }}' }))).toBe('Message: must be text, got an object');
		expect(await refused(quick({ campaignName: '={{ $json.lookup }}' }))).toBe('Name: must be text, got an object');
		expect(await refused(quick({ campaignMessage: '={{ $json.blank }}' }))).toBe('Message: is empty; enter the text to send (or add Media URLs)');
	});

	it('Lead Form → Create, Update and Get Many: a number as the name, an object refused, a blank filter not sent', async () => {
		const [created] = await runSakari({ parameters: { resource: 'leadForm', operation: 'create', leadFormName: '={{ $json.year }}' }, items: [{ json: sheet }], credentials });
		await runSakari({
			parameters: { resource: 'leadForm', operation: 'update', leadFormId: byId(String(created.json.id)), leadFormName: '={{ $json.code }}' },
			items: [{ json: sheet }],
			credentials,
		});
		await runSakari({ parameters: { resource: 'leadForm', operation: 'getAll', returnAll: true, leadFormFilters: { q: '={{ $json.blank }}', orderBy: 'name' } }, items: [{ json: sheet }], credentials });
		expect(apiRequests(sandbox).map((request) => [request.method, request.body ?? request.query])).toEqual([
			['POST', { name: '2026' }],
			['PUT', { name: '4711' }],
			['GET', { orderBy: 'name', offset: '0', limit: '100' }],
		]);
		sandbox.clearRequests();
		expect(await refused({ resource: 'leadForm', operation: 'create', leadFormName: '={{ $json.lookup }}' })).toBe('Name: must be text, got an object');
		expect(await refused({ resource: 'leadForm', operation: 'create', leadFormName: '={{ $json.blank }}' })).toBe(
			'Name: is empty; give the lead form a name, e.g. Spring newsletter sign-up',
		);
		expect(await refused({ resource: 'leadForm', operation: 'getAll', returnAll: true, leadFormFilters: { q: '={{ $json.lookup }}' } })).toBe(
			'Filters > Search: must be text, got an object',
		);
	});
});

describe('Media URLs: commas inside URLs', () => {
	const CLOUDINARY = 'https://res.cloudinary.com/demo/image/upload/w_300,h_200,c_crop/sample.jpg';

	it.each([
		['a comma before the next URL', `${CLOUDINARY},https://example.com/b.png`],
		['a comma and a space', `${CLOUDINARY}, https://example.com/b.png`],
		['one URL per line', `${CLOUDINARY}\nhttps://example.com/b.png\n`],
		['a trailing comma', `${CLOUDINARY}, https://example.com/b.png,`],
	])('keeps a Cloudinary-style URL whole with %s', async (_how, mediaUrls) => {
		await runSakari({ parameters: send({ messageOptions: { type: 'MMS', mediaUrls } }), credentials });
		expect((apiRequests(sandbox)[0].body as IDataObject).media).toEqual([{ url: CLOUDINARY }, { url: 'https://example.com/b.png' }]);
	});

	it('still refuses a part that is no URL, naming it', async () => {
		const error = await rejectionOf(
			runSakari({ parameters: send({ messageOptions: { mediaUrls: 'https://example.com/a.png\nreceipt.png' } }), credentials }),
		);
		expect(error.message).toBe('Media URLs: "receipt.png" is not an http(s) URL');
	});
});
