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

let nodeSeq = 0;

/**
 * A workflow node as `n8n import:workflow` takes it, with a unique id; without a position, the next slot of a row.
 * @param {string} name
 * @param {string} type
 * @param {number} typeVersion
 * @param {object} parameters
 * @param {number[]} [position]
 * @param {object} [extra] node settings (credentials, onError, …)
 */
function workflowNode(name, type, typeVersion, parameters, position, extra = {}) {
	nodeSeq += 1;
	return {
		id: `00000000-0000-4000-8000-${String(nodeSeq).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position: position ?? [nodeSeq * 220, 0],
		parameters,
		...extra,
	};
}

module.exports = { PACKAGE_NAME, NODE_TYPE, CREDENTIAL_TYPE, OWNER, sandboxCredentialData, workflowNode };
