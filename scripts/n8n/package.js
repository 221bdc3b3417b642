// @ts-check
'use strict';
// This package as npm publishes it (`npm pack`), and installed into a user folder the way n8n installs a
// community package.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { PACKAGE_NAME } = require('./fixtures');

const ROOT = path.resolve(__dirname, '..', '..');

// Folders packPackage() made for callers without one: removed when this process exits, whoever forgot them.
const packFolders = new Set();
process.on('exit', () => {
	for (const folder of packFolders) fs.rmSync(folder, { recursive: true, force: true });
});

/**
 * The file name `npm pack --json` reports, in `cwd`.
 * @param {string} cwd
 * @param {string[]} extraArgs
 */
function npmPack(cwd, extraArgs = []) {
	const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', ...extraArgs], {
		cwd,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 60_000,
	});
	const [{ filename }] = JSON.parse(out.slice(out.indexOf('[')));
	return path.basename(filename);
}

/**
 * The package as npm would publish it (`files: ["dist"]`): run `npm run build` first. The e2e global setup
 * packs once and passes the tarball in SAKARI_E2E_TARBALL, so every test file installs the same build.
 * A tarball packed here lives in a temporary folder of its own, removed when this process exits (or earlier by
 * the caller: `path.dirname(tarball)`).
 * @param {string} [destination]
 */
function packPackage(destination) {
	const shared = process.env.SAKARI_E2E_TARBALL;
	if (!destination && shared && fs.existsSync(shared)) return shared;
	if (!destination) {
		destination = fs.mkdtempSync(path.join(os.tmpdir(), 'sakari-pack-'));
		packFolders.add(destination);
	}
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Sakari', 'Sakari.node.js'))) {
		throw new Error('dist/ has no built node: run `npm run build` first');
	}
	return path.join(destination, npmPack(ROOT, ['--pack-destination', destination]));
}

/**
 * Builds the package into its own folder and packs it there (as `npm pack` of the repository would), so a
 * `npm run build` running at the same time in the checkout (which empties dist/ first) cannot break it.
 * The caller removes `stage`.
 */
function packPrivately() {
	const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'sakari-private-build-'));
	const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', path.join(stage, 'dist')], {
		cwd: ROOT,
		stdio: ['ignore', 'inherit', 'inherit'],
		timeout: 5 * 60_000,
	});
	// What gulp build:icons copies: the icons and the codex files next to the compiled code.
	for (const folder of ['icons', 'nodes']) {
		fs.cpSync(path.join(ROOT, folder), path.join(stage, 'dist', folder), {
			recursive: true,
			filter: (source) => fs.statSync(source).isDirectory() || /\.(svg|png)$|\.node\.json$/.test(source),
		});
	}
	for (const file of ['package.json', 'README.md', 'LICENSE.md', 'index.js']) {
		fs.copyFileSync(path.join(ROOT, file), path.join(stage, file));
	}
	return { stage, tarball: path.join(stage, npmPack(stage)) };
}

/**
 * Installs the packed package into `<userFolder>/.n8n/nodes` the way n8n's community-package installer does:
 * the tarball unpacked into node_modules, dev/peer dependencies dropped (so `n8n-workflow` resolves to n8n's
 * own copy, never this repo's devDependency) and the package listed in the folder's package.json.
 * @param {string} userFolder
 * @param {string} tarball
 */
function installPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { timeout: 60_000 });
	const manifestPath = path.join(target, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		fs.readFileSync(manifestPath, 'utf8'),
	);
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: manifest.version } }, null, 2),
	);
	return target;
}

module.exports = { ROOT, packPackage, packPrivately, installPackage };
