import type { RequestHandler } from '../../shared/dispatch';
import { sendPages } from '../../shared/send';
import { CREDENTIAL_TYPE, sakariBaseUrl } from '../../shared/transport';

/**
 * Account → Get Many: `GET {base}/v1/accounts`, the accounts this API client may use
 * (developer.sakari.io/api-reference/accounts/get-all-of-your-sakari-accounts-split), paged like every list. It
 * is not below the credential's account, so its URL is absolute; each account's `apiCredentials` are left out
 * by the request path's secret guard.
 */
export const sendAccountList: RequestHandler = async (context, requestData) => {
	const url = `${sakariBaseUrl(await context.getCredentials(CREDENTIAL_TYPE))}/v1/accounts`;
	return await sendPages(context, { ...requestData, options: { ...requestData.options, url } });
};
