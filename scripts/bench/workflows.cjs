// @ts-check
'use strict';
// The workflows the bench runs in real n8n, built as a user would build them in the editor:
// the Sakari node on its defaults, and n8n's own HTTP Request node doing the same Sakari calls by hand.
const { NODE_TYPE, CREDENTIAL_TYPE, workflowNode } = require('../n8n');

/**
 * The mobile number of row `index`, counting from `first` (7 digits after +1 347); the Rows node runs this
 * same function (its source) inside n8n.
 */
function phoneOf(index, first = 2000001) {
	// From the default start, numbers ending in 0000 (landlines in the sandbox: texting them fails) are skipped.
	return '+1347' + String(first + index + Math.floor(index / 9999)).padStart(7, '0');
}

/** The four user expressions both builds use: one per field the user maps from the input rows. */
const FIELDS = Object.freeze({
	mobile: '{{ $json.phone }}',
	firstName: '{{ $json.first }}',
	lastName: '{{ $json.last }}',
	email: '{{ $json.email }}',
});

// What the editor adds for a new HTTP Request node in n8n 2.41.
const HTTP_REQUEST = 'n8n-nodes-base.httpRequest';
const HTTP_REQUEST_VERSION = 4.5;

// "Hi {{{firstName}}}": Sakari fills the placeholder per recipient, so one text serves every row.
const TEMPLATE = 'Hi {{{firstName}}}, your order has shipped.';

/** A node in the next slot of the row (the bench's workflows are chains). */
const node = (name, type, typeVersion, parameters, extra = {}) => workflowNode(name, type, typeVersion, parameters, undefined, extra);

/** A Code node that outputs `rows` rows `{row, phone, first, last, email}` (numbers from `firstNumber`). */
function rowsNode(rows, firstNumber) {
	const jsCode = `${phoneOf.toString()}
return Array.from({ length: ${rows} }, (_, row) => ({ json: { row, phone: phoneOf(row${firstNumber === undefined ? '' : `, ${firstNumber}`}), first: 'First' + row, last: 'Last' + row, email: 'row' + row + '@example.com' } }));`;
	return node('Rows', 'n8n-nodes-base.code', 2, { jsCode });
}

/** Start → nodes[0] → nodes[1] → … */
function chain(id, name, nodes) {
	const all = [node('Start', 'n8n-nodes-base.manualTrigger', 1, {}), ...nodes];
	const connections = {};
	for (let index = 0; index + 1 < all.length; index++) {
		connections[all[index].name] = { main: [[{ node: all[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes: all, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/**
 * Start → Rows → Sakari (Contact → Create or Update) with the node's defaults plus `extraParameters`;
 * `fields: 'mobile'` maps only the mobile number (the e2e load test), `'all'` the four user expressions.
 * @param {{ id: string, rows: number, credential: { id: string, name: string }, extraParameters?: object,
 *   fields?: 'all' | 'mobile', firstNumber?: number }} options
 */
function sakariContactWorkflow({ id, rows, credential, extraParameters = {}, fields = 'all', firstNumber }) {
	const additionalFields = fields === 'all' ? { firstName: `=${FIELDS.firstName}`, lastName: `=${FIELDS.lastName}`, email: `=${FIELDS.email}` } : {};
	const sakari = node(
		'Sakari',
		NODE_TYPE,
		1,
		{ resource: 'contact', operation: 'create', mobileNumber: `=${FIELDS.mobile}`, mobileCountry: 'US', additionalFields, ...extraParameters },
		{ credentials: { [CREDENTIAL_TYPE]: credential } },
	);
	return chain(id, `Bench: ${rows} contacts through the Sakari node`, [rowsNode(rows, firstNumber), sakari]);
}

/**
 * Start → Rows → Sakari (Message → Send) to each row's number, one text. `names` are the operation's
 * parameter names read from the built node (they are looked up by what the editor shows, see bench.mjs).
 */
function sakariSendWorkflow({ id, rows, credential, names, extraParameters = {} }) {
	const sakari = node(
		'Sakari',
		NODE_TYPE,
		1,
		{ resource: 'message', operation: 'send', [names.mobile]: `=${FIELDS.mobile}`, [names.text]: TEMPLATE, ...extraParameters },
		{ credentials: { [CREDENTIAL_TYPE]: credential } },
	);
	return chain(id, `Bench: text ${rows} numbers through the Sakari node`, [rowsNode(rows), sakari]);
}

/**
 * The do-it-yourself build: Start → Token (HTTP Request: POST {base}/oauth2/token, JSON body) → Rows → `name`
 * (HTTP Request: POST …/v1/accounts/{id}{path}, `Authorization: Bearer {{ $('Token')… }}`, `jsonBody`, Retry On
 * Fail). `batching` is Request Options → Batching `{ batchSize, batchInterval }`.
 */
function httpRequestWorkflow({ id, title, rows, sandbox, batching, name, path, jsonBody }) {
	const token = node('Token', HTTP_REQUEST, HTTP_REQUEST_VERSION, {
		method: 'POST',
		url: `${sandbox.url}/oauth2/token`,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: JSON.stringify({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret }),
		options: {},
	});
	const call = node(
		name,
		HTTP_REQUEST,
		HTTP_REQUEST_VERSION,
		{
			method: 'POST',
			url: `${sandbox.url}/v1/accounts/${sandbox.accountId}${path}`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: "=Bearer {{ $('Token').first().json.access_token }}" }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody,
			options: batching ? { batching: { batch: batching } } : {},
		},
		{ retryOnFail: true },
	);
	return chain(id, title, [token, rowsNode(rows), call]);
}

/** The HTTP Request build of Contact → Create: node Create, a JSON body with the four user expressions. */
function httpRequestContactWorkflow({ id, rows, sandbox, batching }) {
	const jsonBody = `={
  "mobile": { "number": "${FIELDS.mobile}", "country": "US" },
  "firstName": "${FIELDS.firstName}",
  "lastName": "${FIELDS.lastName}",
  "email": "${FIELDS.email}"
}`;
	const title = `Bench: ${rows} contacts through the HTTP Request node`;
	return httpRequestWorkflow({ id, title, rows, sandbox, batching, name: 'Create', path: '/contacts', jsonBody });
}

/**
 * The HTTP Request build of Message → Send: node Send, one message per row. The text is personalised in n8n
 * (`{{ $json.first }}`): Sakari's `{{{firstName}}}` cannot be written inside an n8n expression body.
 */
function httpRequestSendWorkflow({ id, rows, sandbox, batching }) {
	const jsonBody = `={
  "contacts": [{ "mobile": { "number": "${FIELDS.mobile}", "country": "US" } }],
  "template": "${TEMPLATE.replace('{{{firstName}}}', FIELDS.firstName)}"
}`;
	const title = `Bench: text ${rows} numbers through the HTTP Request node`;
	return httpRequestWorkflow({ id, title, rows, sandbox, batching, name: 'Send', path: '/messages', jsonBody });
}

module.exports = { phoneOf, sakariContactWorkflow, sakariSendWorkflow, httpRequestContactWorkflow, httpRequestSendWorkflow };
