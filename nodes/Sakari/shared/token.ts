import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/** The subset of n8n's `helpers.httpRequest` the token exchange needs. */
export type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

interface CachedToken {
	token?: string;
	expiresAtMs?: number;
	pending?: Promise<string>;
}

// Renew this long before the JWT's `exp`, so a token never expires between being handed out and being used.
const EXPIRY_MARGIN_MS = 60_000;

// A credential class is loaded once per n8n process, so this cache is shared by every item, run and
// workflow using the same credential: concurrent items wait for one token request instead of each
// fetching their own (n8n calls preAuthentication per item while the stored token is empty).
const tokens = new Map<string, CachedToken>();

export function normalizeBaseUrl(baseUrl: unknown): string {
	return String(baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}

function cacheKey(credentials: ICredentialDataDecryptedObject): string {
	return [
		normalizeBaseUrl(credentials.baseUrl),
		String(credentials.clientId ?? '').trim(),
		String(credentials.clientSecret ?? ''),
	].join('\n');
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

/** Why a token request failed, in words that name the fields to check and never the secret. */
function describeTokenFailure(error: unknown, baseUrl: string): Error {
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
		return new Error(
			`Sakari rejected the Client ID or Client Secret (HTTP ${status}).${sakari} Copy both again from Sakari: Settings > Account Settings > API.`,
		);
	}
	if (status) {
		return new Error(`Sakari's token endpoint ${baseUrl}/oauth2/token answered HTTP ${status}.${sakari}`);
	}
	const code = failure.code ?? failure.cause?.code;
	return new Error(
		`Could not reach Sakari's token endpoint ${baseUrl}/oauth2/token${code ? ` (${code})` : ''}. Check the Base URL of the credential.`,
	);
}

async function requestToken(request: HttpRequest, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	let answer: unknown;
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
	} catch (error) {
		// The original error carries the request (and so the secret): only a summary leaves this function.
		throw describeTokenFailure(error, baseUrl);
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
	const key = cacheKey(credentials);
	const entry = tokens.get(key) ?? {};
	tokens.set(key, entry);
	if (entry.pending) return await entry.pending;
	// n8n passes the stored token: empty on first use, or the one Sakari just answered 401 to.
	const rejected = credentials.accessToken;
	if (isFresh(entry, now) && entry.token !== rejected) return entry.token;

	entry.pending = requestToken(request, credentials)
		.then((token) => {
			entry.token = token;
			entry.expiresAtMs = jwtExpiryMs(token);
			return token;
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
