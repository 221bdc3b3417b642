// @ts-check
'use strict';
// n8n user folders (`N8N_USER_FOLDER`: database, config, installed packages): one migrated template per n8n
// version with the owner account, cached beside the runtime, and fresh copies of it with the package installed.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runCliOrThrow } = require('./cli');
const { installPackage } = require('./package');
const { log, otherWorkers } = require('./processes');
const { runtime } = require('./runtime');
const { startServer } = require('./server');

// Bump when the template's recipe changes, so a stale cached template is not reused.
const TEMPLATE_RECIPE = 'owner-v1';

/**
 * A user folder with n8n's database migrated and the owner account set up, cached outside the checkout and
 * keyed by n8n version: copying it costs milliseconds, migrating a fresh one ~10 s.
 */
async function prepareTemplate() {
	const { cacheBase, n8nVersion } = runtime();
	const dir = path.join(cacheBase, `user-folder-n8n-${n8nVersion}-${TEMPLATE_RECIPE}`);
	const ready = () => fs.existsSync(path.join(dir, '.complete'));
	// Another process (a parallel test run, `npm start`) may be preparing it: wait rather than do it twice.
	for (let pids = otherWorkers(dir); !ready() && pids.length > 0; pids = otherWorkers(dir)) {
		log(`waiting for the user-folder template being prepared by process ${pids.join(', ')}`);
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
	if (ready()) return dir;
	const work = `${dir}.partial-${process.pid}`;
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	log(`preparing a migrated n8n user folder with an owner account in ${dir} (first time only)`);
	try {
		await runCliOrThrow(work, ['list:workflow'], { timeoutMs: 180_000 });
		const server = await startServer(work, { logFile: path.join(work, 'template-start.log'), maxLifetimeMs: 300_000 });
		try {
			await server.setupOwner();
		} finally {
			await server.stop();
		}
		fs.rmSync(path.join(work, 'template-start.log'), { force: true });
	} catch (error) {
		const logFile = path.join(work, 'template-start.log');
		const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '';
		fs.rmSync(work, { recursive: true, force: true });
		throw new Error(`${/** @type {Error} */ (error).message}\n${tail}`);
	}
	fs.writeFileSync(path.join(work, '.complete'), new Date().toISOString());
	fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(work, dir);
	return dir;
}

/**
 * A new user folder (from the template) with the packed package installed; `removeUserFolder()` deletes it.
 * @param {{ label?: string, tarball?: string }} [options]
 */
async function freshUserFolder({ label = 'e2e', tarball } = {}) {
	const template = await prepareTemplate();
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), `sakari-n8n-${label}-`));
	fs.cpSync(template, folder, { recursive: true });
	fs.rmSync(path.join(folder, '.complete'), { force: true });
	if (tarball) installPackage(folder, tarball);
	return folder;
}

/** @param {string} folder */
function removeUserFolder(folder) {
	if (process.env.SAKARI_E2E_KEEP) {
		log(`kept ${folder}`);
		return;
	}
	fs.rmSync(folder, { recursive: true, force: true });
}

module.exports = { prepareTemplate, freshUserFolder, removeUserFolder };
