import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { text } from '../../../shared/fieldChecks';
import { resolveMessage } from './message';
import { MAX_ANSWER_LENGTH, answeredPage, approvalPage, freeTextPage } from './pages';
import { replyWebhook } from './reply';

function sendPage(context: IWebhookFunctions, status: number, html: string): void {
	context.getResponseObject().status(status).setHeader('Content-Type', 'text/html; charset=utf-8').end(html);
}

/** Shows a page and keeps the execution waiting. */
function show(context: IWebhookFunctions, html: string, status = 200): IWebhookResponseData {
	sendPage(context, status, html);
	return { noWebhookResponse: true };
}

/** Thanks the person and resumes the execution with their answer as the node's output. */
function resume(context: IWebhookFunctions, answer: IDataObject): IWebhookResponseData {
	sendPage(context, 200, answeredPage());
	return { noWebhookResponse: true, workflowData: [[{ json: { data: { ...answer, respondedAt: new Date().toISOString() } } }]] };
}

/** The message as the page repeats it; a message that no longer resolves here only loses the repetition. */
function messageText(context: IWebhookFunctions): string {
	try {
		const raw = context.getNodeParameter('message', '', { rawExpressions: true });
		return text(resolveMessage(raw, (expression) => context.evaluateExpression(expression), () => context.getNodeParameter('message', '')));
	} catch {
		return '';
	}
}

/**
 * The resume URL of a waiting Send and Wait execution (n8n checked its signature before this runs): GET shows
 * the page, POST takes the answer from its form. Anything unusable shows the page again and keeps waiting.
 * SMS Reply's deliveries are Sakari's, handled in reply.ts.
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const responseType = this.getNodeParameter('responseType', 'approval');
	if (responseType === 'smsReply') return await replyWebhook(this);
	const method = this.getRequestObject().method;
	const body = (method === 'POST' ? this.getBodyData() : {}) as IDataObject;
	const message = messageText(this);
	if (responseType === 'freeText') {
		const buttonLabel = text(this.getNodeParameter('sendAndWaitOptions.responseFormButtonLabel', 'Send')) || 'Send';
		if (method !== 'POST') return show(this, freeTextPage(message, buttonLabel));
		const answer = typeof body.text === 'string' ? body.text.trim() : '';
		if (answer === '') return show(this, freeTextPage(message, buttonLabel, 'Please type an answer.'), 400);
		if (answer.length > MAX_ANSWER_LENGTH) {
			return show(this, freeTextPage(message, buttonLabel, `Please keep the answer under ${MAX_ANSWER_LENGTH} characters.`), 400);
		}
		return resume(this, { text: answer });
	}

	const approval = this.getNodeParameter('approvalOptions.values', {}) as IDataObject;
	const approveLabel = text(approval.approveLabel) || 'Approve';
	const declineLabel = approval.approvalType === 'single' ? undefined : text(approval.disapproveLabel) || 'Decline';
	const page = approvalPage(message, approveLabel, declineLabel);
	if (method !== 'POST') return show(this, page);
	if (body.approved === 'true') return resume(this, { approved: true });
	if (body.approved === 'false' && declineLabel !== undefined) return resume(this, { approved: false });
	return show(this, page, 400);
}
