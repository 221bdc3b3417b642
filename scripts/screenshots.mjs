#!/usr/bin/env node
// @ts-check
// `npm run screenshots`: regenerates docs/screenshots/*.png from the real n8n editor. Starts what `npm start`
// starts (the package built privately, the Sakari sandbox, n8n 2.41.1 with a "Sakari sandbox" credential and the
// examples), drives Debian's Chromium headless through playwright-core, and stops everything afterwards.
// Options: --out <dir> (default docs/screenshots). Needs /usr/bin/chromium (apt-get install -y chromium).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const editor = require('./n8n/editor.js');
const { ROOT } = require('./n8n/index.js');

const outIndex = process.argv.indexOf('--out');
const OUT = outIndex > 0 ? process.argv[outIndex + 1] : join(ROOT, 'docs', 'screenshots');
const VIEWPORT = { width: 1440, height: 900 };

const say = (message) => process.stderr.write(`${message}\n`);

const PHONE_VIEWPORT = { width: 390, height: 700 };
const TALL_VIEWPORT = { width: 1440, height: 1500 };

/** Manual Trigger → Send and Wait for Response (Approval): what the approval page screenshot opens the link of. */
const APPROVAL_WORKFLOW = {
	id: 'sakariShotApprove',
	name: 'Sakari: approve a refund by SMS',
	nodes: [
		{ id: 'a1b2c3d4-0000-4000-8000-00000000a001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'a1b2c3d4-0000-4000-8000-00000000a002',
			name: 'Ask the manager',
			type: 'n8n-nodes-sakari.sakari',
			typeVersion: 1,
			position: [240, 0],
			parameters: {
				resource: 'message',
				operation: 'sendAndWait',
				sendTo: 'mobileNumber',
				toMobileNumber: '+13475550999',
				toMobileCountry: 'US',
				message: 'Refund $40 to Ada Lovelace for order #1042?',
				responseType: 'approval',
			},
			credentials: { sakariOAuth2Api: editor.CREDENTIAL },
		},
	],
	connections: { Start: { main: [[{ node: 'Ask the manager', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

/** Clicks "Execute workflow" and waits until the sandbox received the text the waiting node sent; returns it. */
async function executeUntilTexted(page, sandbox) {
	const before = sandbox.requests().length;
	await page.click('[data-test-id=execute-workflow-button]');
	for (let waited = 0; waited < 60_000; waited += 250) {
		const sent = sandbox.requests().slice(before).find((request) => request.method === 'POST' && request.path.endsWith('/messages'));
		if (sent) {
			await page.waitForTimeout(1500);
			return String(sent.body?.template ?? '');
		}
		await page.waitForTimeout(250);
	}
	throw new Error('the workflow sent no text within a minute');
}

async function shot(page, name, what, viewport = VIEWPORT) {
	// Let transitions and lazy panels settle; keep the pointer out of the picture.
	await page.mouse.move(viewport.width - 5, viewport.height - 5);
	await page.waitForTimeout(800);
	const file = join(OUT, name);
	await page.screenshot({ path: file });
	say(`  ${name}: ${what}`);
}

async function main() {
	mkdirSync(OUT, { recursive: true });
	// Fixed ports when free, so the Base URL in the pictures does not change from run to run.
	const env = await editor.startEditor({ port: undefined, sandboxPort: 4010 });
	let browser;
	try {
		browser = await editor.launchBrowser();
		const page = await editor.signedInPage(browser, env.url, VIEWPORT);
		say(`Taking screenshots of n8n at ${env.url} into ${OUT}`);

		await editor.openWorkflow(page, env.url, 'sakariCreateDemo');
		await editor.searchNodes(page, 'SMS');
		await shot(page, 'node-picker-search.png', 'the node picker finds Sakari for "SMS"');
		await page.keyboard.press('Escape');

		await editor.openWorkflow(page, env.url, 'sakariCreateDemo');
		await editor.openSakariActions(page);
		await shot(page, 'node-picker-actions.png', "Sakari's actions, grouped by resource");

		// The action list is longer than the window: Lead Form, Link and Phone Number in a taller second picture.
		await page.setViewportSize(TALL_VIEWPORT);
		await editor.openWorkflow(page, env.url, 'sakariCreateDemo');
		await editor.openSakariActions(page);
		await editor.scrollActions(page, 'Get available phone numbers by area code or type with prices');
		await page.getByText(/^lead form actions$/i).first().evaluate((header) => header.scrollIntoView({ block: 'start' }));
		await shot(page, 'node-picker-actions-more.png', "the rest of Sakari's actions: File, Lead Form, Link, Message, Phone Number, Template", TALL_VIEWPORT);
		await page.setViewportSize(VIEWPORT);

		// A workflow of its own, so the node added here never shows up in the executed example below.
		await editor.openWorkflow(page, env.url, 'sakariWelcomeText');
		await editor.addSakariAction(page, 'Create or update a contact by mobile number');
		await page.click('[data-test-id=collection-parameter-add]');
		await page.locator('.el-select-dropdown__item:visible', { hasText: 'First Name' }).first().waitFor();
		await shot(page, 'contact-create-panel.png', 'a new Contact → Create or Update node: fields, placeholders, Additional Fields');

		await editor.openWorkflow(page, env.url, 'sakariChartAsMms');
		await editor.executeWorkflow(page, 2);
		await editor.openNode(page, 'Send chart as MMS');
		await shot(page, 'mms-attachments-panel.png', 'the MMS example executed: the chart as binary input, Attachments, the queued MMS');

		await editor.openWorkflow(page, env.url, 'sakariWelcomeText');
		await editor.addSakariAction(page, 'Create a campaign from a name and message text');
		await shot(page, 'campaign-create-panel.png', 'a new Campaign → Create node: name, text, trigger, audience filters');

		await editor.openCredential(page, env.url, editor.CREDENTIAL.name);
		await editor.credentialTestResult(page);
		await shot(page, 'credential-dialog.png', 'the Sakari OAuth2 API credential, tested successfully against the sandbox');

		await editor.createCredential(page, env.url, {
			accountId: env.sandbox.accountId,
			clientId: env.sandbox.clientId,
			clientSecret: 'not-the-secret',
			baseUrl: env.sandbox.url,
		});
		await editor.credentialTestResult(page);
		await shot(page, 'credential-test-failed.png', 'the same dialog with a wrong Client Secret: the test fails');

		// Send and Wait for Response: the appointment example run in the editor with its pinned appointment waits for
		// the SMS reply; an approval asked the same way gives the page its link opens, seen on a phone.
		await editor.openWorkflow(page, env.url, 'sakariConfirmAppt');
		await executeUntilTexted(page, env.sandbox);
		await editor.openNode(page, 'Ask to confirm');
		await shot(page, 'send-and-wait-waiting.png', 'the appointment example executed: Ask to confirm waits for the SMS reply');
		await page.keyboard.press('Escape');
		await env.server.login();
		await env.server.rest.expectOk('POST', '/rest/workflows', APPROVAL_WORKFLOW);
		await editor.openWorkflow(page, env.url, APPROVAL_WORKFLOW.id);
		const approvalText = await executeUntilTexted(page, env.sandbox);
		const phone = await browser.newPage({ viewport: PHONE_VIEWPORT, deviceScaleFactor: 2 });
		await phone.goto(/(\S+)$/.exec(approvalText)?.[1] ?? '');
		await shot(phone, 'send-and-wait-approval-page.png', 'the page behind the approval link, on a phone', PHONE_VIEWPORT);
		await phone.close();

		await editor.openWorkflow(page, env.url, 'sakariCreateDemo');
		await editor.executeWorkflow(page, 3);
		await shot(page, 'executed-workflow.png', '"Create contacts in Sakari" executed: 3 items through the Sakari node');
		await editor.openNode(page, 'Create contact');
		await shot(page, 'executed-node-output.png', 'the executed Create contact node: input rows, parameters, created contacts');
	} finally {
		await browser?.close();
		await env.stop();
	}
}

main().catch((error) => {
	say(`Error: ${error.stack ?? error.message}`);
	process.exit(1);
});
