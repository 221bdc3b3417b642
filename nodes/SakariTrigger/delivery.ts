import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

/** The event types Sakari documents for webhook subscriptions. */
export const EVENT_TYPES: INodePropertyOptions[] = [
	{ name: 'Contact Created', value: 'contact-created' },
	{ name: 'Contact Opted In', value: 'contact-opt-in' },
	{ name: 'Contact Opted Out', value: 'contact-opt-out' },
	{ name: 'Contact Removed', value: 'contact-removed' },
	{ name: 'Contact Updated', value: 'contact-updated' },
	{ name: 'Conversation Closed', value: 'conversation-closed' },
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

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** A phone number Sakari sends either as a string or as `{number, ...}`. */
const numberOf = (value: unknown): string | null => (isObject(value) ? text(value.number) : text(value));

/**
 * The fields most workflows need, under stable names, whatever the event. Everything is read defensively:
 * beyond `{contact, conversation, group, message}` the shape of each event's payload is not documented.
 */
export function simplifyDelivery({ accountId, eventType, payload }: SakariDelivery): IDataObject {
	const message = isObject(payload.message) ? payload.message : {};
	const contact = isObject(payload.contact) ? payload.contact : isObject(message.contact) ? message.contact : {};
	const conversation = isObject(payload.conversation)
		? payload.conversation
		: isObject(message.conversation)
			? message.conversation
			: {};
	const group = isObject(payload.group) ? payload.group : {};
	const firstName = text(contact.firstName);
	const lastName = text(contact.lastName);
	const name = [firstName, lastName].filter(Boolean).join(' ');
	const mobile = isObject(contact.mobile) ? contact.mobile : {};
	const error = isObject(message.error) ? message.error : isObject(payload.error) ? payload.error : null;
	return {
		event: eventType,
		accountId: text(accountId),
		contact: {
			id: text(contact.id),
			name: name === '' ? null : name,
			firstName,
			lastName,
			mobile: numberOf(contact.mobile),
			country: text(mobile.country),
		},
		message: text(message.message) ?? text(payload.message),
		messageId: text(message.id),
		outgoing: typeof message.outgoing === 'boolean' ? message.outgoing : null,
		status: text(message.status) ?? text(payload.status),
		error: error ? { code: text(error.code), description: text(error.description) ?? text(error.message) } : null,
		phoneNumber: numberOf(payload.phoneNumber) ?? numberOf(message.phoneNumber),
		conversationId: text(conversation.id),
		groupId: text(group.id),
		media: Array.isArray(message.media)
			? message.media.map((media) => (isObject(media) ? text(media.url) : text(media))).filter(Boolean)
			: [],
		createdAt:
			(isObject(message.created) ? text(message.created.at) : null) ??
			(isObject(payload.created) ? text(payload.created.at) : null),
	};
}
