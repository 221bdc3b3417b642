import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { NOT_JSON_MESSAGE, type FailedRequest } from './errors';

export interface SakariEnvelope extends IDataObject {
	success: boolean;
	data?: IDataObject | IDataObject[];
	pagination?: { offset?: number; limit?: number; totalCount?: number; hasNext?: boolean };
}

/** Sakari always answers `{ success, data }`; anything else (e.g. a cut-off body) is an error worth a retry. */
export function readEnvelope(
	this: IExecuteSingleFunctions,
	body: unknown,
	statusCode?: number,
): SakariEnvelope {
	if (body && typeof body === 'object' && !Array.isArray(body) && typeof (body as IDataObject).success === 'boolean') {
		return body as SakariEnvelope;
	}
	const failure: FailedRequest = { status: statusCode, malformed: true };
	const error = new NodeApiError(
		this.getNode(),
		{ message: NOT_JSON_MESSAGE },
		{
			message: NOT_JSON_MESSAGE,
			description: `Expected {"success": ..., "data": ...}${statusCode ? ` (HTTP ${statusCode})` : ''}.`,
			itemIndex: this.getItemIndex(),
		},
	);
	error.context.sakari = failure as IDataObject;
	throw error;
}

/** Pairs output items to the input item they came from, so `$('Sakari').item` works downstream. */
export function pairToInput(this: IExecuteSingleFunctions, records: IDataObject[]): INodeExecutionData[] {
	const item = this.getItemIndex();
	return records.map((json) => ({ json, pairedItem: { item } }));
}

/** postReceive: one output item per object in Sakari's `data` (an array for creates, an object for gets). */
export async function outputData(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const envelope = readEnvelope.call(this, response.body, response.statusCode);
	const { data } = envelope;
	const records = data === undefined ? [] : Array.isArray(data) ? data : [data];
	return pairToInput.call(this, records);
}

/** postReceive for answers without data (delete): `{ success: true }`, paired to the input item. */
export async function outputSuccess(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	// A 204 has no body at all; anything else must be Sakari's envelope.
	if (response.statusCode !== 204) readEnvelope.call(this, response.body, response.statusCode);
	return pairToInput.call(this, [{ success: true }]);
}
