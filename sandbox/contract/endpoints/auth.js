// @ts-check
'use strict';
// The token endpoint: OAuth2 client credentials as a JSON body (the only documented form).
const { OPENAPI_1_0_1 } = require('../schemas');

module.exports = [
	{
		name: 'Token',
		method: 'POST',
		path: '/oauth2/token',
		source: 'https://developer.sakari.io/quickstart#step-1-authenticate',
		auth: false,
		body: {
			'application/json': {
				$comment: `${OPENAPI_1_0_1} (components › TokenRequest, /oauth2/token samples)`,
				type: 'object',
				required: ['grant_type', 'client_id', 'client_secret'],
				properties: { grant_type: { const: 'client_credentials' }, client_id: { type: 'string', minLength: 1 }, client_secret: { type: 'string', minLength: 1 } },
			},
		},
		answers: {
			200: {
				$comment: `${OPENAPI_1_0_1} (components › TokenResponse): no expires_in; the JWT's exp claim is the expiry`,
				type: 'object',
				required: ['access_token', 'token_type'],
				properties: { access_token: { type: 'string', minLength: 1 }, token_type: { type: 'string', pattern: '^[Bb]earer$' } },
			},
		},
	},
];
