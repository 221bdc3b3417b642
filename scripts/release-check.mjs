#!/usr/bin/env node
// @ts-check
// `npm run release:check`: what must be true before `npm publish --provenance`. n8n's scanner matches the
// package's repository with the GitHub repository its provenance attests, so package.json's repository,
// homepage and author must be real (not the REPLACE-WITH placeholders), agree with each other and, in GitHub
// Actions, name the repository being built; a version tag must equal the package version.
// `--warn-only` (CI on every push) prints the problems and exits 0; the publish workflow runs it without.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const warnOnly = process.argv.includes('--warn-only');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/**
 * The problems that stop a release of this manifest in this environment.
 * @param {any} pkg package.json
 * @param {NodeJS.ProcessEnv} env GITHUB_REPOSITORY, GITHUB_REF_TYPE, GITHUB_REF_NAME from GitHub Actions
 */
export function releaseProblems(pkg, env) {
	const problems = [];
	const placeholder = /REPLACE-WITH|\.invalid\b|\.local\b/i;
	const fields = {
		'repository.url': typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url,
		homepage: pkg.homepage,
		'author.name': typeof pkg.author === 'string' ? pkg.author : pkg.author?.name,
		'author.email': typeof pkg.author === 'string' ? /<([^>]+)>/.exec(pkg.author)?.[1] : pkg.author?.email,
	};
	for (const [field, value] of Object.entries(fields)) {
		if (!value) problems.push(`package.json ${field} is missing`);
		else if (placeholder.test(value)) problems.push(`package.json ${field} is still a placeholder: "${value}"`);
	}
	const github = (/** @type {string | undefined} */ url) =>
		/github\.com[/:]([^/]+\/[^/#.]+)/.exec(url ?? '')?.[1]?.toLowerCase();
	const repository = github(fields['repository.url']);
	if (fields['repository.url'] && !repository) problems.push('package.json repository.url must be a github.com repository (provenance is attested from GitHub Actions)');
	if (repository && github(fields.homepage) !== repository) problems.push(`package.json homepage does not point at ${repository}`);
	if (repository && env.GITHUB_REPOSITORY && env.GITHUB_REPOSITORY.toLowerCase() !== repository) {
		problems.push(`package.json repository.url names ${repository} but this build runs in ${env.GITHUB_REPOSITORY}`);
	}
	if (env.GITHUB_REF_TYPE === 'tag' && env.GITHUB_REF_NAME !== `v${pkg.version}`) {
		problems.push(`tag ${env.GITHUB_REF_NAME} does not match package.json version ${pkg.version} (expected v${pkg.version})`);
	}
	return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const problems = releaseProblems(manifest, process.env);
	if (problems.length === 0) {
		process.stdout.write(`release:check: ${manifest.name}@${manifest.version} is ready to publish\n`);
	} else {
		const level = warnOnly ? 'warning' : 'error';
		for (const problem of problems) process.stdout.write(`release:check ${level}: ${problem}\n`);
		// GitHub Actions shows these as annotations on the run.
		if (process.env.GITHUB_ACTIONS) for (const problem of problems) process.stdout.write(`::${level}::${problem}\n`);
		if (!warnOnly) process.exitCode = 1;
	}
}
