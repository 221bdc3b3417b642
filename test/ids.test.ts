import type { INodeParameters } from 'n8n-workflow';

import { rejectionOf } from './helpers/leaks';
import { CredentialStore, byId, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

// Every operation that puts an ID into a URL or a body, with the parameter and the field name the error must use.
const operations: Array<[string, (id: string) => INodeParameters, string]> = [
	['Contact → Get', (id) => ({ resource: 'contact', operation: 'get', contactId: byId(id) }), 'Contact'],
	['Contact → Delete', (id) => ({ resource: 'contact', operation: 'delete', contactId: byId(id) }), 'Contact'],
	[
		'Contact → Update',
		(id) => ({ resource: 'contact', operation: 'update', contactId: byId(id), updateFields: { firstName: 'X' } }),
		'Contact',
	],
	['Conversation → Get', (id) => ({ resource: 'conversation', operation: 'get', conversationId: byId(id) }), 'Conversation'],
	['Conversation → Close', (id) => ({ resource: 'conversation', operation: 'close', conversationId: byId(id, 'list') }), 'Conversation'],
	['Message → Get', (id) => ({ resource: 'message', operation: 'get', messageId: id }), 'Message ID'],
	[
		'Message → Send to a contact',
		(id) => ({ resource: 'message', operation: 'send', sendTo: 'contact', toContactId: byId(id), message: 'Hi' }),
		'Contact',
	],
	[
		'Message → Send to a conversation',
		(id) => ({ resource: 'message', operation: 'send', sendTo: 'conversation', toConversationId: byId(id), message: 'Hi' }),
		'Conversation',
	],
	['Template → Get', (id) => ({ resource: 'template', operation: 'get', templateId: byId(id) }), 'Template'],
	['Template → Delete', (id) => ({ resource: 'template', operation: 'delete', templateId: byId(id) }), 'Template'],
	[
		'Template → Update',
		(id) => ({ resource: 'template', operation: 'update', templateId: byId(id), templateUpdateFields: { name: 'X' } }),
		'Template',
	],
];

// `.` and `..` would be resolved by the URL parser: `GET …/contacts/..` is `GET …/accounts/{id}/`, the account.
const badIds: Array<[string, string]> = [
	['..', 'is not an ID'],
	['.', 'is not an ID'],
	['', 'is empty'],
	['   ', 'is empty'],
	['ct_1\nct_2', 'contains spaces or control characters'],
	['ct\u0000', 'contains spaces or control characters'],
	['ct 1', 'contains spaces or control characters'],
	['x'.repeat(5000), 'is too long for an ID'],
];

describe('IDs are checked before any request, for every operation that takes one', () => {
	describe.each(operations)('%s', (_name, parameters, field) => {
		it.each(badIds)('refuses %j naming the field', async (id, problem) => {
			const error = await rejectionOf(runSakari({ parameters: parameters(id), credentials }));
			expect(error.message).toContain(`${field}: `);
			expect(error.message).toContain(problem);
			expect(error.message.length).toBeLessThan(200);
			expect(apiRequests(sandbox)).toHaveLength(0);
		});
	});

	it('still sends a normal ID, trimmed and URL-encoded as one path segment', async () => {
		await rejectionOf(runSakari({ parameters: { resource: 'contact', operation: 'get', contactId: byId(' a/b?c ') }, credentials }));
		expect(apiRequests(sandbox).map((request) => request.path)).toEqual(['/v1/accounts/acc_sandbox/contacts/a%2Fb%3Fc']);
	});

	it('checks an ID that an expression gives, per item, and continue-on-fail keeps the good items', async () => {
		const output = await runSakari({
			parameters: { resource: 'contact', operation: 'get', contactId: byId('={{ $json.id }}') },
			items: [{ json: { id: '..' } }, { json: { id: 'ct_missing' } }],
			credentials,
			continueOnFail: true,
		});
		expect(output[0].error?.message).toBe('Contact: ".." is not an ID; pick a contact from the list or enter its ID');
		expect(output[1].error?.message).toBe('Invalid contact id (CONT-003)');
		expect(apiRequests(sandbox).map((request) => request.path)).toEqual(['/v1/accounts/acc_sandbox/contacts/ct_missing']);
	});
});
