import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import {
	searchCampaigns,
	searchContacts,
	searchConversations,
	searchLeadForms,
	searchLeadFormTemplates,
	searchLinks,
	searchTemplates,
} from './methods';
import { accountDescription, accountRequests } from './resources/account';
import { campaignDescription, campaignRequests } from './resources/campaign';
import { contactDescription, contactRequests } from './resources/contact';
import { conversationDescription, conversationRequests } from './resources/conversation';
import { fileDescription, fileRequests } from './resources/file';
import { leadFormDescription, leadFormRequests } from './resources/leadForm';
import { linkDescription, linkRequests } from './resources/link';
import { messageDescription, messageRequests } from './resources/message';
import { sendAndWait, sendAndWaitWebhook, sendAndWaitWebhooks } from './resources/message/sendAndWait';
import { phoneNumberDescription } from './resources/phoneNumber';
import { templateDescription, templateRequests } from './resources/template';
import { returnAllOrLimit } from './shared/descriptions';
import { sakariRequestPath } from './shared/dispatch';
import { requestOptions } from './shared/requestOptions';
import { CREDENTIAL_TYPE, REQUEST_SAFETY } from './shared/transport';

/** What each operation declares beside its routing (how it sends, whether it may be repeated), by resource. */
export const operationSending = {
	account: accountRequests,
	campaign: campaignRequests,
	contact: contactRequests,
	conversation: conversationRequests,
	file: fileRequests,
	leadForm: leadFormRequests,
	link: linkRequests,
	message: messageRequests,
	template: templateRequests,
};

// Every request goes through the node's own request path (limits, pacing, retries, errors, bulk): see
// sakariRequestPath for why it is wired through n8n's pagination hook and the Resource parameter.
const requestPath = sakariRequestPath(operationSending);

export class Sakari implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sakari',
		name: 'sakari',
		icon: { light: 'file:../../icons/sakari.svg', dark: 'file:../../icons/sakari.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send SMS and MMS (with files from the workflow), and manage contacts, conversations, templates, campaigns and lead forms in Sakari',
		defaults: { name: 'Sakari' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		// Send and Wait for Response resumes its execution through these (and `webhook` below).
		webhooks: sendAndWaitWebhooks,
		// No baseURL here: the credential's authenticate() puts the account URL in front of every relative URL
		// (an expression here would be evaluated twice per row).
		requestDefaults: {
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			...REQUEST_SAFETY,
		},
		requestOperations: requestPath.requestOperations,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account', description: 'The Sakari account and its balance' },
					{ name: 'Campaign', value: 'campaign', description: 'A message text sent to the contacts its filters pick' },
					{ name: 'Contact', value: 'contact', description: 'People you text, identified by mobile number' },
					{ name: 'Conversation', value: 'conversation', description: "A contact's message thread" },
					{ name: 'File', value: 'file', description: 'A file hosted by Sakari, for a link in a text or as MMS media' },
					{ name: 'Lead Form', value: 'leadForm', description: 'A sign-up form on the web that collects contacts' },
					{ name: 'Link', value: 'link', description: 'A tracked short link and where its clicks came from' },
					{ name: 'Message', value: 'message', description: 'Send an SMS or MMS, or read sent and received messages' },
					{ name: 'Phone Number', value: 'phoneNumber', description: 'Phone numbers the account could add' },
					{ name: 'Template', value: 'template', description: 'Saved message texts with placeholders' },
				],
				default: 'contact',
				routing: requestPath.resourceRouting,
			},
			// Message first: n8n generates the human-in-the-loop tool from the first `operation` with sendAndWait
			// (some versions read only the first property named `operation`).
			...messageDescription,
			...accountDescription,
			...campaignDescription,
			...contactDescription,
			...conversationDescription,
			...fileDescription,
			...leadFormDescription,
			...linkDescription,
			...phoneNumberDescription,
			...templateDescription,
			...returnAllOrLimit,
			requestOptions,
		],
	};

	methods = {
		listSearch: {
			searchCampaigns,
			searchContacts,
			searchConversations,
			searchLeadForms,
			searchLeadFormTemplates,
			searchLinks,
			searchTemplates,
		},
	};

	// Send and Wait for Response: n8n runs a custom operation instead of the routing, and resumes through webhook().
	customOperations = { message: { [SEND_AND_WAIT_OPERATION]: sendAndWait } };

	webhook = sendAndWaitWebhook;
}
