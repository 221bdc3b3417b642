/** Message → Send and Wait for Response: its description, webhooks, custom operation and webhook handler. */
export { sendAndWaitOperation } from './description';
export { sendAndWait } from './start';
export { sendAndWaitWebhook } from './webhook';
export { sendAndWaitWebhooks } from './webhooks';
