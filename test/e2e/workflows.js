// @ts-check
'use strict';
// Workflows the end-to-end tests import into real n8n. Built in code so each test reads as its inputs.
const { NODE_TYPE, CREDENTIAL_TYPE, sandboxCredentialData, workflowNode } = require('../../scripts/n8n');

const CREDENTIALS = Object.freeze({
	// Used by every workflow except the token ones.
	main: { id: 'sakariE2eMain001', name: 'Sakari sandbox' },
	// Used only by the token workflow, so its stored token starts empty however the other tests ran.
	token: { id: 'sakariE2eToken01', name: 'Sakari sandbox (token counting)' },
});

/** `n8n import:credentials` input for a sandbox; n8n encrypts the plaintext data. */
function credentialsFor(sandbox) {
	return Object.values(CREDENTIALS).map(({ id, name }) => ({
		id,
		name,
		type: CREDENTIAL_TYPE,
		data: sandboxCredentialData(sandbox),
	}));
}

const ALL_FIELDS = Object.freeze({
	firstName: 'Ada',
	lastName: 'Lovelace',
	email: 'ada@example.com',
	attributes: { attribute: [{ name: 'plan', value: 'gold' }] },
	lists: 'list_1,list_2',
});

const node = workflowNode;

const trigger = () => node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]);

/**
 * One item per row, from n8n's own nodes: a Set node holds the rows as one list (`<name> (list)`), Split Out (`<name>`)
 * makes an item of each; spread the two into a workflow's nodes. Not a Code node: n8n 1.123.81's default expression
 * engine resolves `$('<a Code node>')` to nothing (test/e2e/n8n-expressions.e2e.test.js).
 * @param {string} name
 * @param {object[]} items
 * @param {[number, number]} [position]
 */
const rows = (name, items, position = [220, 0]) => [
	node(`${name} (list)`, 'n8n-nodes-base.set', 3.4, { mode: 'raw', jsonOutput: JSON.stringify({ rows: items }), options: {} }, position),
	node(name, 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'rows', options: {} }, [position[0], position[1] + 160]),
];
/** The edges from the trigger through a `rows()` pair. */
const rowsAfterStart = (name) => [
	['Start', `${name} (list)`],
	[`${name} (list)`, name],
];

/**
 * A Set node reading `$('<source>').item` beside a field of its own input: it resolves only when the node before
 * it paired each output item to the input item it came from (n8n cannot infer pairing for every item count).
 */
function pairingCheck(source, { sourceField, sourceAs, ownField, ownAs }, position) {
	return node(
		'Check pairing',
		'n8n-nodes-base.set',
		3.4,
		{
			mode: 'manual',
			assignments: {
				assignments: [
					{ id: 'a1', name: sourceAs, value: `={{ $('${source}').item.json.${sourceField} }}`, type: 'string' },
					{ id: 'a2', name: ownAs, value: `={{ $json.${ownField} }}`, type: 'string' },
				],
			},
			options: {},
		},
		position,
	);
}

/**
 * @param {string} name
 * @param {object} parameters
 * @param {[number, number]} position
 * @param {{ credential?: { id: string, name: string }, [setting: string]: unknown }} [settings] node settings (onError, …)
 */
function sakari(name, parameters, position, { credential = CREDENTIALS.main, ...extra } = {}) {
	return node(
		name,
		NODE_TYPE,
		1,
		{ resource: 'contact', operation: 'create', mobileCountry: 'US', mergeStrategy: 'default', ...parameters },
		position,
		{ credentials: { [CREDENTIAL_TYPE]: credential }, ...extra },
	);
}

function workflow(id, name, nodes, edges) {
	const connections = {};
	for (const [from, to] of edges) {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const MERGE_STRATEGIES = ['default', 'append', 'core', 'remove'];
const mergeNodeName = (strategy) => `Create (${strategy})`;
// One mobile number per strategy, so each create is a new contact.
const mergeMobile = (index) => `+1347555020${index}`;

/** Three rows in, one invalid for Sakari (CONT-001) in the middle. */
const PEOPLE = [
	{ phone: '+13475550301', first: 'Ada' },
	{ phone: '+13475550302', first: 'Grace' },
	{ phone: '+13475550303', first: 'Katherine' },
];
const WITH_INVALID = [PEOPLE[0], { phone: '+1555012', first: 'Invalid' }, PEOPLE[2]];
const fromRow = { mobileNumber: '={{ $json.phone }}', additionalFields: { firstName: '={{ $json.first }}' } };

const TOKEN_ITEMS = 5;

const WORKFLOWS = {
	mergeStrategies: workflow(
		'sakariE2eMerge01',
		'E2E: all fields, each merge strategy',
		[
			trigger(),
			...MERGE_STRATEGIES.map((strategy, index) =>
				sakari(
					mergeNodeName(strategy),
					{ mobileNumber: mergeMobile(index), mergeStrategy: strategy, additionalFields: ALL_FIELDS },
					[220, index * 160],
				),
			),
		],
		MERGE_STRATEGIES.map((strategy) => ['Start', mergeNodeName(strategy)]),
	),
	pairing: workflow(
		'sakariE2ePairs01',
		'E2E: three items, paired',
		[
			trigger(),
			...rows('Input rows', PEOPLE),
			sakari('Create contact', fromRow, [440, 0]),
			// Resolving `$('Input rows').item` needs every contact paired to the row it came from.
			pairingCheck('Input rows', { sourceField: 'first', sourceAs: 'rowFirst', ownField: 'firstName', ownAs: 'contactFirst' }, [660, 0]),
		],
		[
			...rowsAfterStart('Input rows'),
			['Input rows', 'Create contact'],
			['Create contact', 'Check pairing'],
		],
	),
	apiError: workflow(
		'sakariE2eError01',
		'E2E: Sakari error fails the run',
		[trigger(), ...rows('Input rows', WITH_INVALID), sakari('Create contact', fromRow, [440, 0])],
		[
			...rowsAfterStart('Input rows'),
			['Input rows', 'Create contact'],
		],
	),
	continueOnFail: workflow(
		'sakariE2eCont001',
		'E2E: Sakari error with continue on fail',
		[
			trigger(),
			...rows('Input rows', WITH_INVALID),
			sakari('Create contact', fromRow, [440, 0], { onError: 'continueRegularOutput' }),
		],
		[
			...rowsAfterStart('Input rows'),
			['Input rows', 'Create contact'],
		],
	),
	token: workflow(
		'sakariE2eToken01',
		'E2E: one token for many items',
		[
			trigger(),
			...rows(
				'Input rows',
				Array.from({ length: TOKEN_ITEMS }, (_, index) => ({ phone: `+1347555040${index}`, first: `Person ${index}` })),
			),
			sakari('Create contact', fromRow, [440, 0], { credential: CREDENTIALS.token }),
		],
		[
			...rowsAfterStart('Input rows'),
			['Input rows', 'Create contact'],
		],
	),
};

module.exports = {
	CREDENTIALS,
	ALL_FIELDS,
	MERGE_STRATEGIES,
	PEOPLE,
	TOKEN_ITEMS,
	WORKFLOWS,
	credentialsFor,
	mergeMobile,
	mergeNodeName,
	node,
	pairingCheck,
	rows,
	sakari,
	workflow,
};
