import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { getAccessToken } from '../nodes/Sakari/shared/token';

/**
 * Sakari's OAuth2 client-credentials grant, done in `preAuthentication` (as n8n's CrowdStrike credential does)
 * because n8n's built-in OAuth2 client sends the grant form-encoded while Sakari documents a JSON body.
 */
export class SakariOAuth2Api implements ICredentialType {
	name = 'sakariOAuth2Api';

	displayName = 'Sakari OAuth2 API';

	icon: Icon = { light: 'file:sakari.svg', dark: 'file:sakari.dark.svg' };

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
			description: "Sakari's API address. Change it only to use a test server such as this package's local sandbox (npm run sandbox).",
		},
		{
			// Filled by preAuthentication and stored by n8n; emptied when Sakari rejects it, which fetches a new one.
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const accessToken = await getAccessToken(this.helpers.httpRequest, credentials);
		return { accessToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	// The account itself: the cheapest call that proves the token and the account ID together.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: '=/v1/accounts/{{encodeURIComponent($credentials.accountId.trim())}}',
			method: 'GET',
		},
	};
}
