import type { IDataObject, INodePropertyOptions, IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../credentials/SakariOAuth2Api.credentials';
import { signatureOptions, verifySignedDelivery } from './signature';

/**
 * The event types Sakari documents for webhook subscriptions: the current reference's subscribe enum
 * (https://developer.sakari.io/api-reference/webhooks/subscribe-to-message-events) and `conversation-closed`.
 */
export const EVENT_TYPES: INodePropertyOptions[] = [
	{ name: 'Contact Created', value: 'contact-created' },
	{ name: 'Contact Opted In', value: 'contact-opt-in' },
	{ name: 'Contact Opted Out', value: 'contact-opt-out' },
	{ name: 'Contact Removed', value: 'contact-removed' },
	{ name: 'Contact Updated', value: 'contact-updated' },
	{
		name: 'Conversation Closed',
		value: 'conversation-closed',
		description: "Listed by Sakari's help centre and its OpenAPI 1.0.1, but not by its current API reference: Sakari may refuse to subscribe to it",
	},
	{ name: 'Conversation Started', value: 'conversation-started' },
	{ name: 'List Opted In', value: 'list-opt-in' },
	{ name: 'List Opted Out', value: 'list-opt-out' },
	{ name: 'Message Received', value: 'message-received', description: 'A contact texted one of your numbers' },
	{ name: 'Message Sent', value: 'message-sent' },
	{ name: 'Message Status Changed', value: 'message-status', description: 'An outgoing message changed status, for example to Delivered or Error' },
];

/** A webhook delivery as Sakari documents it: `{accountId, eventType, payload}`. */
export interface SakariDelivery extends IDataObject {
	accountId?: string;
	eventType: string;
	payload: IDataObject;
}

export type DeliveryCheck = { ok: true; delivery: SakariDelivery } | { ok: false; status: number; reason: string };

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a request body is a Sakari delivery for this account. The account ID is checked only when the
 * delivery names one (Sakari documents it, but a missing one is not proof of forgery).
 */
export function checkDelivery(body: unknown, expectedAccountId: string): DeliveryCheck {
	if (!isObject(body) || Object.keys(body).length === 0) {
		return { ok: false, status: 400, reason: 'Expected a JSON object {accountId, eventType, payload}' };
	}
	if (typeof body.eventType !== 'string' || body.eventType.trim() === '') {
		return { ok: false, status: 400, reason: 'eventType must be a non-empty string' };
	}
	if (!isObject(body.payload)) {
		return { ok: false, status: 400, reason: 'payload must be a JSON object' };
	}
	if (body.accountId !== undefined && body.accountId !== null) {
		if (typeof body.accountId !== 'string') {
			return { ok: false, status: 400, reason: 'accountId must be a string' };
		}
		if (body.accountId.trim() !== expectedAccountId.trim()) {
			return { ok: false, status: 403, reason: 'accountId does not match this Sakari credential' };
		}
	}
	return { ok: true, delivery: body as SakariDelivery };
}

/**
 * The delivery a webhook request carries, checked: its signature first when `options.verifySignature` is on (an
 * unsigned delivery learns nothing, not even whether its account ID is right), then its shape and account.
 * `options` is a collection holding `signatureFields`.
 */
export async function receiveDelivery(context: IWebhookFunctions, options: IDataObject): Promise<DeliveryCheck> {
	let body = context.getBodyData() as unknown;
	if (options.verifySignature === true) {
		const signed = await verifySignedDelivery(context, signatureOptions(options), body);
		if (!signed.ok) return signed;
		body = signed.payload;
	}
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return checkDelivery(body, String(credentials.accountId ?? ''));
}

/** Text as Sakari may send it: a non-empty string, or a number (a text "12345" parsed as JSON by the sender). */
const text = (value: unknown): string | null =>
	typeof value === 'string' ? (value === '' ? null : value) : typeof value === 'number' && Number.isFinite(value) ? String(value) : null;

/** A phone number Sakari sends either as a string or as `{number, ...}`. */
const numberOf = (value: unknown): string | null => (isObject(value) ? text(value.number) : text(value));

const objectOr = (...values: unknown[]): IDataObject => (values.find(isObject) as IDataObject | undefined) ?? {};

/** `{code, description}` (an API message's error) or a text (OpenAPI 1.0.1's `MessageEventPayload.error`). */
function errorOf(value: unknown): IDataObject | null {
	if (isObject(value)) return { code: text(value.code), description: text(value.description) ?? text(value.message) };
	const description = text(value);
	return description === null ? null : { code: null, description };
}

/**
 * The fields most workflows need, under stable names, whatever the event. Reads every shape a source shows:
 * - a message event's payload is the message itself (support.sakari.io › "API and Webhooks": `payload.id`,
 *   `payload.message` the text, `payload.type`, `payload.conversation {id, group, phoneNumber}`, `payload.group`,
 *   `payload.contact`, `payload.job`; `status`, `outgoing`, `media`, `created` as in Sakari's message);
 * - OpenAPI 1.0.1's `MessageEventPayload` `{contact, message, status, error}` (error a text);
 * - a payload that nests the message object under `message` (what this node read before 0.1.0);
 * - contact and list events: the contact is `payload.contact` or the payload itself; conversation events: the
 *   conversation is `payload.conversation` or the payload itself (no source shows these payloads).
 */
export function simplifyDelivery({ accountId, eventType, payload }: SakariDelivery): IDataObject {
	const kind = eventType.split('-')[0];
	const nested = isObject(payload.message);
	const message = nested ? (payload.message as IDataObject) : kind === 'message' ? payload : {};
	const conversation = objectOr(payload.conversation, message.conversation, kind === 'conversation' ? payload : undefined);
	const contact = objectOr(payload.contact, message.contact, kind === 'contact' || kind === 'list' ? payload : conversation.contact);
	const group = objectOr(payload.group, message.group, conversation.group);
	const firstName = text(contact.firstName);
	const lastName = text(contact.lastName);
	const name = [firstName, lastName].filter(Boolean).join(' ');
	const mobile = isObject(contact.mobile) ? contact.mobile : {};
	const created = objectOr(message.created, payload.created);
	return {
		event: eventType,
		accountId: text(accountId) ?? text(payload.accountId),
		contact: {
			id: text(contact.id),
			name: name === '' ? null : name,
			firstName,
			lastName,
			mobile: numberOf(contact.mobile),
			country: text(mobile.country),
		},
		message: text(message.message) ?? (nested ? null : text(payload.message)),
		messageId: text(message.id),
		type: text(message.type),
		jobId: text(objectOr(message.job, payload.job).id) ?? text(message.jobId),
		outgoing: typeof message.outgoing === 'boolean' ? message.outgoing : null,
		status: text(message.status) ?? text(payload.status),
		error: errorOf(message.error) ?? errorOf(payload.error),
		phoneNumber: numberOf(payload.phoneNumber) ?? numberOf(message.phoneNumber) ?? numberOf(conversation.phoneNumber),
		conversationId: text(conversation.id),
		groupId: text(group.id),
		media: Array.isArray(message.media)
			? message.media.map((media) => (isObject(media) ? text(media.url) : text(media))).filter(Boolean)
			: [],
		createdAt: text(created.at),
	};
}
