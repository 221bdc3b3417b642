// @ts-check
// Browser test: the real n8n editor (n8n 2.41.1 from the cached runtime, scripts/runtime.mjs) in Debian's Chromium
// (/usr/bin/chromium, `apt-get install -y chromium`) driven by playwright-core. `npm run test:browser`.
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/browser'],
	testMatch: ['**/*.browser.test.js'],
	transform: {},
	// Installs the runtime (first time ~8 min) and the pre-migrated user-folder template before any test.
	globalSetup: '<rootDir>/test/browser/global-setup.js',
	testTimeout: 180_000,
	slowTestThreshold: 60,
};
