// The credential's bearer token, cached per process: one exchange (tokenRequest.ts) however many items, runs and
// workflows ask at the same time, renewed after a 401, and never sent after the credential it was issued for changed.
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { redactServerText } from './redact';
import { credentialFingerprint } from '../../../credentials/SakariOAuth2Api.credentials';
import { requestToken, tokenTiming, type HttpRequest } from './tokenRequest';

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
