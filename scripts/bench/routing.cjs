'use strict';
// A JS port of test/helpers/routing.ts for the benchmark: runs the built node (dist/) through n8n-core's own
// RoutingNode in process, with a credential store that mirrors n8n's preAuthentication and generic auth.
const path = require('node:path');
const { ExecuteContext, RoutingNode } = require('n8n-core');
const { ICredentialsHelper, Workflow, createRunExecutionData } = require('n8n-workflow');

const dist = path.join(__dirname, '..', '..', 'dist');
const { SakariOAuth2Api } = require(path.join(dist, 'credentials', 'SakariOAuth2Api.credentials.js'));
const { Sakari } = require(path.join(dist, 'nodes', 'Sakari', 'Sakari.node.js'));
const token = require(path.join(dist, 'nodes', 'Sakari', 'shared', 'token.js'));
const request = require(path.join(dist, 'nodes', 'Sakari', 'shared', 'request.js'));

class CredentialStore extends ICredentialsHelper {
	constructor(data) {
		super();
		this.type = new SakariOAuth2Api();
		this.data = { accessToken: '', ...data };
		this.preAuthenticationCalls = 0;
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async getDecrypted() {
		return { ...this.data };
	}
	async updateCredentials(_details, _type, data) {
		this.data = { ...data };
	}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return this.type.properties;
	}
	async getCredentials() {
		throw new Error('not used');
	}
	async preAuthentication(helpers, credentials, _typeName, _node, credentialsExpired) {
		if (credentials.accessToken !== '' && !credentialsExpired) return undefined;
		this.preAuthenticationCalls++;
		const output = await this.type.preAuthentication.call(helpers, credentials);
		this.data = { ...this.data, ...output };
		return Object.assign(credentials, output);
	}
	// Same as n8n's CredentialsHelper for a credential whose `authenticate` is a function.
	async authenticate(credentials, _typeName, requestOptions) {
		return await this.type.authenticate(credentials, requestOptions);
	}
}

/**
 * The node as published, or "bare": the same description without its request wrapper, so n8n sends every
 * request itself, all at once, with no throttle, retry or error mapping: what n8n costs without this node's code.
 */
function sakariNode(bare = false) {
	const node = new Sakari();
	if (bare) delete node.description.requestOperations;
	return node;
}

let executions = 0;

/** Runs the Sakari node once over `items`, as n8n runs a declarative node; returns its output items. */
async function runSakari({ parameters, items = [{ json: {} }], credentials, continueOnFail = false, bare = false }) {
	const nodeTypes = {
		getByName: () => sakariNode(bare),
		getByNameAndVersion: () => sakariNode(bare),
		getKnownTypes: () => ({}),
	};
	const node = {
		id: 'sakari-node',
		name: 'Sakari',
		type: 'n8n-nodes-sakari.sakari',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { sakariOAuth2Api: { id: '1', name: 'Sakari sandbox' } },
		...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
	const workflow = new Workflow({ id: 'bench', nodes: [node], connections: {}, active: false, nodeTypes });
	node.parameters = workflow.getNode(node.name).parameters;
	const additionalData = {
		credentialsHelper: credentials,
		executionId: `bench-${++executions}`,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		userId: 'bench-user',
	};
	const inputData = { main: [items] };
	const context = new ExecuteContext(workflow, node, additionalData, 'manual', createRunExecutionData(), 0, items, inputData, { node, data: inputData, source: null }, []);
	const result = await new RoutingNode(context, sakariNode(bare)).runNode();
	return result?.[0] ?? [];
}

module.exports = { CredentialStore, runSakari, token, request };
