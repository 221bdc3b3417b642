// @ts-check
'use strict';
// Before the browser test: Debian's Chromium must be there (CI: `apt-get install -y chromium`), and the n8n
// runtime and user-folder template (installed on first use, cached outside the checkout) are made ready.
const fs = require('node:fs');
const { prepareTemplate, runtime } = require('../../scripts/n8n');
const { CHROMIUM } = require('../../scripts/n8n/editor');

module.exports = async () => {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`${CHROMIUM} not found: install Debian's Chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
	}
	const started = Date.now();
	const { n8nVersion } = runtime();
	await prepareTemplate();
	process.stderr.write(`\n[browser] n8n ${n8nVersion} runtime and user-folder template ready in ${Date.now() - started} ms\n`);
};
