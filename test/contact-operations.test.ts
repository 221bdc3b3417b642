import type { INodeParameters } from 'n8n-workflow';

import { rejectionOf } from './helpers/leaks';
import { CredentialStore, byId, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

const PATH = '/v1/accounts/acc_sandbox/contacts';
const contact = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'contact',
	operation,
	...parameters,
});

/** Creates contacts straight through the node (Contact → Create), returning their IDs. */
async function createContacts(...people: Array<{ number: string; firstName?: string }>): Promise<string[]> {
	const output = await runSakari({
		parameters: contact('create', {
			mobileNumber: '={{ $json.number }}',
			mobileCountry: 'US',
			additionalFields: { firstName: '={{ $json.firstName }}' },
		}),
		items: people.map((json) => ({ json })),
		credentials,
	});
	sandbox.clearRequests();
	return output.map((item) => item.json.id as string);
}

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

describe('Contact → Get', () => {
	it('gets the contact picked from the list, unwrapped and paired', async () => {
		const [id] = await createContacts({ number: '+13475550101', firstName: 'Ada' });
		const output = await runSakari({ parameters: contact('get', { contactId: byId(id, 'list') }), credentials });

		expect(apiRequests(sandbox).map(({ method, path, query }) => ({ method, path, query }))).toEqual([
			{ method: 'GET', path: `${PATH}/${id}`, query: {} },
		]);
		expect(output).toEqual([{ json: expect.objectContaining({ id, firstName: 'Ada' }), pairedItem: { item: 0 } }]);
	});

	it('takes the ID from an expression per item, trims it and pairs each contact to its item', async () => {
		const ids = await createContacts({ number: '+13475550102', firstName: 'Ada' }, { number: '+13475550103', firstName: 'Grace' });
		const output = await runSakari({
			parameters: contact('get', { contactId: byId('={{ $json.id }}') }),
			items: [{ json: { id: ` ${ids[1]} ` } }, { json: { id: ids[0] } }],
			credentials,
		});
		expect(output.map((item) => [item.json.firstName, item.pairedItem])).toEqual([
			['Grace', { item: 0 }],
			['Ada', { item: 1 }],
		]);
	});

	it('URL-encodes the ID into one path segment', async () => {
		const error = await rejectionOf(runSakari({ parameters: contact('get', { contactId: byId('a/b?c#d') }), credentials }));
		expect(apiRequests(sandbox)[0].path).toBe(`${PATH}/a%2Fb%3Fc%23d`);
		expect(error.message).toBe('Invalid contact id (CONT-003)');
	});

	it("reports an unknown ID with Sakari's code and HTTP 404, and continue-on-fail keeps the other items", async () => {
		const [id] = await createContacts({ number: '+13475550104' });
		const error = await rejectionOf(runSakari({ parameters: contact('get', { contactId: byId('ct_missing') }), credentials }));
		expect(error.message).toBe('Invalid contact id (CONT-003)');
		expect(error.httpCode).toBe('404');
		expect(error.description).toContain('Check the ID');

		const output = await runSakari({
			parameters: contact('get', { contactId: byId('={{ $json.id }}') }),
			items: [{ json: { id: 'ct_missing' } }, { json: { id } }],
			credentials,
			continueOnFail: true,
		});
		expect(output[0].error?.message).toBe('Invalid contact id (CONT-003)');
		expect(output[1]).toMatchObject({ json: { id }, pairedItem: { item: 1 } });
	});

	it('rejects an empty ID before sending anything (it would otherwise list contacts)', async () => {
		const error = await rejectionOf(runSakari({ parameters: contact('get', { contactId: byId('  ') }), credentials }));
		expect(error.message).toBe('Contact: is empty; pick a contact from the list or enter its ID');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('Contact → Get Many', () => {
	const pages = () => apiRequests(sandbox).map(({ method, path, query }) => ({ method, path, query }));

	it('returns all 250 of 250 contacts with Return All, in three pages of at most 100', async () => {
		sandbox.reset({ seedContacts: 250 });
		const output = await runSakari({ parameters: contact('getAll', { returnAll: true }), credentials });

		expect(pages()).toEqual([
			{ method: 'GET', path: PATH, query: { offset: '0', limit: '100' } },
			{ method: 'GET', path: PATH, query: { offset: '100', limit: '100' } },
			{ method: 'GET', path: PATH, query: { offset: '200', limit: '100' } },
		]);
		expect(output).toHaveLength(250);
		expect(new Set(output.map((item) => item.json.id)).size).toBe(250);
		expect(output.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(output[0].json).toMatchObject({ id: expect.any(String), mobile: { number: expect.any(String) } });
	});

	it('asks for one page when the limit is under 100', async () => {
		sandbox.reset({ seedContacts: 250 });
		const output = await runSakari({ parameters: contact('getAll', { returnAll: false, limit: 30 }), credentials });
		expect(pages()).toEqual([{ method: 'GET', path: PATH, query: { offset: '0', limit: '30' } }]);
		expect(output).toHaveLength(30);
	});

	it('asks for two pages (100 + 50) for a limit of 150', async () => {
		sandbox.reset({ seedContacts: 250 });
		const output = await runSakari({ parameters: contact('getAll', { returnAll: false, limit: 150 }), credentials });
		expect(pages().map((request) => request.query)).toEqual([
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '50' },
		]);
		expect(output).toHaveLength(150);
	});

	it('uses a limit of 50 when none is set', async () => {
		sandbox.reset({ seedContacts: 60 });
		const output = await runSakari({ parameters: contact('getAll'), credentials });
		expect(output).toHaveLength(50);
		expect(pages()[0].query).toEqual({ offset: '0', limit: '50' });
	});

	it('stops on a short page', async () => {
		sandbox.reset({ seedContacts: 120 });
		const output = await runSakari({ parameters: contact('getAll', { returnAll: true }), credentials });
		expect(output).toHaveLength(120);
		expect(pages()).toHaveLength(2);
	});

	it('sends every filter as a query parameter, trimmed, alongside the paging; a blank one not at all', async () => {
		await createContacts({ number: '+13475550105', firstName: 'Ada' }, { number: '+13475550106', firstName: 'Grace' });
		const output = await runSakari({
			parameters: contact('getAll', {
				returnAll: true,
				filters: { firstName: 'ad', lastName: '  ', email: 'x@example.com ', mobile: '555', tags: 'vip,newsletter' },
			}),
			credentials,
		});
		expect(pages()[0].query).toEqual({
			firstName: 'ad',
			email: 'x@example.com',
			mobile: '555',
			tags: 'vip,newsletter',
			offset: '0',
			limit: '100',
		});
		expect(output).toEqual([]);

		sandbox.clearRequests();
		const found = await runSakari({ parameters: contact('getAll', { returnAll: true, filters: { firstName: 'gra' } }), credentials });
		expect(pages()[0].query).toEqual({ firstName: 'gra', offset: '0', limit: '100' });
		expect(found.map((item) => item.json.firstName)).toEqual(['Grace']);
	});
});

describe('Contact → Update', () => {
	it('PUTs only the fields added, checked and tidied like Create', async () => {
		const [id] = await createContacts({ number: '+13475550107', firstName: 'Ada' });
		const output = await runSakari({
			parameters: contact('update', {
				contactId: byId(id, 'list'),
				updateFields: {
					lastName: 'Lovelace',
					email: ' ada@example.com ',
					attributes: { attribute: [{ name: 'plan', value: 'gold' }] },
					lists: 'list_1, list_2',
					mobileNumber: ' (347) 555-0108 ',
					mobileCountry: 'us',
				},
			}),
			credentials,
		});

		const [request] = apiRequests(sandbox);
		expect(request.method).toBe('PUT');
		expect(request.path).toBe(`${PATH}/${id}`);
		expect(request.body).toEqual({
			lastName: 'Lovelace',
			email: 'ada@example.com',
			attributes: { plan: 'gold' },
			lists: [{ id: 'list_1' }, { id: 'list_2' }],
			mobile: { number: '(347) 555-0108', country: 'US' },
		});
		expect(output).toEqual([
			{
				json: expect.objectContaining({ id, firstName: 'Ada', lastName: 'Lovelace', mobile: expect.objectContaining({ number: '+13475550108' }) }),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends just one field when one is added', async () => {
		const [id] = await createContacts({ number: '+13475550109' });
		await runSakari({ parameters: contact('update', { contactId: byId(id), updateFields: { firstName: 'Grace' } }), credentials });
		expect(apiRequests(sandbox)[0].body).toEqual({ firstName: 'Grace' });
	});

	it.each([
		[{}, 'Update Fields: nothing to change; add at least one field'],
		[{ email: 'ada@' }, 'Email: "ada@" is not a valid email address'],
		[{ mobileNumber: 'call me', mobileCountry: 'US' }, 'Mobile Number: "call me" may only contain digits'],
		[{ mobileNumber: '+13475550110' }, 'Mobile Country: is empty'],
		[{ mobileCountry: 'GB' }, 'Mobile Number: is empty; a Mobile Country is only sent with a Mobile Number'],
	])('rejects update fields %j before sending anything', async (updateFields, message) => {
		const error = await rejectionOf(
			runSakari({ parameters: contact('update', { contactId: byId('ct_000001'), updateFields }), credentials }),
		);
		expect(error.message).toContain(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('reports an unknown ID as CONT-003', async () => {
		const error = await rejectionOf(
			runSakari({ parameters: contact('update', { contactId: byId('ct_missing'), updateFields: { firstName: 'X' } }), credentials }),
		);
		expect(error.message).toBe('Invalid contact id (CONT-003)');
		expect(apiRequests(sandbox)).toHaveLength(1);
	});
});

describe('Contact → Delete', () => {
	it('deletes each contact and outputs {success: true} paired to its item', async () => {
		const ids = await createContacts({ number: '+13475550111' }, { number: '+13475550112' });
		const output = await runSakari({
			parameters: contact('delete', { contactId: byId('={{ $json.id }}') }),
			items: ids.map((id) => ({ json: { id } })),
			credentials,
		});
		expect(apiRequests(sandbox).map(({ method, path }) => `${method} ${path}`).sort()).toEqual(
			ids.map((id) => `DELETE ${PATH}/${id}`).sort(),
		);
		expect(output).toEqual([
			{ json: { success: true }, pairedItem: { item: 0 } },
			{ json: { success: true }, pairedItem: { item: 1 } },
		]);
		expect(sandbox.state().contacts).toHaveLength(0);
	});

	it('fails an unknown ID (an error item with continue-on-fail) instead of reporting success', async () => {
		const output = await runSakari({
			parameters: contact('delete', { contactId: byId('ct_missing') }),
			credentials,
			continueOnFail: true,
		});
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({});
		expect(output[0].error?.message).toBe('Invalid contact id (CONT-003)');
	});
});
