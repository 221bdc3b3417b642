import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { readFailure, toSakariError } from './errors';
import { retrying, retryPlan } from './retryPolicy';

export const CREDENTIAL_TYPE = 'sakariOAuth2Api';

export function normalizeBaseUrl(baseUrl: unknown): string {
	return String(baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/** The credential's Base URL without trailing slashes or spaces: the one origin credentials are ever sent to. */
export function sakariBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return normalizeBaseUrl(credentials.baseUrl);
}

/** `{base}/v1/accounts/{accountId}`: where every account resource (contacts, messages, …) lives. */
export function sakariAccountUrl(credentials: ICredentialDataDecryptedObject): string {
	return `${sakariBaseUrl(credentials)}/v1/accounts/${encodeURIComponent(String(credentials.accountId ?? '').trim())}`;
}

/**
 * Settings every request with this credential carries (set by its authenticate(), and here as well): Sakari's
 * API does not redirect, so a redirect is not followed at all. A bearer token then never reaches another host,
 * not even a subdomain (n8n follows redirects by default and keeps credentials on same-site ones).
 */
export const REQUEST_SAFETY: Pick<IHttpRequestOptions, 'sendCredentialsOnCrossOriginRedirect' | 'disableFollowRedirect'> = {
	disableFollowRedirect: true,
	sendCredentialsOnCrossOriginRedirect: false,
};

type SakariContext = IExecuteFunctions | IExecuteSingleFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

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
