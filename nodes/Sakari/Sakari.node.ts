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
} from './methods/listSearch';
import { account } from './resources/account';
import { campaign } from './resources/campaign';
import { contact } from './resources/contact';
import { conversation } from './resources/conversation';
import { file } from './resources/file';
import { leadForm } from './resources/leadForm';
import { link } from './resources/link';
import { message } from './resources/message';
import { sendAndWait, sendAndWaitWebhook, sendAndWaitWebhooks } from './resources/message/sendAndWait';
import { phoneNumber } from './resources/phoneNumber';
import { template } from './resources/template';
import { returnAllOrLimit } from './shared/descriptions';
import { sakariRequestPath } from './shared/dispatch';
import { requestOptions } from './shared/requestOptions';
import type { Resource } from './shared/resource';
import { CREDENTIAL_TYPE, REQUEST_SAFETY } from '../../credentials/SakariOAuth2Api.credentials';

/**
 * The node's resources. Message first: n8n generates the human-in-the-loop tool from the first `operation` with
 * sendAndWait (some versions read only the first property named `operation`).
 */
export const resources: Resource[] = [message, account, campaign, contact, conversation, file, leadForm, link, phoneNumber, template];

/**
 * The node's properties from its resources: the Resource list (by name), each resource's operations and fields,
 * and the request path wired to what the operations declare (see sakariRequestPath for why it is wired through
 * n8n's pagination hook and the Resource parameter).
 */
export function sakariProperties(list: Resource[]): Pick<INodeTypeDescription, 'properties' | 'requestOperations'> {
	const requestPath = sakariRequestPath(Object.fromEntries(list.map(({ option, sending }) => [option.value, sending])));
	return {
		requestOperations: requestPath.requestOperations,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: list.map(({ option }) => option).sort((a, b) => a.name.localeCompare(b.name)),
				default: 'contact',
				routing: requestPath.resourceRouting,
			},
			...list.flatMap(({ description }) => description),
			...returnAllOrLimit([...new Set(list.flatMap(({ paged }) => paged))].sort()),
			requestOptions,
		],
	};
}

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
		...sakariProperties(resources),
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
