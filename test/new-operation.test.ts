/**
 * README's "A new operation, step by step", done: a throwaway Conversation → Get Last Message is written as its own
 * operation file would be (step 1), added to the resource's list (step 2), and run through n8n's RoutingNode against
 * the sandbox (step 3). Nothing else is edited: the locator shows for it, the request path sends it.
 */
import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';

import { Sakari, resources, sakariProperties } from '../nodes/Sakari/Sakari.node';
import { close } from '../nodes/Sakari/resources/conversation/close';
import { get } from '../nodes/Sakari/resources/conversation/get';
import { getAll } from '../nodes/Sakari/resources/conversation/getAll';
import { conversationById } from '../nodes/Sakari/resources/conversation/locator';
import { pairToInput, readEnvelope } from '../nodes/Sakari/shared/send';
import { operationRequest } from '../nodes/Sakari/shared/fieldChecks';
import { resource, type Operation } from '../nodes/Sakari/shared/resource';
import { builtInPostReceive, escapes, undeclaredPosts } from './helpers/description';
import { rejectionOf } from './helpers/leaks';
import { CredentialStore, byId, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useQuickRetries, useSandbox } from './helpers/suite';

// Step 1: resources/conversation/getLastMessage.ts.
const getLastMessage: Operation = {
	option: {
		name: 'Get Last Message',
		value: 'getLastMessage',
		action: 'Get the last message of a conversation',
		description: 'The last message of one conversation, as one item',
		routing: {
			request: { method: 'GET' },
			send: {
				preSend: [
					operationRequest(function (options) {
						options.url = conversationById.path(this);
					}),
				],
			},
			output: {
				postReceive: [
					async function (this: IExecuteSingleFunctions, _items: INodeExecutionData[], response: IN8nHttpFullResponse) {
						const conversation = readEnvelope.call(this, response.body, response.statusCode).data as IDataObject;
						return pairToInput.call(this, [conversation.lastMessage as IDataObject]);
					},
				],
			},
		},
	},
	fields: [conversationById.locator],
};

// Step 2: added to the list in resources/conversation/index.ts.
const conversation = resource(
	{ name: 'Conversation', value: 'conversation', description: "A contact's message thread" },
	[close, get, getAll, getLastMessage],
	'get',
);
const withNewOperation = resources.map((each) => (each.option.value === 'conversation' ? conversation : each));

/** The Sakari node with the new operation, as n8n would load it. */
function nodeWithNewOperation(): Sakari {
	const node = new Sakari();
	node.description = { ...node.description, ...sakariProperties(withNewOperation) };
	return node;
}

let sandbox: Sandbox;
let credentials: CredentialStore;
useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});
useQuickRetries();

const parameters = (id: string) => ({ resource: 'conversation', operation: 'getLastMessage', conversationId: byId(id) });

it('needs no other edit: the locator shows for it, and the request path checks pass', () => {
	const { description } = nodeWithNewOperation();
	const locator = description.properties.find((property) => property.name === 'conversationId')!;
	expect(locator.displayOptions?.show).toEqual({ resource: ['conversation'], operation: ['close', 'get', 'getLastMessage'] });
	expect(escapes(description)).toEqual([]);
	expect(builtInPostReceive(description)).toEqual([]);
	expect(undeclaredPosts(withNewOperation)).toEqual([]);
});

it('a POST operation must say whether it may be repeated', () => {
	const post: Operation = { ...getLastMessage, option: { ...getLastMessage.option, value: 'postSomething', routing: { request: { method: 'POST' } } } };
	const withPost = resources.map((each) => (each.option.value === 'conversation' ? resource(each.option, [getAll, post], 'getAll') : each));
	expect(undeclaredPosts(withPost)).toEqual(['conversation > postSomething']);
});

it('runs through RoutingNode: what Sakari receives and what the user gets, retried where a repeat is harmless', async () => {
	const sent = await runSakari({
		parameters: { resource: 'message', operation: 'send', toMobileNumber: '+13475570001', message: 'Hi there' },
		credentials,
	});
	const id = (sent[0].json.conversation as { id: string }).id;
	sandbox.clearRequests();
	// A GET is repeatable without saying so: a 503 is retried.
	sandbox.injectFault({ kind: 'status', status: 503, times: 1, match: { method: 'GET', path: `/conversations/${id}` } });

	const output = await runSakari({ parameters: parameters(id), credentials, nodeType: nodeWithNewOperation() });

	expect(apiRequests(sandbox).map(({ method, path, status }) => ({ method, path, status }))).toEqual([
		{ method: 'GET', path: `/v1/accounts/acc_sandbox/conversations/${id}`, status: 503 },
		{ method: 'GET', path: `/v1/accounts/acc_sandbox/conversations/${id}`, status: 200 },
	]);
	expect(output).toEqual([{ json: expect.objectContaining({ message: 'Hi there' }), pairedItem: { item: 0 } }]);
});

it("a field's problem fails the item before anything is sent", async () => {
	const error = await rejectionOf(runSakari({ parameters: parameters(' '), credentials, nodeType: nodeWithNewOperation() }));
	expect(error.message).toBe('Conversation: is empty; pick a conversation from the list or enter its ID');
	expect(error.description).toBe('Nothing was sent to Sakari for this item.');
	expect(apiRequests(sandbox)).toHaveLength(0);
});

// A list: `paged: true` is all it declares; Return All / Limit show for it and `sendPages` sends it.
const getEveryConversation: Operation = {
	option: {
		name: 'Get Every Conversation',
		value: 'getEveryConversation',
		action: 'Get every conversation, page by page',
		description: 'The conversations of the account, one item each',
		routing: { request: { method: 'GET', url: '/conversations' } },
	},
	paged: true,
};

describe('a paged operation', () => {
	const withList = resources.map((each) => (each.option.value === 'conversation' ? resource(each.option, [close, get, getAll, getEveryConversation], 'get') : each));
	const nodeWithList = () => {
		const node = new Sakari();
		node.description = { ...node.description, ...sakariProperties(withList) };
		return node;
	};
	const shownFor = (name: string) => nodeWithList().description.properties.find((property) => property.name === name)?.displayOptions?.show;

	it('gets Return All and Limit without editing a list', () => {
		expect(shownFor('returnAll')).toEqual({ operation: ['getAll', 'getConversions', 'getEveryConversation', 'getSources', 'getTemplates'] });
		expect(shownFor('limit')).toEqual({ operation: ['getAll', 'getConversions', 'getEveryConversation', 'getSources', 'getTemplates'], returnAll: [false] });
	});

	it('is sent page by page up to Limit, or every page with Return All', async () => {
		const numbers = ['+13475570011', '+13475570012', '+13475570013'];
		for (const toMobileNumber of numbers) {
			await runSakari({ parameters: { resource: 'message', operation: 'send', toMobileNumber, message: 'Hi' }, credentials });
		}
		sandbox.clearRequests();
		const list = { resource: 'conversation', operation: 'getEveryConversation' };

		const limited = await runSakari({ parameters: { ...list, limit: 2 }, credentials, nodeType: nodeWithList() });
		expect(apiRequests(sandbox).map(({ method, path, query }) => ({ method, path, query }))).toEqual([
			{ method: 'GET', path: '/v1/accounts/acc_sandbox/conversations', query: { offset: '0', limit: '2' } },
		]);
		expect(limited).toHaveLength(2);
		expect(limited.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);

		sandbox.clearRequests();
		const all = await runSakari({ parameters: { ...list, returnAll: true }, credentials, nodeType: nodeWithList() });
		expect(apiRequests(sandbox).map(({ query }) => query)).toEqual([{ offset: '0', limit: '100' }]);
		expect(all.map(({ json }) => (json.contact as { mobile?: { number?: string } })?.mobile?.number).sort()).toEqual(numbers);
	});
});
