import type { Operation } from '../../shared/resource';
import { sendPages } from '../../shared/pages';
import { CREDENTIAL_TYPE, sakariBaseUrl } from '../../../../credentials/SakariOAuth2Api.credentials';

/**
 * Account → Get Many: `GET {base}/v1/accounts`, the accounts this API client may use
 * (developer.sakari.io/api-reference/accounts/get-all-of-your-sakari-accounts-split), paged like every list. It
 * is not below the credential's account, so its URL is absolute; each account's `apiCredentials` are left out
 * by the request path's secret guard.
 */
export const getAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many accounts the credential can use',
		description: 'List the Sakari accounts this API client may use, without their API credentials',
		// The handler sets the URL: the list lives outside the credential's account.
		routing: { request: { method: 'GET' } },
	},
	send: async (context, requestData) => {
		const url = `${sakariBaseUrl(await context.getCredentials(CREDENTIAL_TYPE))}/v1/accounts`;
		return await sendPages(context, { ...requestData, options: { ...requestData.options, url } });
	},
	paged: true,
};
