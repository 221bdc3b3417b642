// What a request with the credential carries (the account and Base URLs, the stored token when it may be sent, no
// redirects), and sakariApiRequest: one call to Sakari outside the node's routing (list search, the trigger).
import { createHash } from 'crypto';
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
import { quote } from './fieldChecks';
import { retryPlan } from './retryPolicy';
import { retrying } from './send';

export const CREDENTIAL_TYPE = 'sakariOAuth2Api';

export function normalizeBaseUrl(baseUrl: unknown): string {
	return String(baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/**
 * The credential's Base URL without trailing slashes or spaces: the one origin credentials are ever sent to.
 * Refused unless it is an http(s) address without a path: the node adds `/v1/…` and the token request
 * `/oauth2/token` itself, so `https://api.sakari.io/v1` would send the Client Secret to `/v1/oauth2/token`.
 */
export function sakariBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const base = normalizeBaseUrl(credentials.baseUrl);
	let url: URL | undefined;
	try {
		url = new URL(base);
	} catch {
		url = undefined;
	}
	if (!url || !['http:', 'https:'].includes(url.protocol)) {
		throw new Error(`The credential's Base URL ${quote(base)} is not an http(s) address: use https://api.sakari.io`);
	}
	if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
		const path = `${url.pathname}${url.search}${url.hash}`;
		throw new Error(
			/^\/v1(\/|$)/i.test(path)
				? `The credential's Base URL ${base} ends in /v1: use https://api.sakari.io without /v1 (the node adds /v1 to every request itself)`
				: `The credential's Base URL ${base} has a path (${path}): use Sakari's address without one, https://api.sakari.io (the node adds /v1 and /oauth2/token itself)`,
		);
	}
	return base;
}

/** `{base}/v1/accounts/{accountId}`: where every account resource (contacts, messages, …) lives. */
export function sakariAccountUrl(credentials: ICredentialDataDecryptedObject): string {
	return `${sakariBaseUrl(credentials)}/v1/accounts/${encodeURIComponent(String(credentials.accountId ?? '').trim())}`;
}

/**
 * Which base URL, client ID and secret a token was issued for, as a one-way hash: stored next to the token, so
 * a token is never sent once any of them changed (an edited secret, or a Base URL pointing at another server).
 */
export function credentialFingerprint(credentials: ICredentialDataDecryptedObject): string {
	return createHash('sha256')
		.update(
			[
				normalizeBaseUrl(credentials.baseUrl),
				String(credentials.clientId ?? '').trim(),
				String(credentials.clientSecret ?? ''),
			].join('\n'),
		)
		.digest('hex')
		.slice(0, 32);
}

/** The stored token, but only when it was issued for exactly these credentials. */
export function usableToken(credentials: ICredentialDataDecryptedObject): string | undefined {
	const token = credentials.accessToken;
	if (typeof token !== 'string' || token === '') return undefined;
	return credentials.accessTokenFor === credentialFingerprint(credentials) ? token : undefined;
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
