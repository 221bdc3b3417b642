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

async function shot(page, name, what) {
	// Let transitions and lazy panels settle; keep the pointer out of the picture.
	await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height - 5);
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

		// A workflow of its own, so the node added here never shows up in the executed example below.
		await editor.openWorkflow(page, env.url, 'sakariWelcomeText');
		await editor.addSakariAction(page, 'Create or update a contact');
		await page.click('[data-test-id=collection-parameter-add]');
		await page.locator('.el-select-dropdown__item:visible', { hasText: 'First Name' }).first().waitFor();
		await shot(page, 'contact-create-panel.png', 'a new Contact → Create or Update node: fields, placeholders, Additional Fields');

		await editor.openWorkflow(page, env.url, 'sakariChartAsMms');
		await editor.executeWorkflow(page, 2);
		await editor.openNode(page, 'Send chart as MMS');
		await shot(page, 'mms-attachments-panel.png', 'the MMS example executed: the chart as binary input, Attachments, the queued MMS');

		await editor.openWorkflow(page, env.url, 'sakariWelcomeText');
		await editor.addSakariAction(page, 'Create a campaign');
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
