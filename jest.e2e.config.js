// @ts-check
// End-to-end tests: real n8n 2.41.1 (cached runtime, scripts/runtime.mjs) loads the built package and runs
// workflows against the local sandbox. `npm run test:e2e` builds first. See docs/e2e.md.
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.js'],
	transform: {},
	// Installs the runtime (first time ~7 min), prepares the user-folder template and packs the package.
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.js',
	// One n8n process is started per CLI command (~4 s each) and a test runs several.
	testTimeout: 180_000,
	slowTestThreshold: 60,
};
