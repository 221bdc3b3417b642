// The credential's bearer token: fetched with Sakari's client-credentials grant, once per process however many
// items, runs and workflows ask at the same time, and never sent after the credential it was issued for changed.
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { readFailure, redactServerText } from './errors';
import { backoffMs, retrying, retryPlan } from './retryPolicy';

/** The subset of n8n's `helpers.httpRequest` the token exchange needs. */
export type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

interface CachedToken {
	token?: string;
	expiresAtMs?: number;
	/** When this process received `token`. */
	receivedAtMs?: number;
	pending?: Promise<string>;
	/** The last failed token request, answered again to callers until `untilMs` instead of asking Sakari. */
	failure?: { message: string; untilMs: number };
}

// Renew this long before the JWT's `exp`, so a token never expires between being handed out and being used.
const EXPIRY_MARGIN_MS = 60_000;

// A credential class is loaded once per n8n process, so this cache is shared by every item, run and
// workflow using the same credential: concurrent items wait for one token request instead of each
// fetching their own (n8n calls preAuthentication per item while the stored token is empty).
// Map order is use order (an entry is moved to the end when used), so the first entries are the oldest.
const tokens = new Map<string, CachedToken>();
// Credentials remembered at most: a process serving many credentials drops the least recently used.
export const MAX_CACHED_CREDENTIALS = 100;

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

export function normalizeBaseUrl(baseUrl: unknown): string {
	return String(baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/**
 * Which base URL, client ID and secret a token was issued for, as a one-way hash: stored next to the token, so
 * a token is never sent once any of them changed (an edited secret, or a Base URL pointing at another server).
 */
export function credentialFingerprint(credentials: ICredentialDataDecryptedObject): string {
	return createHash('sha256')
		.update(
			[
				normalizeBaseUrl(credentials.baseUrl),
				String(credentials.clientId ?? '').trim(),
				String(credentials.clientSecret ?? ''),
			].join('\n'),
		)
		.digest('hex')
		.slice(0, 32);
}

/** The stored token, but only when it was issued for exactly these credentials. */
export function usableToken(credentials: ICredentialDataDecryptedObject): string | undefined {
	const token = credentials.accessToken;
	if (typeof token !== 'string' || token === '') return undefined;
	return credentials.accessTokenFor === credentialFingerprint(credentials) ? token : undefined;
}

/** Reads the `exp` claim (seconds) of a JWT; undefined when the token is not a JWT or has none. */
function jwtExpiryMs(token: string): number | undefined {
	const payload = token.split('.')[1];
	if (!payload) return undefined;
	try {
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as IDataObject;
		return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
	} catch {
		// Not a JWT: Sakari's answer is then trusted until the API rejects it with a 401.
		return undefined;
	}
}

function isFresh(entry: CachedToken, now: number): entry is CachedToken & { token: string } {
	if (!entry.token) return false;
	return entry.expiresAtMs === undefined || entry.expiresAtMs - EXPIRY_MARGIN_MS > now;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

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

async function requestToken(request: HttpRequest, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
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

/**
 * Returns a bearer token for these credentials: the cached one while it is valid and is not the token the
 * caller just saw rejected, otherwise a new one, fetched once however many callers ask at the same time.
 */
export async function getAccessToken(
	request: HttpRequest,
	credentials: ICredentialDataDecryptedObject,
	now = Date.now(),
): Promise<string> {
	const key = credentialFingerprint(credentials);
	const entry = entryFor(key, now);
	if (entry.pending) return await entry.pending;
	// n8n passes the stored token: empty on first use, or the one Sakari just answered 401 to.
	const rejected = credentials.accessToken;
	// After a 401 for another token (in queue mode n8n hands each process the token some process stored last),
	// the one cached here may be revoked too: it is reused only when received in these last seconds, i.e. for
	// the same wave of 401s.
	const reusable = !rejected || (entry.receivedAtMs ?? 0) >= now - tokenTiming.reuseAfterRejectionMs;
	if (isFresh(entry, now) && entry.token !== rejected && reusable) return entry.token;
	if (entry.failure && entry.failure.untilMs > now) throw new Error(entry.failure.message);

	entry.pending = requestToken(request, credentials)
		.then((token) => {
			entry.token = token;
			entry.expiresAtMs = jwtExpiryMs(token);
			entry.receivedAtMs = Date.now();
			entry.failure = undefined;
			return token;
		})
		.catch((error: Error) => {
			entry.failure = {
				// Handed to every caller of the next seconds: never more than the summary, never the secret.
				message: redactServerText(error.message, [credentials.clientSecret], 1000),
				untilMs: Date.now() + tokenTiming.failureKeptMs,
			};
			throw error;
		})
		.finally(() => {
			entry.pending = undefined;
		});
	return await entry.pending;
}

/** An entry that holds nothing worth keeping: no request under way, no usable token, no failure to repeat. */
function isSpent(entry: CachedToken, now: number): boolean {
	return !entry.pending && !isFresh(entry, now) && !(entry.failure && entry.failure.untilMs > now);
}

/**
 * This credential's cache entry, moved to the end as the most recently used, after dropping spent entries
 * and, beyond MAX_CACHED_CREDENTIALS, the least recently used ones.
 */
function entryFor(key: string, now: number): CachedToken {
	const entry = tokens.get(key) ?? {};
	tokens.delete(key);
	for (const [other, cached] of tokens) if (isSpent(cached, now)) tokens.delete(other);
	for (const oldest of tokens.keys()) {
		if (tokens.size < MAX_CACHED_CREDENTIALS) break;
		tokens.delete(oldest);
	}
	tokens.set(key, entry);
	return entry;
}

/** How many credentials the cache holds (tests: nothing is kept for ever). */
export function cachedCredentials(): number {
	return tokens.size;
}

/** Forgets every cached token (tests, and a process that wants to start clean). */
export function clearTokenCache(): void {
	tokens.clear();
}
