// sakariApiRequest: one call to Sakari outside the node's routing (list search, the trigger's subscriptions), with
// what every request with the credential carries (credentials/SakariOAuth2Api.credentials.ts).
import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, REQUEST_SAFETY, sakariAccountUrl, sakariBaseUrl } from '../../../credentials/SakariOAuth2Api.credentials';
import { readFailure, toSakariError } from './errors';
import { retryPlan } from './retryPolicy';
import { retrying } from './send';

/** Every n8n context a Sakari call is made from: node runs, pickers, webhook hooks and webhook calls. */
export type SakariContext = IExecuteFunctions | IExecuteSingleFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export interface SakariApiRequest {
	method: IHttpRequestMethods;
	/** Path below the account URL (`/contacts`), or below the Base URL with `account: false` (`/v1/tools/…`). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	account?: boolean;
	/** How often to try, as the retry policy allows (repeating the call must be harmless). Default: once. */
	attempts?: number;
}

/**
 * One call to Sakari outside the node's routing (list search, the trigger's subscriptions): URL from the
 * credential, bearer token through the credential, every failure a NodeApiError with Sakari's code and no secret.
 */
export async function sakariApiRequest(
	this: SakariContext,
	{ method, path, qs, body, account = true, attempts = 1 }: SakariApiRequest,
): Promise<IDataObject> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const url = `${account ? sakariAccountUrl(credentials) : sakariBaseUrl(credentials)}${path}`;
	const request = { method, url, qs, body, headers: { Accept: 'application/json' }, json: true, ...REQUEST_SAFETY };
	return await retrying(
		async () => (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, request)) as IDataObject,
		(error, attempt) => (attempt + 1 < attempts ? retryPlan(readFailure(error), attempt, true)?.delayMs : undefined),
		(error, tried) => toSakariError(this.getNode(), error, { attempts: tried }),
	);
}
