// @ts-check
'use strict';
// What the local n8n instances are set up with: the owner login, and the names the package registers.
const PACKAGE_NAME = 'n8n-nodes-sakari';
const NODE_TYPE = `${PACKAGE_NAME}.sakari`;
const CREDENTIAL_TYPE = 'sakariOAuth2Api';

// The throwaway local instance's login: nothing it protects leaves 127.0.0.1.
const OWNER = Object.freeze({
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'SakariDemo1',
});

/**
 * A "Sakari OAuth2 API" credential's plaintext data pointing at a sandbox (n8n encrypts it on import).
 * @param {{ accountId: string, clientId: string, clientSecret: string, url: string }} sandbox
 * @param {Record<string, unknown>} [overrides]
 */
function sandboxCredentialData(sandbox, overrides = {}) {
	return {
		accountId: sandbox.accountId,
		clientId: sandbox.clientId,
		clientSecret: sandbox.clientSecret,
		baseUrl: sandbox.url,
		accessToken: '',
		...overrides,
	};
}

module.exports = { PACKAGE_NAME, NODE_TYPE, CREDENTIAL_TYPE, OWNER, sandboxCredentialData };
