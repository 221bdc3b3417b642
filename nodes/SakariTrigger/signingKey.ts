// Sakari's public key for delivery signatures: pasted as PEM or downloaded (https only) through n8n's HTTP helper,
// cached per URL for a day, and RSA only (RS256).
import { createPublicKey, type KeyObject } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import { readFailure } from '../Sakari/shared/errors';

export const DEFAULT_SIGNING_KEY_URL = 'https://assets.sakari.io/signing/prod.pem';

const KEY_TTL_MS = 24 * 60 * 60 * 1000;
// A key older than this is fetched again once when a signature does not match (Sakari rotated its key).
export const KEY_REFRESH_AFTER_MS = 60 * 60 * 1000;
const KEY_CACHE_MAX = 16;

export interface CachedKey {
	key: KeyObject;
	fetchedAt: number;
}
const keyCache = new Map<string, CachedKey>();

/**
 * A PEM public key that can verify RS256 (RSA only: an EC or Ed25519 key is a configuration error), or why not.
 * Problems are values, not exceptions: they become the delivery's answer, never a failed execution.
 */
export function rsaPublicKey(pem: string): KeyObject | string {
	let key: KeyObject;
	try {
		key = createPublicKey(pem.trim());
	} catch {
		return 'the signing key is not a PEM public key';
	}
	return key.asymmetricKeyType === 'rsa' ? key : `the signing key is ${key.asymmetricKeyType}, not RSA`;
}

/** Only https, except on this machine (a key fetched over plain http could be swapped on the way). */
function keyUrlProblem(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `Signing Key URL is not a URL: ${url.slice(0, 100)}`;
	}
	const local = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
	if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) {
		return 'Signing Key URL must use https (http only for localhost)';
	}
	return undefined;
}

/** Sakari's public key from its URL through n8n's HTTP helper, cached per URL for a day; or why not. */
export async function keyFromUrl(context: IWebhookFunctions, url: string, refresh: boolean): Promise<CachedKey | string> {
	const cached = keyCache.get(url);
	const now = Date.now();
	if (cached && now - cached.fetchedAt < KEY_TTL_MS && !refresh) return cached;
	const problem = keyUrlProblem(url);
	if (problem) return problem;
	let pem: unknown;
	try {
		pem = await context.helpers.httpRequest({ method: 'GET', url, encoding: 'text', json: false, timeout: 10_000 });
	} catch (error) {
		const { status } = readFailure(error);
		return `downloading the signing key failed${status ? ` (HTTP ${status})` : ''}`;
	}
	const key = rsaPublicKey(String(pem));
	if (typeof key === 'string') return key;
	if (keyCache.size >= KEY_CACHE_MAX) keyCache.delete(keyCache.keys().next().value as string);
	const fresh = { key, fetchedAt: now };
	keyCache.set(url, fresh);
	return fresh;
}
