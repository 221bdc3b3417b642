/**
 * How many of the package's files one plain Contact → Create row walks through, from the node's entry to its
 * output item (issue 20: at most half of the 14 it took). Measured, not listed: V8's precise coverage (the
 * inspector's Profiler) counts which functions of nodes/ and credentials/ ran for the row, the module's top
 * level aside (the node type is built before counting starts, as n8n loads it once).
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: it reads V8's coverage counters and the source files */
import { readdirSync, readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
/* eslint-enable @n8n/community-nodes/no-restricted-imports */

import { CredentialStore, loadedSakari, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';
import { Sakari } from '../nodes/Sakari/Sakari.node';

// The walk's budget: half of the 14 files it crossed when issue 20 was filed.
const MAX_FILES = 7;
// A module a newcomer reads in one sitting; the country table is data.
const MAX_LINES = 200;

interface FunctionCoverage {
	functionName: string;
	ranges: Array<{ startOffset: number; endOffset: number; count: number }>;
}

interface ScriptCoverage {
	url: string;
	functions: FunctionCoverage[];
}

let sandbox: Sandbox;
let credentials: CredentialStore;

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

// The package's folder (and as V8 names scripts: jest loads them by path).
const folder = require.resolve('../nodes/Sakari/Sakari.node').slice(0, -'nodes/Sakari/Sakari.node.ts'.length);
const root = `file://${folder}`;

/** Functions that ran since the last take, per package file; a script's top level (and jest's module wrapper) left out. */
function ranFunctions(result: ScriptCoverage[]): Map<string, string[]> {
	const ran = new Map<string, string[]>();
	for (const script of result) {
		const file = script.url.startsWith(root) ? script.url.slice(root.length) : '';
		if (!/^(nodes|credentials)\//.test(file)) continue;
		const names = script.functions
			.filter((fn) => fn.ranges[0].startOffset > 0 && fn.functionName !== 'Object.<anonymous>' && fn.ranges[0].count > 0)
			.map((fn) => fn.functionName || `(anonymous @${fn.ranges[0].startOffset})`);
		if (names.length > 0) ran.set(file, names);
	}
	return ran;
}

const createRow = { resource: 'contact', operation: 'create', mobileNumber: '+13475550101', mobileCountry: 'US' };

/** The package's functions that ran while `run` ran, per file. */
async function walkOf(run: () => Promise<unknown>): Promise<Array<[string, string[]]>> {
	const session = new Session();
	session.connect();
	try {
		await session.post('Profiler.enable');
		await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
		// Taking the coverage resets its counters: what the next take reports ran for `run` alone.
		await session.post('Profiler.takePreciseCoverage');
		await run();
		const { result } = (await session.post('Profiler.takePreciseCoverage')) as unknown as { result: ScriptCoverage[] };
		return [...ranFunctions(result)].sort(([a], [b]) => a.localeCompare(b));
	} finally {
		await session.post('Profiler.stopPreciseCoverage').catch(() => undefined);
		session.disconnect();
	}
}

function describeWalk(title: string, walk: Array<[string, string[]]>): string {
	const functions = walk.reduce((sum, [, names]) => sum + names.length, 0);
	return `${title}: ${walk.length} files, ${functions} functions\n${walk.map(([file, names]) => `  ${file}: ${names.join(', ')}`).join('\n')}`;
}

describe('the walk of one Contact → Create row', () => {
	it(`runs functions in at most ${MAX_FILES} files of nodes/ and credentials/ once the credential holds its token`, async () => {
		// Built before counting, as n8n loads a node type once.
		const nodeType = loadedSakari(new Sakari());
		const run = async () => {
			const output = await runSakari({ parameters: createRow, credentials, nodeType });
			expect(output).toHaveLength(1);
			expect(output[0].json).toMatchObject({ mobile: { number: '+13475550101', country: 'US' } });
		};
		// The first row of a process also fetches the credential's token (once per process, not per row).
		const first = await walkOf(run);
		const row = await walkOf(run);
		expect(apiRequests(sandbox)).toHaveLength(2);
		expect(credentials.preAuthenticationCalls).toBe(1);
		// eslint-disable-next-line no-console -- the measured walk, for whoever reads the test log
		console.log(`${describeWalk('Contact → Create, one row', row)}\n${describeWalk('The first row of a process (with the token request)', first)}`);
		expect(row.length).toBeLessThanOrEqual(MAX_FILES);
	});
});

it(`no file in nodes/ or credentials/ is over ${MAX_LINES} lines (the country table aside)`, () => {
	const files = ['nodes', 'credentials'].flatMap((top) =>
		readdirSync(`${folder}${top}`, { recursive: true, encoding: 'utf8' })
			.filter((name) => name.endsWith('.ts'))
			.map((name) => `${top}/${name}`),
	);
	expect(files).toContain('nodes/Sakari/shared/send.ts');
	const long = files
		.filter((file) => file !== 'nodes/Sakari/shared/countries.ts')
		.map((file) => `${file}: ${readFileSync(`${folder}${file}`, 'utf8').split('\n').length - 1} lines`)
		.filter((entry) => Number(entry.split(': ')[1].split(' ')[0]) > MAX_LINES);
	expect(long).toEqual([]);
});
