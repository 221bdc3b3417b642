// The one place n8n hands the node's requests to: the hook it is wired through, which operation's handler sends
// an item's request (and whether that operation may be repeated), continue-on-fail, for every item once; and the
// secret guard every item's output and error passes (the trigger's items and the pickers' entries too).
import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IExecuteSingleFunctions,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../credentials/SakariOAuth2Api.credentials';
import { toSakariError } from './errors';
import { FieldError, fieldFailure, refusedRequests } from './fieldChecks';
import { sendOne } from './send';
import type { SakariContext } from './transport';

/** One item's request as RoutingNode prepared it, and whether its operation declared it repeatable. */
export type RequestData = DeclarativeRestApiSettings.ResultOptions & { repeatable: boolean };

/** How one operation sends its request(s): one request (the default), pages, two requests, a bulk upload… */
export type RequestHandler = (context: IExecutePaginationFunctions, requestData: RequestData) => Promise<INodeExecutionData[]>;

/** What an operation declares beside its routing. */
export interface OperationSending {
	/** Sends the item's request when one request answered by the postReceive is not enough. */
	send?: RequestHandler;
	/**
	 * Sending it twice is harmless (a 5xx, a lost answer or a reset is then retried). Default: a POST is not, any
	 * other method is; every POST operation says it explicitly (test/request-path.test.ts checks).
	 */
	repeatable?: boolean;
}

/** The operations of one resource that declare anything, by operation value. */
export type OperationHandlers = Record<string, OperationSending>;

/**
 * Every request of the Sakari node starts here. n8n offers a declarative node exactly one hook around its
 * requests: the node's `requestOperations.pagination`, which RoutingNode calls *instead of sending* whenever the
 * request has `send.paginate` set. So the two are set together here: the hook for the node description, and the
 * flag for the Resource parameter, which every operation shows. An operation must never set `routing.operations`
 * itself (it would replace the hook): test/request-path.test.ts walks the description to make sure.
 */
export function sakariRequestPath(operations: Record<string, OperationHandlers>): {
	requestOperations: NonNullable<INodeTypeDescription['requestOperations']>;
	resourceRouting: NonNullable<INodeProperties['routing']>;
} {
	async function dispatch(this: IExecutePaginationFunctions, prepared: DeclarativeRestApiSettings.ResultOptions): Promise<INodeExecutionData[]> {
		const resource = this.getNodeParameter('resource', '') as string;
		const operation = this.getNodeParameter('operation', '') as string;
		const declared = operations[resource]?.[operation] ?? {};
		const repeatable = declared.repeatable ?? String(prepared.options.method ?? 'GET').toUpperCase() !== 'POST';
		// Whatever the operation answers or throws passes the secret guard, so none can leak the credential.
		return await withoutSecrets(this, async () => {
			try {
				const refused = refusedRequests.get(prepared.options);
				if (refused) throw refused;
				return await (declared.send ?? sendOne)(this, { ...prepared, repeatable });
			} catch (caught) {
				// Errors of the request path are mapped where they happen (with their attempts); anything else here,
				// a field's problem included.
				let error: NodeApiError | NodeOperationError;
				if (caught instanceof NodeApiError || caught instanceof NodeOperationError) error = caught;
				else if (caught instanceof FieldError) error = fieldFailure(this.getNode(), this.getItemIndex(), caught);
				else error = toSakariError(this.getNode(), caught, { itemIndex: this.getItemIndex() });
				if (!this.continueOnFail()) throw error;
				// n8n's own error item carries no pairedItem, which loses the input row in an error output.
				return [{ json: {}, error, pairedItem: { item: this.getItemIndex() } }];
			}
		});
	}
	return {
		requestOperations: { pagination: dispatch },
		resourceRouting: { send: { paginate: true } },
	};
}

// Where Sakari's answers carry an API client's credentials: the account, `apiCredentials: {id, secret}`
// (developer.sakari.io/api-reference/accounts/fetch-account, …/get-all-of-your-sakari-accounts-split).
const CREDENTIAL_FIELDS = new Set(['apiCredentials']);
const REDACTED = '[redacted]';
// A shorter secret is redacted only where a whole value equals it: inside text it would shred ordinary words.
const MIN_INNER_LENGTH = 8;
// Answers are JSON, so never this deep; the bound only keeps an odd error object from looping.
const MAX_DEPTH = 64;

// The secrets per node run (n8n hands every item of a run the same execute data), read once: n8n reads and
// decrypts a credential from its database on every getCredentials.
const runSecrets = new WeakMap<object, Promise<string[]>>();

/**
 * What to look for: the Client Secret and the stored access token (the bearer the node sends), each as it is and
 * URL-encoded (e.g. inside a link Sakari answers).
 */
function secretForms(credentials: ICredentialDataDecryptedObject): string[] {
	const secrets = [credentials.clientSecret, credentials.accessToken].filter((value): value is string => typeof value === 'string' && value !== '');
	return [...new Set(secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]))];
}

async function credentialSecrets(context: SakariContext): Promise<string[]> {
	const read = async () => secretForms(await context.getCredentials(CREDENTIAL_TYPE));
	const run = 'getExecuteData' in context ? (context.getExecuteData() as object | undefined) : undefined;
	if (!run) return await read();
	let secrets = runSecrets.get(run);
	if (!secrets) {
		secrets = read();
		runSecrets.set(run, secrets);
	}
	return await secrets;
}

function scrubText(text: string, forms: string[]): string {
	if (forms.includes(text)) return REDACTED;
	let clean = text;
	for (const form of forms) if (form.length >= MIN_INNER_LENGTH) clean = clean.split(form).join(REDACTED);
	return clean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (!value || typeof value !== 'object') return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

/** The value without credential fields or the secret; the same value when there was nothing to remove. */
function scrub(value: unknown, forms: string[], depth = 0): unknown {
	if (typeof value === 'string') return scrubText(value, forms);
	if (depth > MAX_DEPTH) return value;
	if (Array.isArray(value)) {
		const entries = value.map((entry) => scrub(entry, forms, depth + 1));
		return entries.some((entry, index) => entry !== value[index]) ? entries : value;
	}
	if (!isPlainObject(value)) return value;
	let changed = false;
	const clean: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) {
		if (CREDENTIAL_FIELDS.has(key)) {
			changed = true;
			continue;
		}
		const cleanKey = scrubText(key, forms);
		const cleanEntry = scrub(entry, forms, depth + 1);
		changed ||= cleanKey !== key || cleanEntry !== entry;
		clean[cleanKey] = cleanEntry;
	}
	return changed ? clean : value;
}

/**
 * An error's texts and data (message, description, stack, Sakari's answer…) without the secret, in place: n8n
 * reads them off this very error. Its `node` is the workflow's own node, not Sakari's answer.
 */
function scrubError<T>(error: T, forms: string[]): T {
	if (!error || typeof error !== 'object') return error;
	const fields = error as unknown as Record<string, unknown>;
	for (const key of Object.getOwnPropertyNames(error)) {
		if (key !== 'node') fields[key] = scrub(fields[key], forms);
	}
	return error;
}

/**
 * Runs one item's requests and hands back their output without the API client's credentials: no
 * `apiCredentials` (Sakari puts the client's ID and secret into account answers) and no value equal to the
 * credential's Client Secret or access token, in the items, error items or a thrown error, whatever Sakari
 * echoes. Called once, where every operation's output passes (the request path's hook), so no operation can leak
 * it on its own.
 */
export async function withoutSecrets(
	context: IExecuteSingleFunctions,
	run: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	let items: INodeExecutionData[];
	try {
		items = await run();
	} catch (error) {
		// A credential that cannot be read now still leaves the credential fields out.
		throw scrubError(error, await credentialSecrets(context).catch(() => []));
	}
	const forms = await credentialSecrets(context);
	return items.map((item) => {
		const json = scrub(item.json, forms) as INodeExecutionData['json'];
		if (item.error) scrubError(item.error, forms);
		return json === item.json ? item : { ...item, json };
	});
}

/**
 * What Sakari sent outside a node run (a webhook delivery the trigger outputs, the entries of a list picker),
 * cleaned by the same rule as the node's output: the credential's fields and secrets, whatever the server echoes.
 */
export async function secretFree<T>(context: SakariContext, value: T): Promise<T> {
	return scrub(value, await credentialSecrets(context)) as T;
}
