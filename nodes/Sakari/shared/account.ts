import type { DeclarativeRestApiSettings, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import { sakariRequest } from './request';

/**
 * Account → Get: the account (`GET …/accounts/{id}`) with its balance (`GET …/balance`) as `balance`, in one
 * item. Both requests go through `sakariRequest` (throttled, retried, errors mapped) and the operation's
 * postReceive, so each answer is already unwrapped and paired.
 */
export async function sakariAccountRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const balanceRequest = { ...requestData, options: { ...requestData.options, url: `${requestData.options.url ?? ''}/balance` } };
	const [[account], [balance]] = await Promise.all([
		sakariRequest.call(this, requestData),
		sakariRequest.call(this, balanceRequest),
	]);
	return [{ json: { ...account?.json, balance: balance?.json ?? null }, pairedItem: account?.pairedItem ?? { item: this.getItemIndex() } }];
}
