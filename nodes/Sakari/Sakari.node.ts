import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchContacts, searchConversations, searchTemplates } from './methods';
import { accountDescription } from './resources/account';
import { contactDescription } from './resources/contact';
import { conversationDescription } from './resources/conversation';
import { messageDescription } from './resources/message';
import { templateDescription } from './resources/template';
import { DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_RETRIES, sakariRequest } from './shared/request';

export class Sakari implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sakari',
		name: 'sakari',
		icon: { light: 'file:sakari.svg', dark: 'file:sakari.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send SMS and MMS, and manage contacts, conversations and message templates in Sakari',
		defaults: { name: 'Sakari' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sakariOAuth2Api', required: true }],
		requestDefaults: {
			baseURL:
				'={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}/v1/accounts/{{encodeURIComponent($credentials.accountId.trim())}}',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
		},
		// Every request goes through sakariRequest (throttling, retries, error mapping): n8n hands a request to
		// `pagination` when `send.paginate` is set, which the Resource parameter does for every operation.
		requestOperations: { pagination: sakariRequest },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account', description: 'The Sakari account and its balance' },
					{ name: 'Contact', value: 'contact', description: 'People you text, identified by mobile number' },
					{ name: 'Conversation', value: 'conversation', description: "A contact's message thread" },
					{ name: 'Message', value: 'message', description: 'Send an SMS or MMS, or read sent and received messages' },
					{ name: 'Template', value: 'template', description: 'Saved message texts with placeholders' },
				],
				default: 'contact',
				routing: { send: { paginate: true } },
			},
			...accountDescription,
			...contactDescription,
			...conversationDescription,
			...messageDescription,
			...templateDescription,
			{
				displayName: 'Rate Limiting',
				name: 'rateLimiting',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				description: "How this node paces its requests to Sakari. Sakari answers HTTP 429 beyond its (undocumented) rate limits.",
				options: [
					{
						displayName: 'Max Concurrent Requests',
						name: 'maxConcurrentRequests',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 100 },
						default: DEFAULT_MAX_CONCURRENT_REQUESTS,
						description: 'How many requests this node has in flight at once, whatever the number of input items',
					},
					{
						displayName: 'Max Retries',
						name: 'maxRetries',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 10 },
						default: DEFAULT_MAX_RETRIES,
						description:
							"How often a request is retried after a 429 (waiting for Sakari's Retry-After) or, when repeating it is harmless, after a server error or a lost connection",
					},
				],
			},
		],
	};

	methods = {
		listSearch: { searchContacts, searchConversations, searchTemplates },
	};
}
