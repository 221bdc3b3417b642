// @ts-check
'use strict';
// Removes the tarball the global setup packed.
const fs = require('node:fs');
const path = require('node:path');

module.exports = async () => {
	const tarball = process.env.SAKARI_E2E_TARBALL;
	if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
};
