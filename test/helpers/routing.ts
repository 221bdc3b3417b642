/**
 * Runs the Sakari node's description through n8n-core's own RoutingNode, in process, against the sandbox
 * over real HTTP. Only what n8n's CLI would provide around it is stood in for here: the credential store
 * (CredentialsHelper, mirroring n8n's preAuthentication and generic-auth logic) and the workflow around the node.
 */
import { DirectoryLoader, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, Workflow, createRunExecutionData } from 'n8n-workflow';

import { SakariOAuth2Api } from '../../credentials/SakariOAuth2Api.credentials';
import { Sakari } from '../../nodes/Sakari/Sakari.node';

export const NODE_TYPE = 'n8n-nodes-sakari.sakari';
export const CREDENTIAL_TYPE = 'sakariOAuth2Api';

/** The credential as n8n would store it: plaintext here, the token written back by preAuthentication. */
export class CredentialStore extends ICredentialsHelper {
	readonly type: ICredentialType = new SakariOAuth2Api();

	preAuthenticationCalls = 0;

	constructor(public data: ICredentialDataDecryptedObject) {
		super();
		this.data = { accessToken: '', ...data };
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async updateCredentials(_details: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject) {
		this.data = { ...data };
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return this.type.properties;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these tests');
	}

	// Same rule as n8n's CredentialsHelper: ask the credential for a token when the stored one is empty or was rejected.
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	) {
		if (credentials.accessToken !== '' && !credentialsExpired) return undefined;
		this.preAuthenticationCalls++;
		const output = await this.type.preAuthentication!.call(helpers, credentials);
		this.data = { ...this.data, ...(output as ICredentialDataDecryptedObject) };
		return Object.assign(credentials, output as ICredentialDataDecryptedObject);
	}

	async runPreAuthentication(helpers: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return (await this.type.preAuthentication!.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	// Same as n8n's CredentialsHelper for a credential whose `authenticate` is a function.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.type.authenticate as (
			credentials: ICredentialDataDecryptedObject,
			requestOptions: IHttpRequestOptions,
		) => Promise<IHttpRequestOptions>;
		return await authenticate(credentials, requestOptions);
	}
}

/** A resource-locator parameter as the editor saves it (`mode` 'id' or 'list'). */
export const byId = (value: string, mode = 'id') => ({ __rl: true, mode, value });

export interface RunOptions {
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	credentials: CredentialStore;
	continueOnFail?: boolean;
	executionId?: string;
	/** Another Sakari node description (e.g. with an operation added), loaded as n8n would. */
	nodeType?: INodeType;
	/** The workflow's time zone (Settings → Timezone); n8n's default otherwise. */
	timezone?: string;
}

/** The node as n8n's loader hands it out: with the "Request Options" (batching, timeout, …) n8n adds. */
export function loadedSakari(nodeType: INodeType = new Sakari()): INodeType {
	DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
	return nodeType;
}

let executions = 0;

/** Runs the Sakari node once over `items`, like n8n does for a declarative node, and returns its output. */
export async function runSakari({
	parameters,
	items = [{ json: {} }],
	credentials,
	continueOnFail = false,
	executionId = `test-${++executions}`,
	nodeType = new Sakari(),
	timezone,
}: RunOptions): Promise<INodeExecutionData[]> {
	const loaded = loadedSakari(nodeType);
	const nodeTypes = { getByName: () => loaded, getByNameAndVersion: () => loaded, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const node: INode = {
		id: 'sakari-node',
		name: 'Sakari',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Sakari sandbox' } },
		...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: timezone ? { timezone } : {},
	});
	// Apply parameter defaults exactly as n8n does when a workflow is saved.
	node.parameters = workflow.getNode(node.name)!.parameters;
	const additionalData = {
		credentialsHelper: credentials,
		executionId,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
	const inputData = { main: [items] };
	const runExecutionData = createRunExecutionData();
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		runExecutionData,
		0,
		items,
		inputData,
		{ node, data: inputData, source: null },
		[],
	);
	const result = await new RoutingNode(context, loaded).runNode();
	return result?.[0] ?? [];
}
