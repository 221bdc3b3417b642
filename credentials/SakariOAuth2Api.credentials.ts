// Sakari's credential, and what every request with it carries: the account and Base URLs (a Base URL with a path is
// refused), the stored token only for the credential it was issued for and only to the Base URL's origin, no redirects.
import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { quote } from '../nodes/Sakari/shared/fieldChecks';
import { getAccessToken } from '../nodes/Sakari/shared/token';

export const CREDENTIAL_TYPE = 'sakariOAuth2Api';

export const normalizeBaseUrl = (baseUrl: unknown): string => String(baseUrl ?? '').trim().replace(/\/+$/, '');

/**
 * The credential's Base URL without trailing slashes or spaces: the one origin credentials are ever sent to.
 * Refused unless it is an http(s) address without a path: the node adds `/v1/…` and the token request
 * `/oauth2/token` itself, so `https://api.sakari.io/v1` would send the Client Secret to `/v1/oauth2/token`.
 */
export function sakariBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const base = normalizeBaseUrl(credentials.baseUrl);
	const url = URL.canParse(base) ? new URL(base) : undefined;
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
	const owner = [normalizeBaseUrl(credentials.baseUrl), String(credentials.clientId ?? '').trim(), String(credentials.clientSecret ?? '')];
	return createHash('sha256').update(owner.join('\n')).digest('hex').slice(0, 32);
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

/** The origin of a URL, or undefined when it has none (a relative URL). */
function originOf(url: string | undefined): string | undefined {
	return url && URL.canParse(url) ? new URL(url).origin : undefined;
}

/**
 * Sakari's OAuth2 client-credentials grant, done in `preAuthentication` (as n8n's CrowdStrike credential does)
 * because n8n's built-in OAuth2 client sends the grant form-encoded while Sakari documents a JSON body.
 */
export class SakariOAuth2Api implements ICredentialType {
	name = CREDENTIAL_TYPE;

	displayName = 'Sakari OAuth2 API';

	icon: Icon = { light: 'file:../icons/sakari.svg', dark: 'file:../icons/sakari.dark.svg' };

	documentationUrl = 'https://developer.sakari.io/api-reference/authentication/get-token-for-accessing-apis';

	properties: INodeProperties[] = [
		{
			displayName:
				'Copy these three values from the Sakari app (hub.sakari.io): Settings > Account Settings > API, or the cog in the top right > API Credentials. Click "Request Credentials" there if none are shown.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 5f8a1c2b3d4e5f6a7b8c9d0e',
			description: 'The ID of the Sakari account the node works in, shown next to the API credentials',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: "The API client's ID; Sakari issues it together with the Client Secret",
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API client secret. n8n stores it encrypted; the node never outputs or logs it.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.sakari.io',
			placeholder: 'https://api.sakari.io',
			description:
				"Sakari's API address, without a path (not …/v1: the node adds it). Change it only to use a test server such as this package's local sandbox (npm run sandbox).",
		},
		{
			// Filled by preAuthentication and stored by n8n; emptied when Sakari rejects it, which fetches a new one.
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// Which Base URL, Client ID and Secret the token was issued for (a hash): a token is never sent after
			// any of them changed, so an edited secret is really tested and a token never reaches another server.
			displayName: 'Access Token Issued For',
			name: 'accessTokenFor',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const accessToken = await getAccessToken(this.helpers.httpRequest, credentials);
		return { accessToken, accessTokenFor: credentialFingerprint(credentials) };
	}

	// The node's requests carry account-relative URLs (`/contacts`): the account URL goes in front here, where
	// the decrypted credential is at hand, instead of an expression n8n would evaluate twice per row. The token
	// goes only to the credential's own Base URL origin, and no request follows a redirect. Without a usable
	// token the request goes out unauthenticated: Sakari answers 401, and n8n then calls preAuthentication and
	// sends the request again.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const options = { ...requestOptions, ...REQUEST_SAFETY };
		if (!options.baseURL && originOf(options.url) === undefined) options.baseURL = sakariAccountUrl(credentials);
		const target = originOf(options.url) ?? originOf(options.baseURL);
		const token = usableToken(credentials);
		if (!token || target !== originOf(sakariBaseUrl(credentials))) return options;
		return { ...options, headers: { ...options.headers, Authorization: `Bearer ${token}` } };
	}

	// The account itself: the cheapest call that proves the token and the account ID together.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: '=/v1/accounts/{{encodeURIComponent($credentials.accountId.trim())}}',
			method: 'GET',
		},
		// The token was accepted by now (a refused Client ID or Secret fails earlier, with its own message).
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Sakari has no account with this Account ID: copy it again from Settings > Account Settings > API',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'This API client may not read this account: check the Account ID and the client\'s access in Sakari',
				},
			},
		],
	};
}
