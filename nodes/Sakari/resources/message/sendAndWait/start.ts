import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IGetNodeParameterOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FieldError, fieldFailure, text } from '../../../shared/fieldChecks';
import { sakariApiRequest } from '../../../shared/transport';
import { recipient, refusedRecipient, toTemplate } from '../fields';
import { resumeUrl } from './link';
import { resolveMessage } from './message';
import { removeFinishedWatches, watchForReply } from './reply';
import { waitTill } from './waitTill';

/** Item 0 of the run, seen as n8n's per-item context: the recipient and text readers of Send take that. */
function firstItem(context: IExecuteFunctions): IExecuteSingleFunctions {
	const read = (name: string, fallback?: unknown, options?: IGetNodeParameterOptions) =>
		context.getNodeParameter(name, 0, fallback, options);
	return Object.create(context, { getItemIndex: { value: () => 0 }, getNodeParameter: { value: read } }) as IExecuteSingleFunctions;
}

/** The words before the link, by response type, unless the user wrote their own. */
function linkLabel(context: IExecuteFunctions, options: IDataObject): string {
	const own = text(options.linkLabel);
	if (own) return own;
	if (context.getNodeParameter('responseType', 0, 'approval') === 'freeText') return 'Answer here:';
	const approvalType = context.getNodeParameter('approvalOptions.values.approvalType', 0, 'double');
	return approvalType === 'single' ? 'Approve:' : 'Approve or decline:';
}

/**
 * Message → Send and Wait for Response (a custom operation: n8n runs it instead of the node's routing). Texts
 * the recipient the message with a link to this execution's resume URL (or, for SMS Reply, subscribes that URL to
 * the recipient's texts), then puts the execution to wait until the answer arrives through `webhook()` or Limit
 * Wait Time runs out.
 */
export async function sendAndWait(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const items = this.getInputData();
	if (items.length > 1) {
		throw new NodeOperationError(node, `Send and Wait for Response waits for one answer per execution, and got ${items.length} items`, {
			description: 'Nothing was sent. Run it once per item, e.g. in a sub-workflow, or after a Loop Over Items node with batch size 1.',
		});
	}
	const item = firstItem(this);
	const options = this.getNodeParameter('sendAndWaitOptions', 0, {}) as IDataObject;
	let body: IDataObject;
	let till: Date;
	try {
		till = waitTill((options.limitWaitTime as IDataObject | undefined)?.values as IDataObject | undefined, this.getTimezone());
		const message = resolveMessage(
			this.getNodeParameter('message', 0, '', { rawExpressions: true }),
			(expression) => this.evaluateExpression(expression, 0),
			() => this.getNodeParameter('message', 0, ''),
		);
		body = { ...recipient(item), template: toTemplate(message) };
	} catch (error) {
		throw error instanceof FieldError ? fieldFailure(node, 0, error) : error;
	}
	const smsReply = this.getNodeParameter('responseType', 0, 'approval') === 'smsReply';
	// SMS Reply needs no link: the reply comes through Sakari's webhook delivery.
	if (!smsReply) body.template = `${String(body.template).trimEnd()}\n${linkLabel(this, options)} ${resumeUrl(this)}`;
	const group = text(options.phoneNumberGroupId);
	if (group) body.phoneNumberFilter = { group: { id: group } };
	if (smsReply) await removeFinishedWatches(this);

	const answer = await sakariApiRequest.call(this, { method: 'POST', path: '/messages', body });
	const data = (answer.data ?? {}) as IDataObject;
	const [message] = (Array.isArray(data.messages) ? data.messages : []) as IDataObject[];
	if (!message) throw refusedRecipient(item, ((data.invalid ?? []) as IDataObject[])[0]);
	if (smsReply) await watchForReply(this, message);

	// What the node outputs if the wait runs out: n8n then passes this node's input on (the answer replaces it).
	const input = items[0];
	const executeData = this.getExecuteData();
	executeData.data = { ...executeData.data, main: [[{ ...input, json: { ...input.json, data: { timedOut: true } }, pairedItem: { item: 0 } }]] };
	await this.putExecutionToWait(till);
	return [[{ json: message, pairedItem: { item: 0 } }]];
}
