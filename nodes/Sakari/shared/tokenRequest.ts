// Sakari's client-credentials grant (POST {base}/oauth2/token with a JSON body): one exchange, retried within its
// own short limits, and its failure in words that name the fields to check and never the secret.
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { readFailure } from './errors';
import { redactServerText } from './redact';
import { backoffMs, retryPlan } from './retryPolicy';
import { retrying } from './send';
import { sakariBaseUrl } from '../../../credentials/SakariOAuth2Api.credentials';

/** The subset of n8n's `helpers.httpRequest` the token exchange needs. */
export type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

// The token endpoint is asked at most this often per token: it is idempotent, so a 429, 5xx, lost
// connection or stalled answer is simply asked again, once for all the items waiting on it.
const TOKEN_ATTEMPTS = 3;
/**
 * Every item of every run with this credential waits on the token request, so it has its own short limits: each
 * attempt must be answered completely within `attemptMs` (an overall deadline, which a server sending its answer a
 * byte at a time cannot stretch, unlike the HTTP library's idle timeout), and all attempts with their pauses end
 * within `totalMs`. A failed token request is answered again for `failureKeptMs` (5,000 items with a wrong secret
 * make one token request, not 5,000). Production keeps these values (tests shorten them and restore them).
 */
export const tokenTiming = { attemptMs: 10_000, totalMs: 20_000, reuseAfterRejectionMs: 10_000, failureKeptMs: 10_000 };

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Whether a refusal asks for a bearer token (a `WWW-Authenticate: Bearer` challenge, or words about a missing
 * bearer or Authorization header): the answer of an API endpoint, not of the token endpoint judging a secret.
 */
function asksForBearer(error: unknown, message: string | undefined): boolean {
	const { response, cause } = error as { response?: { headers?: IDataObject }; cause?: { response?: { headers?: IDataObject } } };
	const headers = cause?.response?.headers ?? response?.headers ?? {};
	const challenge = Object.entries(headers).find(([name]) => name.toLowerCase() === 'www-authenticate')?.[1];
	return /^\s*bearer\b/i.test(String(challenge ?? '')) || /\bbearer\b|\bauthori[sz]ation\b/i.test(message ?? '');
}

/** Why a token request failed, in words that name the fields to check and never the secret. */
function describeTokenFailure(
	error: unknown,
	baseUrl: string,
	clientSecret: string,
	timedOutAttempts?: number,
): Error {
	if (timedOutAttempts !== undefined) {
		const { attemptMs, totalMs } = tokenTiming;
		return new Error(
			`Sakari's token endpoint ${baseUrl}/oauth2/token did not answer in time (${timedOutAttempts} attempt(s) of at most ${seconds(attemptMs)}, ${seconds(totalMs)} in all). Check the Base URL of the credential, or try again later.`,
		);
	}
	const failure = readFailure(error);
	const status = failure.status;
	// readFailure already removed anything token-shaped; the secret this request sent is removed here.
	const sakari = failure.message
		? ` Sakari says: ${redactServerText(failure.message, [clientSecret])}${failure.code ? ` (${redactServerText(failure.code, [clientSecret], 60)})` : ''}.`
		: '';
	if (status !== undefined && status >= 300 && status < 400) {
		return new Error(
			`Sakari's token endpoint ${baseUrl}/oauth2/token answered with a redirect (HTTP ${status}). The token request never follows one, so the Client Secret goes nowhere else: set the credential's Base URL to Sakari's API address itself (https://api.sakari.io).`,
		);
	}
	if (status === 401 && asksForBearer(error, failure.message)) {
		return new Error(
			`The token endpoint ${baseUrl}/oauth2/token answered HTTP 401 asking for an access token (an Authorization header), which a token request never carries.${sakari} So this is not Sakari's token endpoint, and the Client ID and Secret were not checked: set the credential's Base URL to https://api.sakari.io.`,
		);
	}
	if (status === 400 || status === 401 || status === 403) {
		return new Error(`Sakari rejected the Client ID or Client Secret (HTTP ${status}).${sakari} Copy both again from Sakari: Settings > Account Settings > API.`);
	}
	if (status) {
		return new Error(`Sakari's token endpoint ${baseUrl}/oauth2/token answered HTTP ${status}.${sakari}`);
	}
	// Node's own code (ECONNREFUSED, CERT_HAS_EXPIRED, ...), never text from the server.
	const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
	const reason = [code, cause?.code].find((value): value is string => typeof value === 'string' && /^[A-Z0-9_]+$/.test(value));
	return new Error(
		`Could not reach Sakari's token endpoint ${baseUrl}/oauth2/token${reason ? ` (${reason})` : ''}. Check the Base URL of the credential.`,
	);
}

export async function requestToken(request: HttpRequest, credentials: ICredentialDataDecryptedObject): Promise<string> {
	// A Base URL with a path is refused here, before the Client Secret goes anywhere.
	const baseUrl = sakariBaseUrl(credentials);
	const clientSecret = String(credentials.clientSecret ?? '');
	const { attemptMs, totalMs } = tokenTiming;
	const deadline = Date.now() + totalMs;
	let timedOut = false;
	const answer = await retrying(
		async () => {
			const limitMs = Math.max(1, Math.min(attemptMs, deadline - Date.now()));
			const stop = AbortSignal.timeout(limitMs);
			try {
				// Sakari documents only this JSON form of the client-credentials grant (not form-encoded, not Basic).
				return await request({
					method: 'POST',
					url: `${baseUrl}/oauth2/token`,
					headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
					body: { grant_type: 'client_credentials', client_id: String(credentials.clientId ?? '').trim(), client_secret: clientSecret },
					json: true,
					// A redirect would carry the secret in the body to wherever it points (307/308 keep the body).
					disableFollowRedirect: true,
					// `timeout` alone only bounds the wait for headers and the gaps between bytes; the signal ends the whole exchange.
					timeout: limitMs,
					abortSignal: stop,
				});
			} finally {
				timedOut = stop.aborted;
			}
		},
		(error, attempt) => {
			if (attempt + 1 >= TOKEN_ATTEMPTS) return undefined;
			const delayMs = timedOut ? backoffMs(attempt) : retryPlan(readFailure(error), attempt, true)?.delayMs;
			return delayMs !== undefined && Date.now() + delayMs < deadline ? delayMs : undefined;
		},
		// The original error carries the request (and so the secret): only a summary leaves this function.
		(error, attempts) => describeTokenFailure(error, baseUrl, clientSecret, timedOut ? attempts : undefined),
	);
	const token = (answer as IDataObject | undefined)?.access_token;
	if (typeof token !== 'string' || token === '') {
		throw new Error(`Sakari's token endpoint ${baseUrl}/oauth2/token answered without an access_token.`);
	}
	return token;
}
