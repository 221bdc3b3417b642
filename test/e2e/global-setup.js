'use strict';
// Before any e2e test: the n8n runtime (installed on first use, ~8 min) and the migrated user-folder
// template with an owner account (~30 s on first use). Both are cached outside the checkout.
const { prepareTemplate, runtime } = require('../../scripts/n8n');

module.exports = async () => {
	const started = Date.now();
	const { n8nVersion } = runtime();
	await prepareTemplate();
	process.stderr.write(`\n[e2e] n8n ${n8nVersion} runtime and user-folder template ready in ${Date.now() - started} ms\n`);
};
