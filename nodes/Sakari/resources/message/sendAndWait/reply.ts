import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { receiveDelivery, simplifyDelivery } from '../../../../SakariTrigger/delivery';
import { signatureFields } from '../../../../SakariTrigger/signature';
import { listSubscriptions, subscribe, unsubscribe } from '../../../../SakariTrigger/subscriptions';
import { secretFree } from '../../../shared/dispatch';
import { text } from '../../../shared/fieldChecks';
import { resumeUrl } from './link';

/**
 * SMS Reply: the waiting execution's resume URL is subscribed to Sakari's `message-received` deliveries, with the
 * recipient in its (signed) query; the first delivery from that recipient resumes the execution and removes the
 * subscription. Deliveries are checked as the Sakari Trigger checks them.
 */

const EVENT = 'message-received';

export const smsReplyOptions: INodeProperties = {
	displayName: 'SMS Reply Options',
	name: 'smsReplyOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { responseType: ['smsReply'] } },
	options: [...signatureFields],
};

const digits = (value: unknown) => text(value).replace(/\D/g, '');

/** Who may answer: the queued message's contact (ID and mobile number) and conversation, as signed query parameters. */
function recipientQuery(message: IDataObject): Record<string, string> {
	const contact = (message.contact ?? {}) as IDataObject;
	const mobile = contact.mobile as IDataObject | string | undefined;
	const query: Record<string, string> = {
		contact: text(contact.id),
		mobile: digits(typeof mobile === 'object' && mobile !== null ? mobile.number : mobile),
		conversation: text(((message.conversation ?? {}) as IDataObject).id),
	};
	return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

function pathAndQuery(url: string): string | undefined {
	try {
		const parsed = new URL(url);
		return `${parsed.pathname}${parsed.search}`;
	} catch {
		return undefined;
	}
}

/** `{base}/{execution}/{node}` as its base and node parts, to recognise this node's resume URLs of other executions. */
function resumeParts(url: string): { base: string; node: string } | undefined {
	try {
		const parsed = new URL(url);
		const segments = parsed.pathname.split('/');
		return { base: `${parsed.origin}${segments.slice(0, -2).join('/')}`, node: segments.at(-1) ?? '' };
	} catch {
		return undefined;
	}
}

/**
 * Whether the execution behind a resume URL still waits: its own webhook answers `{waiting: true}` to a GET. n8n
 * answers anything else once it finished (its "no action required" page, 404 when deleted, 409 when it ended in an
 * error); 409 "running" and an unreachable n8n count as waiting, since nothing says otherwise.
 */
async function stillWaits(context: IExecuteFunctions, url: string): Promise<boolean> {
	try {
		const answer = (await context.helpers.httpRequest({
			method: 'GET',
			url,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 10_000,
		})) as { statusCode: number; body: unknown };
		const body = (answer.body ?? {}) as IDataObject;
		if (answer.statusCode === 409) return !/finished/.test(text(body.message));
		return answer.statusCode === 200 && body.waiting === true;
	} catch {
		return true;
	}
}

/**
 * Removes the subscriptions this node made for executions that no longer wait (they timed out, were stopped or
 * deleted: none of these runs the node's code, so their subscription stays until now).
 */
export async function removeFinishedWatches(context: IExecuteFunctions): Promise<void> {
	const own = resumeParts(resumeUrl(context));
	for (const hook of await listSubscriptions(context)) {
		const parts = resumeParts(hook.url);
		if (!own || !parts || parts.base !== own.base || parts.node !== own.node) continue;
		if (!(await stillWaits(context, hook.url))) await unsubscribe(context, hook.url);
	}
}

/** Subscribes this execution's resume URL, naming the recipient of `message`, to Sakari's incoming messages. */
export async function watchForReply(context: IExecuteFunctions, message: IDataObject): Promise<void> {
	try {
		await subscribe(context, resumeUrl(context, recipientQuery(message)), [EVENT]);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), error as Error, {
			message: `The text was sent (message ${text(message.id)}), but Sakari did not subscribe n8n to the reply`,
			description: `${(error as Error).message}. The workflow does not wait: without the subscription no reply would reach it.`,
		});
	}
}

function answer(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/** Whether a reply comes from the recipient named in the resume URL's query. */
function fromRecipient(query: IDataObject, reply: IDataObject): boolean {
	const contact = (reply.contact ?? {}) as IDataObject;
	const matches = (expected: unknown, actual: string) => text(expected) !== '' && text(expected) === actual;
	return (
		matches(query.contact, text(contact.id)) ||
		matches(query.mobile, digits(contact.mobile)) ||
		matches(query.conversation, text(reply.conversationId))
	);
}

/**
 * The resume URL of an execution waiting for an SMS reply. GET answers `{waiting: true}` (how a later run tells a
 * waiting execution from a finished one). POST is a Sakari delivery: refused (4xx) when it fails the checks,
 * ignored (200, still waiting) when it is not the recipient's incoming message, else it resumes the execution.
 */
export async function replyWebhook(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = context.getRequestObject();
	if (request.method !== 'POST') return answer(context, 200, { waiting: true });
	const check = await receiveDelivery(context, context.getNodeParameter('smsReplyOptions', {}) as IDataObject);
	if (!check.ok) return answer(context, check.status, { success: false, error: check.reason });
	const reply = simplifyDelivery(check.delivery);
	if (check.delivery.eventType !== EVENT || reply.outgoing === true) {
		return answer(context, 200, { success: true, ignored: 'not an incoming message' });
	}
	if (!fromRecipient(context.getQueryData() as IDataObject, reply)) {
		return answer(context, 200, { success: true, ignored: 'not from the recipient' });
	}
	// Done waiting: no more deliveries. A subscription that stays (Sakari unreachable now) a later run removes.
	for (const hook of await listSubscriptions(context).catch(() => [])) {
		if (pathAndQuery(hook.url) === request.originalUrl) await unsubscribe(context, hook.url).catch(() => false);
	}
	context.getResponseObject().status(200).json({ success: true });
	const { message, messageId, createdAt, contact, conversationId } = reply;
	// As the trigger's items: a delivery echoing the Client Secret or the access token does not pass it on.
	const answered = await secretFree(context, { message, messageId, receivedAt: createdAt, contact, conversationId });
	const data = { reply: answered, respondedAt: new Date().toISOString() };
	return { noWebhookResponse: true, workflowData: [[{ json: { data } }]] };
}
