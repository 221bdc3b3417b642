import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { readFailure } from './errors';
import { backoffMs } from './limiter';

/** The subset of n8n's `helpers.httpRequest` the token exchange needs. */
export type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

interface CachedToken {
	token?: string;
	expiresAtMs?: number;
	pending?: Promise<string>;
	/** The last failed token request, answered again to callers until `untilMs` instead of asking Sakari. */
	failure?: { message: string; untilMs: number };
}

// Renew this long before the JWT's `exp`, so a token never expires between being handed out and being used.
const EXPIRY_MARGIN_MS = 60_000;

// A credential class is loaded once per n8n process, so this cache is shared by every item, run and
// workflow using the same credential: concurrent items wait for one token request instead of each
// fetching their own (n8n calls preAuthentication per item while the stored token is empty).
const tokens = new Map<string, CachedToken>();

// The token endpoint is asked at most this often per token: it is idempotent, so a 429, 5xx or lost
// connection is simply asked again, once for all the items waiting on it.
const TOKEN_ATTEMPTS = 4;
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
export function jwtExpiryMs(token: string): number | undefined {
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

/** Why a token request failed, in words that name the fields to check and never the secret. */
function describeTokenFailure(error: unknown, baseUrl: string): TokenError {
	const failure = error as {
		httpCode?: string;
		response?: { status?: number; data?: unknown };
		cause?: { response?: { status?: number; data?: unknown }; code?: string };
		code?: string;
	};
	const response = failure.response ?? failure.cause?.response;
	const status = response?.status ?? (failure.httpCode ? Number(failure.httpCode) : undefined);
	const body = response?.data as { error?: { code?: string; message?: string } } | undefined;
	const sakari = body?.error?.message
		? ` Sakari says: ${body.error.message}${body.error.code ? ` (${body.error.code})` : ''}.`
		: '';
	if (status === 400 || status === 401 || status === 403) {
		return new TokenError(
			`Sakari rejected the Client ID or Client Secret (HTTP ${status}).${sakari} Copy both again from Sakari: Settings > Account Settings > API.`,
			true,
		);
	}
	if (status) {
		return new TokenError(`Sakari's token endpoint ${baseUrl}/oauth2/token answered HTTP ${status}.${sakari}`);
	}
	const code = failure.code ?? failure.cause?.code;
	return new TokenError(
		`Could not reach Sakari's token endpoint ${baseUrl}/oauth2/token${code ? ` (${code})` : ''}. Check the Base URL of the credential.`,
	);
}

function tokenRequestRetry(error: unknown, attempt: number): number | undefined {
	if (attempt + 1 >= TOKEN_ATTEMPTS) return undefined;
	const failure = readFailure(error);
	if (failure.status === 429) return Math.min(failure.retryAfterMs ?? backoffMs(attempt), 30_000);
	const transient = failure.networkCode !== undefined || (failure.status !== undefined && failure.status >= 500);
	return transient ? backoffMs(attempt) : undefined;
}

async function requestToken(request: HttpRequest, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	let answer: unknown;
	for (let attempt = 0; ; attempt++) {
		try {
			// Sakari documents only this JSON form of the client-credentials grant (not form-encoded, not Basic).
			answer = await request({
				method: 'POST',
				url: `${baseUrl}/oauth2/token`,
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body: {
					grant_type: 'client_credentials',
					client_id: String(credentials.clientId ?? '').trim(),
					client_secret: String(credentials.clientSecret ?? ''),
				},
				json: true,
			});
			break;
		} catch (error) {
			const delayMs = tokenRequestRetry(error, attempt);
			// The original error carries the request (and so the secret): only a summary leaves this function.
			if (delayMs === undefined) throw describeTokenFailure(error, baseUrl);
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
	const entry = tokens.get(key) ?? {};
	tokens.set(key, entry);
	if (entry.pending) return await entry.pending;
	// n8n passes the stored token: empty on first use, or the one Sakari just answered 401 to.
	const rejected = credentials.accessToken;
	if (isFresh(entry, now) && entry.token !== rejected) return entry.token;
	if (entry.failure && entry.failure.untilMs > now) throw new Error(entry.failure.message);

	entry.pending = requestToken(request, credentials)
		.then((token) => {
			entry.token = token;
			entry.expiresAtMs = jwtExpiryMs(token);
			entry.failure = undefined;
			return token;
		})
		.catch((error: Error) => {
			const rejectedCredentials = error instanceof TokenError && error.credentialsRejected;
			entry.failure = {
				message: error.message,
				untilMs: Date.now() + (rejectedCredentials ? REJECTED_FOR_MS : UNAVAILABLE_FOR_MS),
			};
			throw error;
		})
		.finally(() => {
			entry.pending = undefined;
		});
	return await entry.pending;
}

/** Forgets every cached token (tests, and a process that wants to start clean). */
export function clearTokenCache(): void {
	tokens.clear();
}
