import type { INodeParameters } from 'n8n-workflow';

import { rejectionOf } from './helpers/leaks';
import { CredentialStore, byId, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

const PATH = '/v1/accounts/acc_sandbox/conversations';
const conversation = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'conversation',
	operation,
	...parameters,
});

/** Texts `count` new numbers, which opens one conversation each; returns the conversation IDs. */
async function openConversations(count: number): Promise<string[]> {
	const items = Array.from({ length: count }, (_, index) => ({ json: { number: `+1347557${String(1000 + index)}` } }));
	const sent = await runSakari({
		parameters: { resource: 'message', operation: 'send', toMobileNumber: '={{ $json.number }}', message: 'Hi' },
		items,
		credentials,
	});
	sandbox.clearRequests();
	return sent.map((item) => (item.json.conversation as { id: string }).id);
}

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

describe('Conversation → Get', () => {
	it('gets the conversation picked from the list, paired to the input', async () => {
		const [id] = await openConversations(1);
		const output = await runSakari({ parameters: conversation('get', { conversationId: byId(id, 'list') }), credentials });
		expect(apiRequests(sandbox).map(({ method, path, query }) => ({ method, path, query }))).toEqual([
			{ method: 'GET', path: `${PATH}/${id}`, query: {} },
		]);
		expect(output).toEqual([{ json: expect.objectContaining({ id, closed: null, lastMessage: expect.objectContaining({ message: 'Hi' }) }), pairedItem: { item: 0 } }]);
	});

	it('reports an unknown ID as CONV-001 with its hint, and an empty one before sending', async () => {
		const error = await rejectionOf(runSakari({ parameters: conversation('get', { conversationId: byId('cv_missing') }), credentials }));
		expect(error.message).toBe('Invalid conversation id (CONV-001)');
		expect(error.description).toContain('conversation ID');
		sandbox.clearRequests();
		const empty = await rejectionOf(runSakari({ parameters: conversation('get', { conversationId: byId('') }), credentials }));
		expect(empty.message).toBe('Conversation: is empty; pick a conversation from the list or enter its ID');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('Conversation → Get Many', () => {
	it('returns all conversations in pages of 100', async () => {
		await openConversations(105);
		const output = await runSakari({ parameters: conversation('getAll', { returnAll: true }), credentials });
		expect(apiRequests(sandbox).map(({ method, path, query }) => ({ method, path, query }))).toEqual([
			{ method: 'GET', path: PATH, query: { offset: '0', limit: '100' } },
			{ method: 'GET', path: PATH, query: { offset: '100', limit: '100' } },
		]);
		expect(output).toHaveLength(105);
		expect(output[104].pairedItem).toEqual({ item: 0 });
	});

	it('stops at the limit', async () => {
		await openConversations(5);
		const output = await runSakari({ parameters: conversation('getAll', { limit: 3 }), credentials });
		expect(apiRequests(sandbox).map((request) => request.query)).toEqual([{ offset: '0', limit: '3' }]);
		expect(output).toHaveLength(3);
	});
});

describe('Conversation → Close', () => {
	it('PUTs …/close for each item and outputs the closed conversation paired', async () => {
		const ids = await openConversations(2);
		const output = await runSakari({
			parameters: conversation('close', { conversationId: byId('={{ $json.id }}') }),
			items: ids.map((id) => ({ json: { id } })),
			credentials,
		});
		expect(apiRequests(sandbox).map(({ method, path }) => `${method} ${path}`).sort()).toEqual(
			ids.map((id) => `PUT ${PATH}/${id}/close`).sort(),
		);
		expect(output.map((item) => [item.json.id, item.pairedItem])).toEqual([
			[ids[0], { item: 0 }],
			[ids[1], { item: 1 }],
		]);
		// Today's reference: `closed` is when it was closed.
		expect(output.every((item) => !Number.isNaN(Date.parse(item.json.closed as string)))).toBe(true);
	});

	it('fails an unknown ID with CONV-001 (an error item with continue-on-fail)', async () => {
		const output = await runSakari({
			parameters: conversation('close', { conversationId: byId('cv_missing') }),
			credentials,
			continueOnFail: true,
		});
		expect(output[0].error?.message).toBe('Invalid conversation id (CONV-001)');
	});
});
