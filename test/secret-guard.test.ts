/**
 * The request path's secret guard: no operation outputs the API client's Client Secret or `apiCredentials`, even
 * from a server that echoes the secret everywhere (sandbox `echoSecret`: as a value, inside text, as a key, in
 * nested lists, URL-encoded in a link, in error messages). Each operation runs through n8n's RoutingNode.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { everythingShownOf, rejectionOf } from './helpers/leaks';
import { CredentialStore, byId, runSakari } from './helpers/routing';
import { SANDBOX_ACCOUNT, sakariAnswer, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

// Characters that JSON, URLs and regular expressions treat specially, so every form of it is exercised.
const SECRET = 'Sëcret/+with.*chars?&=2026';
const SECRET_FORMS = [SECRET, encodeURIComponent(SECRET), JSON.stringify(SECRET).slice(1, -1)];

let sandbox: Sandbox;
let credentials: CredentialStore;

useSandbox(
	(started) => {
		sandbox = started;
		credentials = new CredentialStore({ ...SANDBOX_ACCOUNT, clientSecret: SECRET, baseUrl: sandbox.url });
	},
	{ clientSecret: SECRET, echoSecret: true, otherAccounts: 2 },
);

/** Everything a user could see of a run's output: each item's JSON and, for error items, the whole error. */
const shown = (items: INodeExecutionData[]) => items.map((item) => JSON.stringify(item.json) + (item.error ? everythingShownOf(item.error) : '')).join('\n');

function expectNoSecret(text: string): void {
	for (const form of SECRET_FORMS) expect(text.includes(form) ? `leaked ${form}` : 'clean').toBe('clean');
	expect(text).not.toContain('apiCredentials');
}

const contact = (parameters: INodeParameters = {}): INodeParameters => ({ resource: 'contact', operation: 'create', mobileNumber: '={{ $json.phone }}', mobileCountry: 'US', ...parameters });
const send = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	sendTo: 'mobileNumber',
	toMobileNumber: '={{ $json.phone }}',
	toMobileCountry: 'US',
	message: 'Hi {{{firstName}}}',
	...parameters,
});
const oneItem = [{ json: {} }];
const rows = [{ json: { phone: '(347) 555-0101' } }, { json: { phone: '+44 7700 900123' } }];

it('the sandbox really echoes the secret (so the cases below can fail)', async () => {
	const account = JSON.stringify(await sakariAnswer(sandbox, 'GET', '/v1/accounts/acc_sandbox'));
	expect(account).toContain(`"apiCredentials":{"id":"sandbox-client","secret":${JSON.stringify(SECRET)}}`);
	expect(account).toContain(`"clientSecret":${JSON.stringify(SECRET)}`);
	expect(account).toContain(encodeURIComponent(SECRET));
});

it.each<[string, INodeParameters, INodeExecutionData[]]>([
	['Account → Get', { resource: 'account', operation: 'get' }, oneItem],
	['Account → Get Many', { resource: 'account', operation: 'getAll', returnAll: true }, oneItem],
	['Contact → Create or Update', contact(), rows],
	['Contact → Create or Update, Import in Bulk', contact({ bulkImport: true }), rows],
	['Contact → Get Many', { resource: 'contact', operation: 'getAll', returnAll: true }, oneItem],
	['Message → Send', send(), rows],
	['Message → Send in Bulk', send({ bulkSend: true }), rows],
	['Campaign → Create', { resource: 'campaign', operation: 'create', campaignName: 'Spring', campaignTemplate: 'Hi' }, oneItem],
	['Template → Create', { resource: 'template', operation: 'create', name: 'Welcome', template: 'Hi', type: 'SMS' }, oneItem],
])('%s outputs neither the secret nor apiCredentials', async (_name, parameters, items) => {
	sandbox.seed(3);
	const output = await runSakari({ parameters, items, credentials });
	expect(output.length).toBeGreaterThan(0);
	expect(output.every((item) => !item.error)).toBe(true);
	expectNoSecret(shown(output));
	// The echoes are there, made harmless: the secret as a whole value and inside text.
	expect(output[0].json).toMatchObject({ clientSecret: '[redacted]', echo: { note: 'the secret is [redacted], see?', list: ['[redacted]', { deeper: '[redacted]' }] } });
	expect(output[0].json['[redacted]']).toBe('a key that is the secret');
});

it('keeps what merely resembles the secret', async () => {
	const name = SECRET.slice(0, 7);
	const output = await runSakari({ parameters: { resource: 'template', operation: 'create', name, template: `Hi ${SECRET.slice(1)}`, type: 'SMS' }, items: oneItem, credentials });
	expect(output[0].json).toMatchObject({ name, template: `Hi ${SECRET.slice(1)}` });
});

it('with continue-on-fail, an error item never shows the secret Sakari put into its error message', async () => {
	const output = await runSakari({
		parameters: { resource: 'contact', operation: 'get', contactId: byId('ct_missing') },
		items: [{ json: {} }, { json: {} }],
		credentials,
		continueOnFail: true,
	});
	expect(output.map((item) => [item.error?.message, item.pairedItem])).toEqual([
		['Invalid contact id (client secret [redacted]) (CONT-003)', { item: 0 }],
		['Invalid contact id (client secret [redacted]) (CONT-003)', { item: 1 }],
	]);
	expectNoSecret(shown(output));
});

it('a failed run never shows the secret in its error', async () => {
	const error = await rejectionOf(runSakari({ parameters: { resource: 'campaign', operation: 'get', campaignId: byId('cmp_missing') }, credentials }));
	expect(error.message).toBe('Invalid campaign id (client secret [redacted]) (CAMP-001)');
	expectNoSecret(everythingShownOf(error));
});

it('nor the access token: a contact Sakari stores with the token as its name comes out without it', async () => {
	await runSakari({ parameters: contact({ additionalFields: { firstName: 'Ada', lastName: 'Lovelace' } }), items: [{ json: { phone: '(347) 555-0101' } }], credentials });
	// The node's own token, as n8n stored it after the first request.
	const token = String(credentials.data.accessToken);
	expect(token.length).toBeGreaterThan(20);
	await runSakari({ parameters: contact({ additionalFields: { firstName: token, lastName: `Bearer ${token}` } }), items: [{ json: { phone: '+44 7700 900123' } }], credentials });
	const output = await runSakari({ parameters: { resource: 'contact', operation: 'getAll', returnAll: true }, items: oneItem, credentials });
	expect(shown(output).includes(token) ? 'leaked the token' : 'clean').toBe('clean');
	expect(output.map((item) => [item.json.firstName, item.json.lastName])).toEqual([
		['Ada', 'Lovelace'],
		['[redacted]', 'Bearer [redacted]'],
	]);
});
