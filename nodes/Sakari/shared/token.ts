import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { readFailure, redactServerText } from './errors';
import { backoffMs } from './limiter';

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
// Every item of every run with this credential waits on the token request, so it has its own short limits:
// each attempt must be answered completely within `attemptMs` (an overall deadline, which a server sending
// its answer a byte at a time cannot stretch, unlike the HTTP library's idle timeout), and all attempts with
// their pauses end within `totalMs`.
const tokenTiming = { attemptMs: 10_000, totalMs: 20_000, reuseAfterRejectionMs: 10_000 };
// After a failed token request, items asking within this window get the same error without a new request,
// so 5,000 items with a wrong secret make one token request, not 5,000.
const REJECTED_FOR_MS = 10_000;
const UNAVAILABLE_FOR_MS = 2_000;

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

/** A failed token request; `credentialsRejected` when Sakari refused the client ID or secret themselves. */
class TokenError extends Error {
	constructor(
		message: string,
		readonly credentialsRejected = false,
	) {
		super(message);
	}
}

/** Shortens (tests) or restores the token request's limits; production keeps the defaults above. */
export function setTokenTimeouts(options: { attemptMs?: number; totalMs?: number; reuseAfterRejectionMs?: number } = {}): void {
	tokenTiming.attemptMs = options.attemptMs ?? 10_000;
	tokenTiming.totalMs = options.totalMs ?? 20_000;
	tokenTiming.reuseAfterRejectionMs = options.reuseAfterRejectionMs ?? 10_000;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Why a token request failed, in words that name the fields to check and never the secret. */
function describeTokenFailure(
	error: unknown,
	baseUrl: string,
	clientSecret: string,
	timedOutAttempts?: number,
): TokenError {
	if (timedOutAttempts !== undefined) {
		const { attemptMs, totalMs } = tokenTiming;
		return new TokenError(
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
		return new TokenError(
			`Sakari's token endpoint ${baseUrl}/oauth2/token answered with a redirect (HTTP ${status}). The token request never follows one, so the Client Secret goes nowhere else: set the credential's Base URL to Sakari's API address itself (https://api.sakari.io).`,
		);
	}
	if (status === 400 || status === 401 || status === 403) {
		return new TokenError(
			`Sakari rejected the Client ID or Client Secret (HTTP ${status}).${sakari} Copy both again from Sakari: Settings > Account Settings > API.`,
			true,
		);
	}
	if (status) {
		return new TokenError(`Sakari's token endpoint ${baseUrl}/oauth2/token answered HTTP ${status}.${sakari}`);
	}
	// Node's own code (ECONNREFUSED, CERT_HAS_EXPIRED, ...), never text from the server.
	const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
	const reason = [code, cause?.code].find((value): value is string => typeof value === 'string' && /^[A-Z0-9_]+$/.test(value));
	return new TokenError(
		`Could not reach Sakari's token endpoint ${baseUrl}/oauth2/token${reason ? ` (${reason})` : ''}. Check the Base URL of the credential.`,
	);
}

/** How long to wait before asking again, or undefined when this failure is final. */
function tokenRequestRetry(error: unknown, attempt: number, timedOut: boolean): number | undefined {
	if (attempt + 1 >= TOKEN_ATTEMPTS) return undefined;
	if (timedOut) return backoffMs(attempt);
	const failure = readFailure(error);
	if (failure.status === 429) return failure.retryAfterMs ?? backoffMs(attempt);
	const transient = failure.networkCode !== undefined || (failure.status !== undefined && failure.status >= 500);
	return transient ? backoffMs(attempt) : undefined;
}

async function requestToken(request: HttpRequest, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	const clientSecret = String(credentials.clientSecret ?? '');
	const { attemptMs, totalMs } = tokenTiming;
	const deadline = Date.now() + totalMs;
	let answer: unknown;
	for (let attempt = 0; ; attempt++) {
		const limitMs = Math.max(1, Math.min(attemptMs, deadline - Date.now()));
		const stop = AbortSignal.timeout(limitMs);
		try {
			// Sakari documents only this JSON form of the client-credentials grant (not form-encoded, not Basic).
			answer = await request({
				method: 'POST',
				url: `${baseUrl}/oauth2/token`,
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body: {
					grant_type: 'client_credentials',
					client_id: String(credentials.clientId ?? '').trim(),
					client_secret: clientSecret,
				},
				json: true,
				// A redirect would carry the secret in the body to wherever it points (307/308 keep the body).
				disableFollowRedirect: true,
				// `timeout` alone only bounds the wait for headers and the gaps between bytes; the signal ends the
				// whole exchange.
				timeout: limitMs,
				abortSignal: stop,
			});
			break;
		} catch (error) {
			const timedOut = stop.aborted;
			const delayMs = tokenRequestRetry(error, attempt, timedOut);
			// The original error carries the request (and so the secret): only a summary leaves this function.
			if (delayMs === undefined || Date.now() + delayMs >= deadline) {
				throw describeTokenFailure(error, baseUrl, clientSecret, timedOut ? attempt + 1 : undefined);
			}
			await sleep(delayMs);
		}
	}
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
			const rejectedCredentials = error instanceof TokenError && error.credentialsRejected;
			entry.failure = {
				// Handed to every caller of the next seconds: never more than the summary, never the secret.
				message: redactServerText(error.message, [credentials.clientSecret], 1000),
				untilMs: Date.now() + (rejectedCredentials ? REJECTED_FOR_MS : UNAVAILABLE_FOR_MS),
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
