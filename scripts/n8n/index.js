// @ts-check
'use strict';
// Drives real n8n (the runtime cached by scripts/runtime.mjs) for the end-to-end tests, `npm start`, the
// benchmarks and the queue-mode test. One file per job; this index keeps the names every importer uses.
// Everything listens on 127.0.0.1; every child process has a time limit and is killed when this process exits.
const cli = require('./cli');
const fixtures = require('./fixtures');
const pkg = require('./package');
const processes = require('./processes');
const { RestClient, readAnswer } = require('./rest');
const runtime = require('./runtime');
const { startServer, startWorker } = require('./server');
const userFolder = require('./user-folder');

module.exports = {
	ROOT: pkg.ROOT,
	PACKAGE_NAME: fixtures.PACKAGE_NAME,
	NODE_TYPE: fixtures.NODE_TYPE,
	CREDENTIAL_TYPE: fixtures.CREDENTIAL_TYPE,
	OWNER: fixtures.OWNER,
	sandboxCredentialData: fixtures.sandboxCredentialData,
	workflowNode: fixtures.workflowNode,
	runtime: runtime.runtime,
	freePort: processes.freePort,
	n8nEnv: runtime.n8nEnv,
	runCli: cli.runCli,
	packPackage: pkg.packPackage,
	installPackage: pkg.installPackage,
	prepareTemplate: userFolder.prepareTemplate,
	freshUserFolder: userFolder.freshUserFolder,
	removeUserFolder: userFolder.removeUserFolder,
	importCredentials: cli.importCredentials,
	importWorkflows: cli.importWorkflows,
	parseRunOutput: cli.parseRunOutput,
	executeWorkflow: cli.executeWorkflow,
	nodeItems: cli.nodeItems,
	nodeError: cli.nodeError,
	RestClient,
	readAnswer,
	startServer,
	startWorker,
	spawnService: processes.spawnService,
	waitFor: processes.waitFor,
	runCliOrThrow: cli.runCliOrThrow,
};
