import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../credentials/SakariOAuth2Api.credentials';
import { secretFree } from '../Sakari/shared/dispatch';
import { EVENT_TYPES, receiveDelivery, simplifyDelivery } from './delivery';
import { signatureFields } from './signature';
import { findSubscriptions, resubscribe, sameEvents, unsubscribe } from './subscriptions';

/** What this node remembers about its subscription (per workflow node, and separately for test URLs). */
interface SubscriptionData extends IDataObject {
	webhookUrl?: string;
	webhookId?: string;
}

function pickedEvents(context: IHookFunctions | IWebhookFunctions): string[] {
	return context.getNodeParameter('events', []) as string[];
}

/** The subscription's URL (to delete it even after n8n's base URL changed) and Sakari's id for it. */
function remember(context: IHookFunctions, webhookUrl: string, webhookId: string | undefined) {
	const data = context.getWorkflowStaticData('node') as SubscriptionData;
	data.webhookUrl = webhookUrl;
	if (webhookId) data.webhookId = webhookId;
	else delete data.webhookId;
}

/** Answers a delivery without starting an execution. */
function reject(context: IWebhookFunctions, status: number, reason: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ success: false, error: reason });
	return { noWebhookResponse: true };
}

export class SakariTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sakari Trigger',
		name: 'sakariTrigger',
		icon: { light: 'file:../../icons/sakari.svg', dark: 'file:../../icons/sakari.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Sakari reports an event, e.g. an incoming SMS',
		defaults: { name: 'Sakari Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['message-received'],
				options: EVENT_TYPES,
				description:
					'The Sakari events that start this workflow. On activation n8n subscribes its webhook URL to them in Sakari; on deactivation it removes that subscription.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return a simplified version of the event (event, contact, message text and ID, type, status, phone number, conversation and job IDs) instead of the raw delivery {accountId, eventType, payload}',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					...signatureFields,
				],
			},
		],
	};

	webhookMethods = {
		default: {
			/**
			 * True when Sakari holds exactly one subscription of this node's URL, for the picked events. Otherwise
			 * (none; other events after an edit; several, as left by versions that re-subscribed on every start)
			 * `create` replaces them with one.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				const mine = await findSubscriptions(this, webhookUrl);
				if (mine.length !== 1 || !sameEvents(mine[0].eventTypes, pickedEvents(this))) return false;
				remember(this, webhookUrl, mine[0].id);
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				const subscription = await resubscribe(this, webhookUrl, pickedEvents(this));
				remember(this, webhookUrl, subscription.id);
				return true;
			},

			/** Removes this node's subscriptions only: by URL, or by id where Sakari refuses that (`unsubscribe`). */
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as SubscriptionData;
				const webhookUrl = data.webhookUrl ?? (this.getNodeWebhookUrl('default') as string);
				// A subscription already gone (e.g. removed in the Sakari app) counts as removed.
				await unsubscribe(this, webhookUrl);
				delete data.webhookUrl;
				delete data.webhookId;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const check = await receiveDelivery(this, this.getNodeParameter('options', {}) as IDataObject);
		if (!check.ok) return reject(this, check.status, check.reason);
		const { delivery } = check;
		if (!pickedEvents(this).includes(delivery.eventType)) {
			// Not an error: the subscription may carry events this node no longer wants. No execution.
			return { webhookResponse: { success: true, ignored: delivery.eventType } };
		}
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		// A delivery echoing the Client Secret or the access token must not put it into the execution data.
		const item = await secretFree(this, simplify ? simplifyDelivery(delivery) : delivery);
		return { workflowData: [this.helpers.returnJsonArray(item)] };
	}
}
