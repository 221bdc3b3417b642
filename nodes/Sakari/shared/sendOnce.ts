// A request that must not be repeated (a create, a send): sent once, and when its answer is lost (a lost
// connection, a 5xx, a cut-off body) the error says what may have happened and how to check.
import type { INode, IExecutePaginationFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { RequestData } from './dispatch';
import { sendBuilt, type SakariEnvelope } from './send';
import { NOT_JSON_MESSAGE, readFailure } from './errors';

/**
 * The error of a request that must not be repeated (a create, a send) when it got no usable answer (a lost
 * connection, a 5xx, a cut-off body): it was not retried, and the error says what may have happened and how
 * to check. Sakari's refusals (4xx) pass through unchanged: nothing happened then.
 */
export function mayHaveHappened(node: INode, itemIndex: number, error: unknown, message: string, check: string): unknown {
	const failure = readFailure(error);
	if (failure.status !== undefined && failure.status >= 400 && failure.status < 500) return error;
	// The network code goes in the description: n8n swaps a message that contains one for its generic text.
	const what = failure.code
		? `${failure.message ?? 'Sakari answered'} (${failure.code}, HTTP ${failure.status ?? '?'})`
		: failure.status !== undefined
			? `HTTP ${failure.status}`
			: (failure.networkCode ?? NOT_JSON_MESSAGE);
	const apiError = new NodeApiError(node, { message }, {
		message,
		description: `${what}. Not retried. ${check}`,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
		itemIndex,
	});
	apiError.context.sakari = { ...failure } as unknown as JsonObject;
	return apiError;
}

/** What the error of a lost answer says: what may have happened, and how to check before trying again. */
export interface IfLost {
	message: string;
	check: string;
}

/** A request a handler builds (see sendBuilt), sent once: a lost answer becomes an error saying what `ifLost` says. */
export async function sendOnce(
	context: IExecutePaginationFunctions,
	requestData: RequestData,
	options: Parameters<typeof sendBuilt>[2],
	ifLost: IfLost,
): Promise<SakariEnvelope> {
	return await sendBuilt(context, requestData, { ...options, repeatable: false }).catch((error: unknown) => {
		throw mayHaveHappened(context.getNode(), context.getItemIndex(), error, ifLost.message, ifLost.check);
	});
}
