import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { getAccessToken } from '../nodes/Sakari/shared/token';
import { CREDENTIAL_TYPE, REQUEST_SAFETY, credentialFingerprint, sakariAccountUrl, sakariBaseUrl, usableToken } from '../nodes/Sakari/shared/transport';

/** The origin of a URL, or undefined when it has none (a relative URL). */
function originOf(url: string | undefined): string | undefined {
	try {
		return url ? new URL(url).origin : undefined;
	} catch {
		return undefined;
	}
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
