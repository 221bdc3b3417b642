import { sendOne, type RequestHandler } from '../../shared/requestPath';

/**
 * Account → Get: the account (`GET …/accounts/{id}`) with its balance (`GET …/balance`) as `balance`, in one
 * item. Both requests go through `sendOne` (throttled, retried, errors mapped) and the operation's
 * postReceive, so each answer is already unwrapped and paired.
 */
export const sendAccountGet: RequestHandler = async (context, requestData) => {
	const balanceRequest = { ...requestData, options: { ...requestData.options, url: `${requestData.options.url ?? ''}/balance` } };
	// Both settle before the item does, so no request of this item outlives it.
	const answers = await Promise.allSettled([sendOne(context, requestData), sendOne(context, balanceRequest)]);
	const rejected = answers.find((answer) => answer.status === 'rejected');
	if (rejected) throw rejected.reason;
	const [[account], [balance]] = answers.map((answer) => (answer.status === 'fulfilled' ? answer.value : []));
	// With continue-on-fail a failed request may come back as an error item: that item is the output.
	const failed = [account, balance].find((item) => item?.error);
	if (failed) return [failed];
	return [{ json: { ...account?.json, balance: balance?.json ?? null }, pairedItem: account?.pairedItem ?? { item: context.getItemIndex() } }];
};
