import type { IDataObject } from 'n8n-workflow';

import { outputData, sendOne } from '../../shared/send';
import type { Operation } from '../../shared/resource';

/**
 * The account's balance as a number: the account's own `balance` (developer.sakari.io/api-reference/accounts/
 * fetch-account), or the `/balance` answer's for an account answer without one (older answers have none).
 */
function balanceOf(account: IDataObject, details: IDataObject | undefined): number | null {
	if (typeof account.balance === 'number') return account.balance;
	return typeof details?.balance === 'number' ? details.balance : null;
}

/**
 * Account → Get: the account (`GET …/accounts/{id}`) and its balance (`GET …/balance`, answered as
 * `{balance, country, segmentPrice, segments}` per developer.sakari.io/api-reference/accounts/fetch-account-balance)
 * in one item: `balance` stays the account's number, the balance answer is `balanceDetails`. Both requests go
 * through `sendOne` (throttled, retried, errors mapped) and the operation's postReceive, so each answer is already
 * unwrapped and paired; the request path's secret guard leaves out `apiCredentials`.
 */
export const get: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get the account with its credit balance',
		description:
			'Get the Sakari account of the credential: its "balance" (a number) and the balance answer (as "balanceDetails"), e.g. to check the credit before a large send. Its API credentials are never output.',
		routing: {
			// The account itself is the base URL; the handler adds the balance request.
			request: { method: 'GET', url: '' },
			output: { postReceive: [outputData] },
		},
	},
	send: async (context, requestData) => {
		const balanceRequest = { ...requestData, options: { ...requestData.options, url: `${requestData.options.url ?? ''}/balance` } };
		// Both settle before the item does, so no request of this item outlives it.
		const answers = await Promise.allSettled([sendOne(context, requestData), sendOne(context, balanceRequest)]);
		const rejected = answers.find((answer) => answer.status === 'rejected');
		if (rejected) throw rejected.reason;
		const [[account], [balance]] = answers.map((answer) => (answer.status === 'fulfilled' ? answer.value : []));
		const details = balance?.json;
		const json = { ...account?.json, balance: balanceOf(account?.json ?? {}, details), balanceDetails: details ?? null };
		return [{ json, pairedItem: { item: context.getItemIndex() } }];
	},
};
