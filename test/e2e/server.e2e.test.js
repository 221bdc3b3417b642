// @ts-check
'use strict';
// `n8n start` with the package installed: the editor's node list and icon, and the credential "Test" button
// (POST /rest/credentials/test, as the editor calls it, logged in as the owner) against the sandbox.
const { startCheckedSandbox, useContractCheck } = require('./folder');
const n8n = require('../../scripts/n8n');
const path = require('node:path');

const CREDENTIAL = { id: 'sakariE2eCredTst', name: 'Sakari sandbox' };

let sandbox;
useContractCheck(() => sandbox);
let folder;
let server;

const tokenRequests = () => sandbox.requests().filter((request) => request.path === '/oauth2/token');

// What the credential dialog submits: the fields, not the stored token.
function credentialData(overrides = {}) {
	const { accessToken, ...fields } = n8n.sandboxCredentialData(sandbox, overrides);
	return fields;
}

beforeAll(async () => {
	sandbox = await startCheckedSandbox();
	folder = await n8n.freshUserFolder({ label: 'server', tarball: n8n.packPackage() });
	await n8n.importCredentials(folder, [
		{ ...CREDENTIAL, type: n8n.CREDENTIAL_TYPE, data: n8n.sandboxCredentialData(sandbox) },
	]);
	server = await n8n.startServer(folder, { logFile: path.join(folder, 'n8n.log'), maxLifetimeMs: 15 * 60_000 });
	await server.login();
});

afterAll(async () => {
	await server?.stop();
	if (folder) n8n.removeUserFolder(folder);
	await sandbox?.close();
});

beforeEach(() => {
	sandbox.reset();
});

test('the editor lists the Sakari node from the installed package, with its icon and credential', async () => {
	const nodeTypes = await server.rest.expectOk('GET', '/types/nodes.json');
	const sakari = nodeTypes.find((type) => type.name === n8n.NODE_TYPE);
	expect(sakari).toMatchObject({ displayName: 'Sakari', version: 1 });
	expect(sakari.credentials).toEqual([expect.objectContaining({ name: n8n.CREDENTIAL_TYPE })]);

	const iconPath = typeof sakari.iconUrl === 'string' ? sakari.iconUrl : sakari.iconUrl.light;
	const icon = await fetch(`${server.url}/${iconPath.replace(/^\//, '')}`);
	expect(icon.status).toBe(200);
	expect(await icon.text()).toContain('<svg');

	const credentialTypes = await server.rest.expectOk('GET', '/types/credentials.json');
	expect(credentialTypes.map((type) => type.name)).toContain(n8n.CREDENTIAL_TYPE);
});

test('the credential test succeeds with the right client secret', async () => {
	const result = await server.testCredential({ ...CREDENTIAL, type: n8n.CREDENTIAL_TYPE, data: credentialData() });

	expect(result).toMatchObject({ status: 'OK' });
	expect(tokenRequests().map((request) => request.status)).toEqual([200]);
	const accountRequests = sandbox.requests().filter((request) => request.path === '/v1/accounts/acc_sandbox');
	expect(accountRequests).toHaveLength(1);
	expect(accountRequests[0]).toMatchObject({ method: 'GET', status: 200 });
});

test('the credential test fails with a wrong client secret, and says why', async () => {
	const result = await server.testCredential({
		...CREDENTIAL,
		type: n8n.CREDENTIAL_TYPE,
		data: credentialData({ clientSecret: 'not-the-secret' }),
	});

	expect(result.status).toBe('Error');
	// Sakari's refusal reaches the editor (the exact wording is the credential's, see its unit tests).
	expect(result.message).toMatch(/401|client secret/i);
	expect(result.message).not.toContain('not-the-secret');
	// Sakari refused the grant, so no API call was attempted with a token.
	expect(tokenRequests().map((request) => request.status)).toEqual([401]);
	expect(sandbox.requests().filter((request) => request.path.startsWith('/v1/'))).toHaveLength(0);
});

test('the credential test fails for an account the client cannot use', async () => {
	const result = await server.testCredential({
		...CREDENTIAL,
		type: n8n.CREDENTIAL_TYPE,
		data: credentialData({ accountId: 'acc_someone_else' }),
	});

	expect(result.status).toBe('Error');
	// n8n 1.x loses the HTTP response of its own request errors (a class field resets `cause`), so its credential
	// tester never applies a credential's response-code messages and shows its generic 404 text.
	expect(result.message).toContain(
		n8n.runtime().n8nVersion.startsWith('1.') ? 'The resource you are requesting could not be found' : 'Sakari has no account with this Account ID',
	);
});
