// @ts-check
'use strict';
// The n8n editor as a user sees it, in Debian's Chromium: the Sakari node's panel shows the expected fields, and
// the credential dialog's connection test succeeds against the local sandbox and fails with a wrong secret.
const editor = require('../../scripts/n8n/editor');

let env;
let browser;
let page;

beforeAll(async () => {
	env = await editor.startEditor();
	browser = await editor.launchBrowser();
	page = await editor.signedInPage(browser, env.url);
}, 240_000);

afterAll(async () => {
	await browser?.close();
	await env?.stop();
});

/** Polls `read` until `accept` says yes (jest has no expect.poll). */
async function eventually(read, accept, { timeoutMs = 15_000, what = 'a condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (accept(value)) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

const tokenRequests = () => env.sandbox.requests().filter((request) => request.path === '/oauth2/token');
const accountRequests = () =>
	env.sandbox.requests().filter((request) => request.method === 'GET' && request.path === `/v1/accounts/${env.sandbox.accountId}`);

test('the node picker finds Sakari for "SMS", "text message" and "contact", and lists its actions', async () => {
	for (const query of ['SMS', 'text message', 'contact']) {
		await editor.openWorkflow(page, env.url, 'sakariWelcomeText');
		await editor.searchNodes(page, query);
		const names = await page.locator('[data-test-id=node-creator-item-name]').allInnerTexts();
		expect({ query, found: names.some((name) => name.trim() === 'Sakari') }).toEqual({ query, found: true });
	}
	await editor.openWorkflow(page, env.url, 'sakariWelcomeText');
	const actions = await editor.allSakariActions(page);
	for (const action of [
		'Get the account with its credit balance',
		'Create or update a contact by mobile number',
		'Send an SMS to a mobile number and return the queued message',
		'Send an SMS to a mobile number and wait for the response',
		'Close a conversation by ID and return the conversation',
		'Create a template from a name and message text',
		'Upload a file from binary data and return its short link',
	]) {
		expect(actions).toContain(action);
	}
});

test('a new Contact → Create or Update node shows its fields, with the sandbox credential picked', async () => {
	await editor.openWorkflow(page, env.url, 'sakariWelcomeText');
	await editor.addSakariAction(page, 'Create or update a contact by mobile number');
	const labels = (await editor.parameterLabels(page)).map((label) => label.replace(/FixedExpression$/, '').trim());
	const expected = [
		'Credential',
		'Resource',
		'Operation',
		'Mobile Number',
		'Mobile Country',
		'Merge Strategy',
		'Additional Fields',
		'Import in Bulk',
		'Request Options',
	];
	// In this order, before n8n's own settings; pacing lives in Request Options, the old Rate Limiting is hidden.
	expect(labels.filter((label) => expected.includes(label))).toEqual(expected);
	expect(labels).not.toContain('Rate Limiting');

	const panel = page.locator('[data-test-id=node-parameters]');
	await expect(panel.locator('[data-test-id=node-credentials-select] input').inputValue()).resolves.toBe(editor.CREDENTIAL.name);
	await expect(panel.locator('[data-test-id=parameter-input-resource] input').inputValue()).resolves.toBe('Contact');
	await expect(panel.locator('[data-test-id=parameter-input-operation] input').inputValue()).resolves.toBe('Create or Update');
	await expect(panel.locator('[data-test-id=parameter-input-mobileNumber] input').getAttribute('placeholder')).resolves.toBe(
		'e.g. +13471234567',
	);
	await expect(panel.locator('[data-test-id=parameter-input-mobileCountry] input').inputValue()).resolves.toBe('United States (US)');
	await expect(panel.locator('[data-test-id=parameter-input-mergeStrategy] input').inputValue()).resolves.toBe('Sakari Default');
	await expect(panel.getByText('Create contact', { exact: true }).getAttribute('href')).resolves.toBe(
		'https://developer.sakari.io/api-reference/contacts/create-contact',
	);

	// Additional Fields offers the optional contact fields.
	await panel.locator('[data-test-id=collection-parameter-add]').first().click();
	const options = page.locator('.el-select-dropdown__item:visible');
	await options.first().waitFor();
	expect((await options.allInnerTexts()).map((text) => text.trim())).toEqual(['Attributes', 'Email', 'First Name', 'Last Name', 'List IDs']);
	await page.keyboard.press('Escape');
});

test('Message → Send shows who to text and the message, with Sakari placeholders explained', async () => {
	await editor.openWorkflow(page, env.url, 'sakariWelcomeText');
	await editor.openNode(page, 'Send welcome SMS');
	const labels = (await editor.parameterLabels(page)).map((label) => label.replace(/FixedExpression$/, '').trim());
	expect(labels).toEqual(expect.arrayContaining(['Resource', 'Operation', 'Send To', 'Contact', 'Message', 'Additional Fields']));
	const panel = page.locator('[data-test-id=node-parameters]');
	await expect(panel.locator('[data-test-id=parameter-input-sendTo] input').inputValue()).resolves.toBe('Contact');
	await expect(panel.innerText()).resolves.toContain('{{{firstName}}}');
	await page.keyboard.press('Escape');
});

test('the welcome example runs in the editor: contacts created, then one SMS queued per contact', async () => {
	env.sandbox.clearRequests();
	await editor.openWorkflow(page, env.url, 'sakariWelcomeText');
	await editor.executeWorkflow(page, 4);
	const sends = env.sandbox.requests().filter((request) => request.method === 'POST' && request.path.endsWith('/messages'));
	expect(sends.map((request) => request.body.template)).toEqual([
		'Hi {{{firstName}}}, welcome aboard! Reply STOP to opt out.',
		'Hi {{{firstName}}}, welcome aboard! Reply STOP to opt out.',
	]);
	expect(sends.every((request) => request.status === 200 && typeof request.body.contacts[0].id === 'string')).toBe(true);
});

test('the credential test button reports success against the sandbox', async () => {
	env.sandbox.clearRequests();
	await editor.openCredential(page, env.url, editor.CREDENTIAL.name);
	expect((await editor.credentialTestResult(page)).ok).toBe(true);

	// "Retry" is the dialog's test button: it asks Sakari (the sandbox) for the account again.
	const before = accountRequests().length;
	await page.locator('[data-test-id=editCredential-modal]').getByRole('button', { name: 'Retry' }).click();
	await eventually(() => accountRequests().length, (count) => count > before, { what: 'the account request of the test' });
	expect((await editor.credentialTestResult(page)).ok).toBe(true);
	expect(accountRequests().every((request) => request.status === 200)).toBe(true);
	await page.keyboard.press('Escape');
});

test('the credential test reports failure with a wrong client secret, and success once it is corrected', async () => {
	env.sandbox.clearRequests();
	await editor.createCredential(page, env.url, {
		accountId: env.sandbox.accountId,
		clientId: env.sandbox.clientId,
		clientSecret: 'not-the-secret',
		baseUrl: env.sandbox.url,
	});
	const failed = await editor.credentialTestResult(page);
	expect(failed.ok).toBe(false);
	// Sakari (the sandbox) refused every token request with that secret, so no API call could be made with it.
	const withWrongSecret = tokenRequests().filter((request) => request.body?.client_secret === 'not-the-secret');
	expect(withWrongSecret.length).toBeGreaterThan(0);
	expect(withWrongSecret.every((request) => request.status === 401)).toBe(true);
	expect(failed.text).not.toContain('not-the-secret');

	await editor.fillCredential(page, { clientSecret: env.sandbox.clientSecret });
	await page.click('[data-test-id=credential-save-button]');
	await eventually(async () => (await editor.credentialTestResult(page)).ok, (ok) => ok, { timeoutMs: 30_000, what: 'a successful test' });
	expect(accountRequests().length).toBeGreaterThan(0);
	await page.keyboard.press('Escape');
});

// n8n keeps the token with the credential; the credential only sends it for the secret it was issued for,
// so an edited secret is really tested instead of passing on the old token.
test('changing a working credential to a wrong secret makes its test fail', async () => {
	await editor.openCredential(page, env.url, editor.CREDENTIAL.name);
	expect((await editor.credentialTestResult(page)).ok).toBe(true);
	try {
		await editor.fillCredential(page, { clientSecret: 'not-the-secret' });
		await page.click('[data-test-id=credential-save-button]');
		await page.waitForTimeout(3000);
		expect((await editor.credentialTestResult(page)).ok).toBe(false);
	} finally {
		await editor.fillCredential(page, { clientSecret: env.sandbox.clientSecret });
		await page.click('[data-test-id=credential-save-button]');
		await page.waitForTimeout(1000);
		await page.keyboard.press('Escape');
	}
});
