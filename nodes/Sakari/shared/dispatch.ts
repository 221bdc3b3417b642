// The one place n8n hands the node's requests to: the hook it is wired through, which operation's handler sends
// an item's request (and whether that operation may be repeated), and continue-on-fail, for every item once.
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { toSakariError } from './errors';
import { FieldError, fieldFailure } from './fieldChecks';
import { withoutSecrets } from './secretGuard';
import { sendOne } from './send';

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
