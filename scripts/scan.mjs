#!/usr/bin/env node
// @ts-check
// `npm run scan`: the lint gate of n8n's community-package scanner (@n8n/scan-community-package, a dev
// dependency), run offline: its exported `analyzePackage` on the source tree with its own SOURCE_FILE_PATTERNS,
// and on the packed tarball with the patterns its tarball leg uses. Needs `npm run build` first.
// The scanner's other gate, the npm provenance attestation, only exists for a version published from GitHub
// Actions (.github/workflows/publish.yml).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const require = createRequire(import.meta.url);
const { ROOT, packPackage } = require('./n8n/package.js');
const scannerVersion = require('@n8n/scan-community-package/package.json').version;
// What the scanner's `analyzePackageByName` lints in the downloaded tarball (compiled code and the manifest).
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

/**
 * @param {string} label
 * @param {string} dir
 * @param {string[]} patterns
 */
async function scan(label, dir, patterns) {
	const started = Date.now();
	const result = await analyzePackage(dir, patterns);
	const ms = Date.now() - started;
	if (result.passed) {
		process.stdout.write(`scan: ${label} passed (${patterns.join(', ')}; ${ms} ms)\n`);
	} else {
		process.stdout.write(`scan: ${label} FAILED: ${result.message}\n${result.details ?? ''}\n`);
	}
	return result.passed;
}

const work = mkdtempSync(join(tmpdir(), 'sakari-scan-'));
try {
	process.stdout.write(`scan: @n8n/scan-community-package ${scannerVersion}\n`);
	const sourcePassed = await scan('source tree', ROOT, SOURCE_FILE_PATTERNS);
	const tarball = packPackage(work);
	const unpacked = join(work, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'], { timeout: 60_000 });
	const tarballPassed = await scan('packed tarball', unpacked, TARBALL_FILE_PATTERNS);
	process.exitCode = sourcePassed && tarballPassed ? 0 : 1;
} catch (error) {
	process.stderr.write(`scan: ${/** @type {Error} */ (error).message}\n`);
	process.exitCode = 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
