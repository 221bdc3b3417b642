// One run of the node (execution and node name): its key, and its decrypted credential, read once per run and
// handed to every request of the run instead of n8n reading and decrypting it from its database per request.
import type { ICredentialDataDecryptedObject, IExecutePaginationFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { RequestLimiter } from './limiter';
import { CREDENTIAL_TYPE } from './transport';

/** One run of this node (execution and node name): what its limiter, gathered rows and uploads belong to. */
export function runKey(context: IExecutePaginationFunctions): string {
	return `${context.getExecutionId() ?? 'no-execution'}\n${context.getNode().name}`;
}

// Per limiter, which lives exactly as long as the run's requests.
const runCredentials = new WeakMap<RequestLimiter, Promise<ICredentialDataDecryptedObject>>();

/**
 * One request with the credential's token, through n8n's own httpRequestWithAuthentication (its 401 → new token
 * → one retry included), handed the run's decrypted credential. Each request gets its own copy, so concurrent
 * 401s each name the token they saw rejected (one renewal for all of them); a token a request fetched is the
 * run's from then on.
 */
export async function withRunCredential(
	context: IExecutePaginationFunctions,
	limiter: RequestLimiter,
	options: IHttpRequestOptions,
): Promise<unknown> {
	let credentials = runCredentials.get(limiter);
	if (!credentials) {
		credentials = context.getCredentials(CREDENTIAL_TYPE);
		runCredentials.set(limiter, credentials);
	}
	const shared = await credentials;
	const own = { ...shared };
	// n8n versions that do not take the cancel signal from the context still get it as an option.
	const request = { ...options, abortSignal: options.abortSignal ?? context.getExecutionCancelSignal() };
	try {
		return await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request, {
			credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_TYPE, data: own },
		});
	} finally {
		if (own.accessToken && own.accessToken !== shared.accessToken) {
			shared.accessToken = own.accessToken;
			shared.accessTokenFor = own.accessTokenFor;
		}
	}
}
