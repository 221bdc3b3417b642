import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';

import { pairToInput, readEnvelope } from './envelope';
import { toSakariError } from './errors';

/**
 * postReceive for Message → Send. Sakari answers 200 even when it queued nothing: recipients it refuses
 * (opted out, landline, unknown contact...) come back in `data.invalid[]`, each with its own error.
 * - Nothing queued: the item fails with the first recipient's code and description (an error item with
 *   continue-on-fail), because a send that texted nobody must not look like success.
 * - Something queued: one item per queued message. Any refused recipients are kept on each of those items
 *   as `invalidRecipients`: failing the item would hide texts already sent, and a retry would send them twice.
 */
export async function outputQueuedMessages(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const envelope = readEnvelope.call(this, response.body, response.statusCode);
	const data = (envelope.data ?? {}) as IDataObject;
	const messages = (Array.isArray(data.messages) ? data.messages : []) as IDataObject[];
	const invalid = (Array.isArray(data.invalid) ? data.invalid : []) as IDataObject[];
	if (messages.length === 0) {
		const problem = (invalid[0]?.error ?? {}) as IDataObject;
		const code = typeof problem.code === 'string' ? problem.code : undefined;
		const message = typeof problem.description === 'string' ? problem.description : typeof problem.message === 'string' ? problem.message : undefined;
		throw toSakariError(
			this.getNode(),
			{ context: { sakari: { code, message: message ?? 'Sakari queued no message for this recipient' } } },
			{ itemIndex: this.getItemIndex() },
		);
	}
	const extra = invalid.length > 0 ? { invalidRecipients: invalid } : {};
	return pairToInput.call(
		this,
		messages.map((message) => ({ ...message, ...extra })),
	);
}
