import type { IExecuteSingleFunctions, IN8nHttpFullResponse, INode, INodeParameters } from 'n8n-workflow';

import { outputQueuedMessages } from '../nodes/Sakari/resources/message/send';
import { rejectionOf } from './helpers/leaks';
import { CredentialStore, byId, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

const PATH = '/v1/accounts/acc_sandbox/messages';
const OPTED_OUT = '+13475550199';
// The sandbox treats numbers ending in 0000 as landlines (MSG-020).
const LANDLINE = '+13475550000';
const send = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	toMobileNumber: '+13475550101',
	toMobileCountry: 'US',
	message: 'Hi {{{firstName}}}',
	...parameters,
});

async function createContact(number: string, firstName: string): Promise<string> {
	const [output] = await runSakari({
		parameters: { resource: 'contact', operation: 'create', mobileNumber: number, mobileCountry: 'US', additionalFields: { firstName } },
		credentials,
	});
	return output.json.id as string;
}

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

beforeEach(() => {
	sandbox.reset({ seedContacts: 0, optedOutMobiles: [OPTED_OUT] } as { seedContacts: number });
});

describe('Message → Send: what Sakari receives', () => {
	it('texts a mobile number: one recipient, the template verbatim, and outputs the queued message paired', async () => {
		await createContact('+13475550101', 'Ada');
		sandbox.clearRequests();
		const output = await runSakari({ parameters: send(), credentials });

		const [request] = apiRequests(sandbox);
		expect(apiRequests(sandbox)).toHaveLength(1);
		expect(request.method).toBe('POST');
		expect(request.path).toBe(PATH);
		expect(request.query).toEqual({});
		expect(request.body).toEqual({
			contacts: [{ mobile: { number: '+13475550101', country: 'US' } }],
			template: 'Hi {{{firstName}}}',
		});
		expect(output).toEqual([
			{
				json: expect.objectContaining({ id: expect.any(String), message: 'Hi Ada', template: 'Hi {{{firstName}}}', status: 'Queued' }),
				pairedItem: { item: 0 },
			},
		]);
		expect(output[0].json).not.toHaveProperty('invalidRecipients');
	});

	it.each([
		['fixed text', 'Hi {{{firstName}}}, {{lastName}} - {{ $json.x }}'],
		['an expression whose result has braces', '={{ $json.text }}'],
	])('sends Sakari placeholders in %s as they are, never as n8n expressions', async (_case, template) => {
		const literal = 'Hi {{{firstName}}}, {{lastName}} - {{ $json.x }}';
		await runSakari({ parameters: send({ message: template }), items: [{ json: { text: literal, x: 'NO' } }], credentials });
		expect((apiRequests(sandbox)[0].body as { template: string }).template).toBe(literal);
	});

	it("sends a placeholder written as {{ '{{{' }}firstName}}} inside an expression, as the field's hint says", async () => {
		await runSakari({
			parameters: send({ message: "=Hi {{ '{{{' }}firstName}}}, order {{ $json.order }} shipped" }),
			items: [{ json: { order: 'A-17' } }],
			credentials,
		});
		expect((apiRequests(sandbox)[0].body as { template: string }).template).toBe('Hi {{{firstName}}}, order A-17 shipped');
	});

	it('tidies the number and country like Contact → Create', async () => {
		await runSakari({ parameters: send({ toMobileNumber: ' (347) 555-0102 ', toMobileCountry: 'us' }), credentials });
		expect((apiRequests(sandbox)[0].body as { contacts: unknown }).contacts).toEqual([
			{ mobile: { number: '(347) 555-0102', country: 'US' } },
		]);
	});

	it('texts a contact picked from the list, by ID', async () => {
		const id = await createContact('+13475550103', 'Grace');
		sandbox.clearRequests();
		const output = await runSakari({
			parameters: send({ sendTo: 'contact', toContactId: byId(id, 'list'), message: 'Hello {{{firstName}}}' }),
			credentials,
		});
		expect(apiRequests(sandbox)[0].body).toEqual({ contacts: [{ id }], template: 'Hello {{{firstName}}}' });
		expect(output[0].json).toMatchObject({ message: 'Hello Grace', contact: { id } });
	});

	it('replies in a conversation', async () => {
		const [first] = await runSakari({ parameters: send({ toMobileNumber: '+13475550104' }), credentials });
		const conversationId = (first.json.conversation as { id: string }).id;
		sandbox.clearRequests();
		const output = await runSakari({
			parameters: send({ sendTo: 'conversation', toConversationId: byId(` ${conversationId} `), message: 'Thanks!' }),
			credentials,
		});
		expect(apiRequests(sandbox)[0].body).toEqual({ conversations: [conversationId], template: 'Thanks!' });
		expect(output[0].json).toMatchObject({ message: 'Thanks!', conversation: { id: conversationId } });
	});

	it('sends type, media URLs as [{url}] and the sending number group', async () => {
		await runSakari({
			parameters: send({
				messageOptions: {
					type: 'MMS',
					mediaUrls: 'https://example.com/a.png, https://example.com/b.jpg?x=1\nhttps://example.com/c.gif',
					phoneNumberGroupId: ' grp_1 ',
				},
			}),
			credentials,
		});
		expect(apiRequests(sandbox)[0].body).toEqual({
			contacts: [{ mobile: { number: '+13475550101', country: 'US' } }],
			template: 'Hi {{{firstName}}}',
			type: 'MMS',
			media: [{ url: 'https://example.com/a.png' }, { url: 'https://example.com/b.jpg?x=1' }, { url: 'https://example.com/c.gif' }],
			phoneNumberFilter: { group: { id: 'grp_1' } },
		});
	});

	it('sends one message per input item, each output paired to its item', async () => {
		const items = ['+13475550111', '+13475550112', '+13475550113'].map((number) => ({ json: { number } }));
		const output = await runSakari({ parameters: send({ toMobileNumber: '={{ $json.number }}' }), items, credentials });
		expect(output.map((item) => [(item.json.contact as { mobile: { number: string } }).mobile.number, item.pairedItem])).toEqual([
			['+13475550111', { item: 0 }],
			['+13475550112', { item: 1 }],
			['+13475550113', { item: 2 }],
		]);
	});
});

describe('Message → Send: refused recipients and errors', () => {
	it("fails an opted-out recipient with Sakari's CONT-010 instead of reporting success", async () => {
		const error = await rejectionOf(runSakari({ parameters: send({ toMobileNumber: OPTED_OUT }), credentials }));
		expect(error.message).toBe('Contact has requested no further communication (CONT-010)');
		expect(error.description).toContain('opted out');
		expect(error.constructor.name).toBe('NodeApiError');
		expect(sandbox.state().messages).toHaveLength(0);
	});

	it('fails a landline with MSG-020, and continue-on-fail turns it into an error item beside the sent ones', async () => {
		const items = [{ json: { number: '+13475550121' } }, { json: { number: LANDLINE } }, { json: { number: OPTED_OUT } }];
		const output = await runSakari({
			parameters: send({ toMobileNumber: '={{ $json.number }}' }),
			items,
			credentials,
			continueOnFail: true,
		});
		expect(output).toHaveLength(3);
		expect(output[0]).toMatchObject({ json: { status: 'Queued' }, pairedItem: { item: 0 } });
		expect(output[1].json).toEqual({});
		expect(output[1].error?.message).toBe('Unable to send to a landline (MSG-020)');
		expect(output[2].error?.message).toBe('Contact has requested no further communication (CONT-010)');
		// Each was sent exactly once: a refused recipient is an answer, not a failure to retry.
		expect(apiRequests(sandbox)).toHaveLength(3);
	});

	it.each([
		[{ sendTo: 'contact', toContactId: byId('ct_missing') }, 'Invalid contact id (CONT-003)'],
		[{ sendTo: 'conversation', toConversationId: byId('cv_missing') }, 'Invalid conversation id (CONV-001)'],
	])('fails an unknown recipient ID %j', async (parameters, message) => {
		const error = await rejectionOf(runSakari({ parameters: send(parameters), credentials }));
		expect(error.message).toBe(message);
	});

	it('reports an invalid number (HTTP 400 CONT-001 from Sakari) by its code', async () => {
		const error = await rejectionOf(runSakari({ parameters: send({ toMobileNumber: '+1555012' }), credentials }));
		expect(error.message).toBe('Invalid mobile number (CONT-001)');
	});

	it('never repeats a send after a server error, because the text may already be on its way', async () => {
		sandbox.injectFault({ kind: 'status', status: 503, times: 5, match: { path: '/messages' } });
		const error = await rejectionOf(runSakari({ parameters: send(), credentials }));
		expect(error.httpCode).toBe('503');
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it.each([
		[{ message: '  ' }, 'Message: is empty'],
		[{ toMobileNumber: '' }, 'Mobile Number: is empty'],
		[{ toMobileNumber: 'call me' }, 'Mobile Number: "call me" may only contain digits'],
		[{ sendTo: 'contact', toContactId: byId(' ') }, 'Contact: is empty'],
		[{ sendTo: 'conversation', toConversationId: byId('') }, 'Conversation: is empty'],
		[{ messageOptions: { mediaUrls: 'https://example.com/a.png, ftp://example.com/b' } }, 'Media URLs: "ftp://example.com/b" is not an http(s) URL'],
	])('rejects %j before sending anything', async (parameters, message) => {
		const error = await rejectionOf(runSakari({ parameters: send(parameters as INodeParameters), credentials }));
		expect(error.message).toContain(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('Message → Send: output of a partly refused send', () => {
	const context = {
		getItemIndex: () => 2,
		getNode: () => ({ name: 'Sakari', type: 'n8n-nodes-sakari.sakari', typeVersion: 1, parameters: {} }) as unknown as INode,
	} as unknown as IExecuteSingleFunctions;
	const answer = (data: unknown): IN8nHttpFullResponse => ({ statusCode: 200, headers: {}, body: { success: true, data } });
	const refused = { contact: { id: 'ct_2' }, error: { code: 'CONT-010', description: 'Contact has requested no further communication' } };

	it('outputs the queued messages with the refused recipients beside them, paired to the input', async () => {
		const output = await outputQueuedMessages.call(
			context,
			[],
			answer({ messages: [{ id: 'msg_1' }], jobId: 'job_1', requested: 2, valid: 1, invalid: [refused] }),
		);
		expect(output).toEqual([{ json: { id: 'msg_1', invalidRecipients: [refused] }, pairedItem: { item: 2 } }]);
	});

	it('fails when Sakari queued nothing, even without saying why', async () => {
		const error = await rejectionOf(
			outputQueuedMessages.call(context, [], answer({ messages: [], jobId: 'job_1', requested: 1, valid: 0, invalid: [] })),
		);
		expect(error.message).toBe('Sakari queued no message for this recipient');
	});
});

describe('Message → Get and Get Many', () => {
	it('gets a message by ID', async () => {
		const [sent] = await runSakari({ parameters: send(), credentials });
		sandbox.clearRequests();
		const output = await runSakari({
			parameters: { resource: 'message', operation: 'get', messageId: sent.json.id as string },
			credentials,
		});
		expect(apiRequests(sandbox).map(({ method, path }) => `${method} ${path}`)).toEqual([`GET ${PATH}/${sent.json.id as string}`]);
		expect(output).toEqual([{ json: expect.objectContaining({ id: sent.json.id, message: sent.json.message }), pairedItem: { item: 0 } }]);
	});

	it('reports an unknown message ID by its code, and an empty one before sending', async () => {
		const unknown = await rejectionOf(runSakari({ parameters: { resource: 'message', operation: 'get', messageId: 'msg/x' }, credentials }));
		expect(unknown.message).toBe('Invalid message id (MSG-001)');
		expect(apiRequests(sandbox)[0].path).toBe(`${PATH}/msg%2Fx`);
		sandbox.clearRequests();
		const empty = await rejectionOf(runSakari({ parameters: { resource: 'message', operation: 'get', messageId: '' }, credentials }));
		expect(empty.message).toBe('Message ID: is empty; enter the ID of a message, e.g. from Message → Send');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('lists messages of one contact or one conversation, in pages', async () => {
		const items = Array.from({ length: 130 }, (_, index) => ({ json: { number: `+1347556${String(1000 + index)}` } }));
		const sent = await runSakari({ parameters: send({ toMobileNumber: '={{ $json.number }}' }), items, credentials });
		const { contact, conversation } = sent[5].json as { contact: { id: string }; conversation: { id: string } };
		sandbox.clearRequests();

		const all = await runSakari({ parameters: { resource: 'message', operation: 'getAll', returnAll: true }, credentials });
		expect(all).toHaveLength(130);
		expect(apiRequests(sandbox).map((request) => request.query)).toEqual([
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '100' },
		]);

		sandbox.clearRequests();
		const mine = await runSakari({
			parameters: { resource: 'message', operation: 'getAll', limit: 10, messageFilters: { contactId: contact.id, conversationId: conversation.id } },
			credentials,
		});
		expect(apiRequests(sandbox)[0]).toMatchObject({
			method: 'GET',
			path: PATH,
			query: { contactId: contact.id, conversationId: conversation.id, offset: '0', limit: '10' },
		});
		expect(mine).toEqual([{ json: expect.objectContaining({ id: sent[5].json.id }), pairedItem: { item: 0 } }]);
	});
});
