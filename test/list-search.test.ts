/**
 * The resource locators' list searches, run in n8n-core's own LoadOptionsContext (what the editor uses to
 * fill "From List") against the sandbox, with the same credential store as the RoutingNode tests.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions, INode, INodeListSearchResult, INodeType, INodeTypes, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { contactQuery } from '../nodes/Sakari/methods/listSearch';
import { Sakari } from '../nodes/Sakari/Sakari.node';
import { expectNoSecrets, rejectionOf } from './helpers/leaks';
import { CREDENTIAL_TYPE, CredentialStore, NODE_TYPE, runSakari } from './helpers/routing';
import { SANDBOX_ACCOUNT, apiRequests, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;
const sakari = new Sakari();

type SearchMethod =
	| 'searchCampaigns'
	| 'searchContacts'
	| 'searchConversations'
	| 'searchLeadForms'
	| 'searchLeadFormTemplates'
	| 'searchLinks'
	| 'searchTemplates';

/** Calls one listSearch method the way the editor does. */
async function search(method: SearchMethod, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'sakari-node',
		name: 'Sakari',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'contact', operation: 'get' },
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Sakari sandbox' } },
	};
	const nodeTypes = { getByNameAndVersion: () => sakari as INodeType, getByName: () => sakari as INodeType } as unknown as INodeTypes;
	const workflow = new Workflow({ id: 'test-workflow', nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = { credentialsHelper: credentials, restApiUrl: 'http://127.0.0.1/rest', instanceBaseUrl: 'http://127.0.0.1/', variables: {} } as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'contactId') as ILoadOptionsFunctions;
	return await sakari.methods.listSearch[method].call(context, filter, paginationToken);
}

const queries = () => apiRequests(sandbox).map(({ path, query }) => ({ path, query }));

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

describe('the node wires its resource locators to list searches', () => {
	it.each([
		['contactId', 'searchContacts'],
		['conversationId', 'searchConversations'],
		['templateId', 'searchTemplates'],
		['campaignId', 'searchCampaigns'],
		['leadFormId', 'searchLeadForms'],
		['leadFormTemplate', 'searchLeadFormTemplates'],
		['linkId', 'searchLinks'],
	])('%s lists with %s, or takes an ID', (name, method) => {
		const locators = sakari.description.properties.filter((property) => property.name === name);
		expect(locators.length).toBeGreaterThan(0);
		for (const locator of locators) {
			expect(locator.type).toBe('resourceLocator');
			expect(locator.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
			expect(locator.modes?.[0].typeOptions?.searchListMethod).toBe(method);
			expect(sakari.methods.listSearch[method as SearchMethod]).toBeInstanceOf(Function);
		}
	});
});

describe('searchContacts', () => {
	it('lists contacts as "First Last (number)" by ID, 100 a page, with the next offset as token', async () => {
		sandbox.reset({ seedContacts: 150 });
		const first = await search('searchContacts');
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: expect.stringMatching(/^\w+ [\w-]+ \(\+1347\d{7}\)$/), value: expect.stringMatching(/^ct_/) });
		expect(first.paginationToken).toBe('100');

		const second = await search('searchContacts', undefined, first.paginationToken);
		expect(second.results).toHaveLength(50);
		expect(second.paginationToken).toBeUndefined();
		expect(queries()).toEqual([
			{ path: '/v1/accounts/acc_sandbox/contacts', query: { offset: '0', limit: '100' } },
			{ path: '/v1/accounts/acc_sandbox/contacts', query: { offset: '100', limit: '100' } },
		]);
		expect(apiRequests(sandbox)[0].headers.authorization).toMatch(/^Bearer /);
	});

	it('turns what the user types into Sakari filters', async () => {
		await runSakari({
			parameters: { resource: 'contact', operation: 'create', mobileNumber: '+13475550101', mobileCountry: 'US', additionalFields: { firstName: 'Ada', lastName: 'Lovelace' } },
			credentials,
		});
		sandbox.clearRequests();
		expect((await search('searchContacts', 'ada')).results).toEqual([{ name: 'Ada Lovelace (+13475550101)', value: 'ct_000001' }]);
		expect((await search('searchContacts', 'Ada Love')).results).toHaveLength(1);
		expect((await search('searchContacts', '(347) 555-0101')).results).toHaveLength(1);
		expect((await search('searchContacts', 'grace')).results).toEqual([]);
		expect(queries().map((request) => request.query)).toEqual([
			{ firstName: 'ada', offset: '0', limit: '100' },
			{ firstName: 'Ada', lastName: 'Love', offset: '0', limit: '100' },
			{ mobile: '3475550101', offset: '0', limit: '100' },
			{ firstName: 'grace', offset: '0', limit: '100' },
		]);
	});

	it.each([
		['', {}],
		['  ', {}],
		['+1 347 555', { mobile: '+1347555' }],
		['ada@example.com', { email: 'ada@example.com' }],
		['Ada', { firstName: 'Ada' }],
		['Ada  King Lovelace', { firstName: 'Ada', lastName: 'King Lovelace' }],
	])('contactQuery(%j) is %j', (typed, query) => {
		expect(contactQuery(typed)).toEqual(query);
	});

	it("reports Sakari's error clearly", async () => {
		credentials = new CredentialStore({ ...SANDBOX_ACCOUNT, accountId: 'acc_other', baseUrl: sandbox.url });
		const error = await rejectionOf(search('searchContacts'));
		expect(error.message).toBe('Account ID is invalid (ACCT-008)');
	});
});

describe('searchConversations and searchTemplates', () => {
	it("lists conversations by their contact, matching the typed text against the contact's name and number", async () => {
		const items = ['+13475550111', '+13475550112'].map((number) => ({ json: { number } }));
		await runSakari({
			parameters: { resource: 'message', operation: 'send', toMobileNumber: '={{ $json.number }}', message: 'Hi' },
			items,
			credentials,
		});
		const all = await search('searchConversations');
		expect(all.results.map((result) => result.name).sort()).toEqual(['+13475550111', '+13475550112']);
		expect(all.results.every((result) => String(result.value).startsWith('cv_'))).toBe(true);
		expect((await search('searchConversations', '0112')).results.map((result) => result.name)).toEqual(['+13475550112']);
	});

	it('lists templates by name, filtered by Sakari', async () => {
		await runSakari({
			parameters: { resource: 'template', operation: 'create', name: '={{ $json.name }}', template: 'Hi {{{firstName}}}' },
			items: [{ json: { name: 'Order shipped' } }, { json: { name: 'Welcome' } }],
			credentials,
		});
		sandbox.clearRequests();
		const found = await search('searchTemplates', 'order');
		expect(found).toEqual({ results: [{ name: 'Order shipped', value: 'tpl_000001', description: 'Hi {{{firstName}}}' }], paginationToken: undefined });
		expect(queries()[0].query).toEqual({ name: 'order', offset: '0', limit: '100' });
	});
});

describe('entries Sakari filled with the credential (a contact named with the token, a template with the secret)', () => {
	it('show neither the Client Secret nor the access token; everything else as Sakari answered it', async () => {
		await runSakari({ parameters: { resource: 'contact', operation: 'create', mobileNumber: '+13475550101', mobileCountry: 'US', additionalFields: { firstName: 'Ada', lastName: 'Lovelace' } }, credentials });
		// The node's own token, as n8n stored it after the first request.
		const token = String(credentials.data.accessToken);
		const secret = SANDBOX_ACCOUNT.clientSecret;
		expect(token.length).toBeGreaterThan(20);
		await runSakari({ parameters: { resource: 'contact', operation: 'create', mobileNumber: '+447700900123', mobileCountry: 'GB', additionalFields: { firstName: token, lastName: secret } }, credentials });
		await runSakari({ parameters: { resource: 'template', operation: 'create', name: secret, template: `Your code: ${token}` }, credentials });
		await runSakari({ parameters: { resource: 'template', operation: 'create', name: 'Welcome', template: 'Hi {{{firstName}}}' }, credentials });

		const contacts = await search('searchContacts');
		const templates = await search('searchTemplates');
		expectNoSecrets(JSON.stringify([contacts, templates]), [secret, token]);
		expect(contacts.results).toEqual([
			{ name: 'Ada Lovelace (+13475550101)', value: 'ct_000001' },
			{ name: '[redacted] [redacted] (+447700900123)', value: 'ct_000002' },
		]);
		expect(templates.results).toEqual([
			{ name: '[redacted]', value: 'tpl_000001', description: 'Your code: [redacted]' },
			{ name: 'Welcome', value: 'tpl_000002', description: 'Hi {{{firstName}}}' },
		]);
	});
});

describe('searchCampaigns', () => {
	it('lists campaigns by name with their ID, the typed text as Sakari\'s name filter', async () => {
		await runSakari({
			parameters: { resource: 'campaign', operation: 'create', campaignName: '={{ $json.name }}', campaignTemplate: 'Hi {{{firstName}}}' },
			items: [{ json: { name: 'Sale spring' } }, { json: { name: 'Sale autumn' } }, { json: { name: 'Welcome' } }],
			credentials,
		});
		sandbox.clearRequests();
		const found = await search('searchCampaigns', 'sale');
		expect(queries()).toEqual([{ path: '/v1/accounts/acc_sandbox/campaigns', query: { name: 'sale', offset: '0', limit: '100' } }]);
		expect(found).toEqual({
			results: [
				{ name: 'Sale spring', value: 'cmp_000001', description: 'Hi {{{firstName}}}' },
				{ name: 'Sale autumn', value: 'cmp_000002', description: 'Hi {{{firstName}}}' },
			],
			paginationToken: undefined,
		});
	});
});

describe('searchLeadForms, searchLeadFormTemplates and searchLinks', () => {
	it("lists lead forms by name with whether they are live, the typed text as Sakari's q", async () => {
		const created = await runSakari({
			parameters: { resource: 'leadForm', operation: 'create', leadFormName: '={{ $json.name }}' },
			items: [{ json: { name: 'Spring sign-up' } }, { json: { name: 'Autumn sign-up' } }, { json: { name: 'Contact us' } }],
			credentials,
		});
		await runSakari({ parameters: { resource: 'leadForm', operation: 'activate', leadFormId: { __rl: true, mode: 'id', value: String(created[0].json.id) } }, credentials });
		sandbox.clearRequests();
		const found = await search('searchLeadForms', ' sign-up ');
		expect(queries()).toEqual([{ path: '/v1/accounts/acc_sandbox/forms', query: { q: 'sign-up', offset: '0', limit: '100' } }]);
		expect(found).toEqual({
			results: [
				{ name: 'Spring sign-up', value: 'frm_000001', description: 'Active' },
				{ name: 'Autumn sign-up', value: 'frm_000002', description: 'Inactive' },
			],
			paginationToken: undefined,
		});
	});

	it('lists the form templates by name', async () => {
		const found = await search('searchLeadFormTemplates');
		expect(queries()).toEqual([{ path: '/v1/accounts/acc_sandbox/forms/templates', query: { offset: '0', limit: '100' } }]);
		expect(found.results.map((result) => [result.name, result.value])).toEqual([
			['Contact us', 'frmtpl_1'],
			['Newsletter sign-up', 'frmtpl_2'],
			['Event RSVP', 'frmtpl_3'],
		]);
	});

	it('lists links by name with their short and destination URLs, 100 a page', async () => {
		sandbox.seedLinks(120);
		const first = await search('searchLinks');
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Offer 1', value: 'lnk_000001', description: 'https://sak.ink/k1 → https://example.com/offer/1' });
		expect(first.paginationToken).toBe('100');
		const second = await search('searchLinks', 'offer', first.paginationToken);
		expect(second.results).toHaveLength(20);
		expect(second.paginationToken).toBeUndefined();
		expect(queries().map((request) => request.query)).toEqual([
			{ offset: '0', limit: '100' },
			{ q: 'offer', offset: '100', limit: '100' },
		]);
	});
});
