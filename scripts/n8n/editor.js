// @ts-check
'use strict';
// The real n8n editor in headless Chromium, for the browser test (test/browser) and `npm run screenshots`: the
// package built into a private folder and installed into a fresh n8n user folder, the local Sakari sandbox, a
// "Sakari sandbox" credential, the example workflows, `n8n start`, and Debian's Chromium driven by
// playwright-core (never a downloaded browser).
const fs = require('node:fs');
const path = require('node:path');

const n8n = require('.');
const { packPrivately } = require('./package');
const { startSandbox } = require('../../sandbox/server');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling Google on a machine with no internet.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const CREDENTIAL = { id: 'sakariSandbox001', name: 'Sakari sandbox' };
const EXAMPLES = [
	'create-contacts.json',
	'reply-to-incoming-sms.json',
	'send-chart-as-mms.json',
	'text-new-contacts.json',
	'confirm-appointment-by-sms.json',
];

const say = (message) => process.stderr.write(`[editor] ${message}\n`);

/** The example workflows, their credential pointed at the sandbox credential, each with a stable id. */
function exampleWorkflows() {
	return EXAMPLES.filter((file) => fs.existsSync(path.join(n8n.ROOT, 'examples', file))).map((file) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(n8n.ROOT, 'examples', file), 'utf8'));
		for (const node of workflow.nodes) {
			if (node.credentials?.[n8n.CREDENTIAL_TYPE]) node.credentials = { [n8n.CREDENTIAL_TYPE]: CREDENTIAL };
		}
		const id = workflow.id ?? `sakariEx${file.replace(/[^a-z]/gi, '').slice(0, 8)}`;
		return { ...workflow, id, active: false };
	});
}

/**
 * Sandbox + n8n with the package, the credential and the examples. Resolves to
 * `{ url, sandbox, server, workflows, stop() }`.
 * @param {{ port?: number, sandboxPort?: number }} [options]
 */
async function startEditor({ port, sandboxPort = 0 } = {}) {
	const cleanup = [];
	const stop = async () => {
		for (const step of cleanup.reverse()) await step().catch((error) => say(`cleanup: ${error.message}`));
		cleanup.length = 0;
	};
	try {
		say('building the package into a private folder…');
		const { stage, tarball } = packPrivately();
		cleanup.push(async () => fs.rmSync(stage, { recursive: true, force: true }));
		const sandbox = await startSandbox({ port: sandboxPort }).catch(() => startSandbox({ port: 0 }));
		cleanup.push(() => sandbox.close());
		const folder = await n8n.freshUserFolder({ label: 'browser', tarball });
		cleanup.push(async () => n8n.removeUserFolder(folder));
		await n8n.importCredentials(folder, [
			{
				...CREDENTIAL,
				type: n8n.CREDENTIAL_TYPE,
				data: n8n.sandboxCredentialData(sandbox),
			},
		]);
		const workflows = exampleWorkflows();
		await n8n.importWorkflows(folder, workflows);
		say('starting n8n…');
		const server = await n8n.startServer(folder, { port, logFile: path.join(folder, 'n8n.log'), maxLifetimeMs: 30 * 60_000 });
		cleanup.push(() => server.stop());
		return { url: server.url, sandbox, server, folder, workflows, credential: CREDENTIAL, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Debian's Chromium, headless, through playwright-core. */
async function launchBrowser() {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`${CHROMIUM} not found: install Debian's Chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
	}
	const { chromium } = require('playwright-core');
	return await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** A page of the editor, signed in as the local instance's owner. */
async function signedInPage(browser, url, { width = 1440, height = 900 } = {}) {
	const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale: 'en-US' });
	const page = await context.newPage();
	page.setDefaultTimeout(30_000);
	await page.goto(`${url}/signin`);
	await page.fill('input[name=emailOrLdapLoginId]', n8n.OWNER.email);
	await page.fill('input[name=password]', n8n.OWNER.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((address) => !address.pathname.startsWith('/signin'));
	return page;
}

// --- Steps in the editor, as a user does them (n8n 2.41 `data-test-id`s) ---

/** Opens a workflow on the canvas and waits for its nodes. */
async function openWorkflow(page, url, workflowId) {
	await page.goto(`${url}/workflow/${workflowId}`);
	await page.locator('[data-test-id=canvas-node]').first().waitFor();
	await page.waitForTimeout(500);
}

/** Opens "What happens next?" (the node picker) after the last node and searches. */
async function searchNodes(page, query) {
	await page.click('[data-test-id=node-creator-plus-button]');
	await page.locator('[data-test-id=node-creator-search-bar] input, [data-test-id=search-bar] input').first().fill(query);
	await page.locator('[data-test-id=node-creator-item-name]', { hasText: 'Sakari' }).first().waitFor();
}

/** The Sakari entry of the picker: its list of actions, grouped by resource. */
async function openSakariActions(page) {
	await searchNodes(page, 'Sakari');
	await page.keyboard.press('Enter');
	await page.locator('[data-test-id=item-iterator-item]', { hasText: 'Create or update a contact by mobile number' }).first().waitFor();
}

/**
 * The node creator renders its action list virtually (only the rows in view exist): scrolls it from the top to the
 * bottom, collecting every row's text, and stops early once `until` (a row's text) has been seen. At most 60 steps.
 * @param {import('playwright-core').Page} page @param {string} [until]
 */
async function scrollActions(page, until) {
	const rows = page.locator('[data-test-id=node-creator] [data-test-id=item-iterator-item]');
	await rows.first().hover();
	/** @type {string[]} */
	const seen = [];
	let unchanged = 0;
	for (let step = 0; step < 60 && unchanged < 3; step++) {
		const before = seen.length;
		for (const text of (await rows.allInnerTexts()).map((row) => row.trim())) if (!seen.includes(text)) seen.push(text);
		if (until !== undefined && seen.includes(until)) break;
		unchanged = seen.length === before ? unchanged + 1 : 0;
		await page.mouse.wheel(0, 300);
		await page.waitForTimeout(100);
	}
	return seen;
}

/** Every Sakari action the node creator lists, in its order (it is a virtual list: see scrollActions). */
async function allSakariActions(page) {
	await openSakariActions(page);
	return await scrollActions(page);
}

/** Adds a Sakari node for one action (e.g. "Create or update a contact by mobile number"); its panel opens. */
async function addSakariAction(page, action) {
	await openSakariActions(page);
	await scrollActions(page, action);
	await page.locator('[data-test-id=item-iterator-item]', { hasText: action }).first().click();
	await page.locator('[data-test-id=node-parameters]').waitFor();
	await page.waitForTimeout(500);
}

/** Opens a node's panel by its name on the canvas. */
async function openNode(page, name) {
	await page.locator('[data-test-id=canvas-node]', { hasText: name }).first().dblclick();
	await page.locator('[data-test-id=node-parameters]').waitFor();
	await page.waitForTimeout(500);
}

/** Clicks "Execute workflow" and waits until `count` nodes show success. */
async function executeWorkflow(page, count) {
	await page.click('[data-test-id=execute-workflow-button]');
	await page.waitForFunction(
		/* global document -- runs in the page, where `document` exists */
		(expected) => document.querySelectorAll('[data-test-id=canvas-node-status-success]').length >= expected,
		count,
		{ timeout: 60_000 },
	);
	await page.waitForTimeout(500);
}

/** The labels of the parameters the open panel shows, in order. */
async function parameterLabels(page) {
	return await page
		.locator('[data-test-id=node-parameters] [data-test-id=parameter-item] label, [data-test-id=node-parameters] [data-test-id=input-label] label')
		.evaluateAll((labels) => [...new Set(labels.map((label) => label.textContent.trim()).filter(Boolean))]);
}

/** Opens a stored credential's dialog from the Credentials list (n8n tests it on opening). */
async function openCredential(page, url, name) {
	await page.goto(`${url}/home/credentials`);
	await page.getByText(name, { exact: true }).first().click();
	await page.locator('[data-test-id=editCredential-modal] [data-test-id=parameter-input-accountId]').waitFor();
}

/** Creates a Sakari credential in the dialog and saves it (n8n tests it on saving). */
async function createCredential(page, url, fields) {
	await page.goto(`${url}/home/credentials/create`);
	await page.keyboard.type('Sakari');
	await page.locator('.el-select-dropdown__item', { hasText: 'Sakari OAuth2 API' }).click();
	await page.click('[data-test-id=new-credential-type-button]');
	await fillCredential(page, fields);
	await page.click('[data-test-id=credential-save-button]');
}

async function fillCredential(page, fields) {
	for (const [name, value] of Object.entries(fields)) {
		await page.fill(`[data-test-id=editCredential-modal] [data-test-id=parameter-input-${name}] input`, value);
	}
}

/** Waits for the dialog's connection test and returns `{ ok, text }` of its banner. */
async function credentialTestResult(page) {
	const modal = page.locator('[data-test-id=editCredential-modal]');
	const success = modal.getByText('Connection tested successfully');
	const failure = modal.getByText(/Couldn.t connect with these settings/);
	await success.or(failure).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
	const ok = await success.isVisible();
	return { ok, text: await modal.innerText() };
}

module.exports = {
	CHROMIUM,
	CREDENTIAL,
	startEditor,
	launchBrowser,
	signedInPage,
	openWorkflow,
	searchNodes,
	openSakariActions,
	scrollActions,
	allSakariActions,
	addSakariAction,
	openNode,
	executeWorkflow,
	parameterLabels,
	openCredential,
	createCredential,
	fillCredential,
	credentialTestResult,
};
