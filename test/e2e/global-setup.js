// @ts-check
'use strict';
// Before any e2e test: the n8n runtime (installed on first use, ~7 min) and the migrated user-folder
// template with an owner account (~30 s on first use), both cached outside the checkout; and the package
// packed once from dist/, so every test file installs the same build.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { packPackage, prepareTemplate, runtime } = require('../../scripts/n8n');

module.exports = async () => {
	const started = Date.now();
	const { n8nVersion } = runtime();
	await prepareTemplate();
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakari-e2e-pack-'));
	process.env.SAKARI_E2E_TARBALL = packPackage(packDir);
	process.stderr.write(`\n[e2e] n8n ${n8nVersion} runtime, user-folder template and package ready in ${Date.now() - started} ms\n`);
};
