// Checking a delivery's signature (a compact JWS, RS256, against Sakari's public key from signingKey.ts), the options
// that turn the check on, and the delivery a valid signature vouches for.
import { verify, type KeyObject } from 'crypto';
import type { IDataObject, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import { DEFAULT_SIGNING_KEY_URL, KEY_REFRESH_AFTER_MS, keyFromUrl, rsaPublicKey } from './signingKey';

/**
 * Sakari's delivery signature as its Node SDK (`sakari-nodejs-sdk`, `validate`) checks it: a compact JWS signed
 * with RS256, verified against Sakari's public key. Sakari's docs do not say which header carries it, hence an option.
 */
export const DEFAULT_SIGNATURE_HEADER = 'X-Sakari-Signature';

// A signed payload carrying `iat` (seconds) is refused when older than this, or from further in the future.
const MAX_AGE_S = 5 * 60;
const MAX_CLOCK_SKEW_S = 60;
const MAX_SIGNATURE_LENGTH = 1024 * 1024;

type Refusal = { ok: false; status: number; reason: string };
export type SignedDelivery = { ok: true; payload: unknown } | Refusal;

const refuse = (reason: string, status = 401): Refusal => ({ ok: false, status, reason });
const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function decodeJson(part: string): unknown {
	if (!/^[A-Za-z0-9_-]*$/.test(part)) return undefined;
	try {
		return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
	} catch {
		return undefined;
	}
}

interface CompactJws {
	signingInput: string;
	signature: Buffer;
	payload: unknown;
}

/** Splits and decodes a compact JWS; the algorithm is pinned to RS256 before any key is looked at. */
function parseJws(value: unknown): CompactJws | Refusal {
	if (typeof value !== 'string' || value.trim() === '') return refuse('missing');
	const token = value.trim();
	if (token.length > MAX_SIGNATURE_LENGTH) return refuse('The signature is too long');
	const parts = token.split('.');
	if (parts.length !== 3) return refuse('The signature is not a compact JWS (header.payload.signature)');
	const header = decodeJson(parts[0]);
	if (!isObject(header)) return refuse('The signature header is not base64url JSON');
	// Pinned: `none`, HS256 (e.g. keyed with the public key) and every other algorithm are refused outright.
	if (header.alg !== 'RS256') return refuse(`Signature algorithm ${String(header.alg).slice(0, 20)} is not accepted: only RS256`);
	if (header.crit !== undefined) return refuse('The signature header has critical extensions this node does not know');
	const payload = decodeJson(parts[1]);
	if (payload === undefined) return refuse('The signed payload is not base64url JSON');
	if (!/^[A-Za-z0-9_-]+$/.test(parts[2])) return refuse('The signature is not base64url');
	return { signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url'), payload };
}

/** Deep equality of two JSON values, key order ignored. */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) || Array.isArray(b)) {
		return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((value, i) => sameJson(value, b[i]));
	}
	if (!isObject(a) || !isObject(b)) return false;
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
}

export interface SignatureOptions {
	header: string;
	keyUrl: string;
	keyPem: string;
}

/** The options that turn the check on and say where the signature and Sakari's key are (the trigger's, SMS Reply's). */
export const signatureFields: INodeProperties[] = [
	{
		displayName: 'Verify Signature',
		name: 'verifySignature',
		type: 'boolean',
		default: false,
		description:
			"Whether to accept only deliveries signed by Sakari: a JWS signed with RS256 by Sakari's key, as Sakari's Node SDK checks it. The signed payload must be the delivery or its message (payload), exactly as in the body. Sakari's docs do not say which header carries the signature: turn this on once you have seen Sakari send it.",
	},
	{
		displayName: 'Signature Header',
		name: 'signatureHeader',
		type: 'string',
		default: DEFAULT_SIGNATURE_HEADER,
		description: 'The request header that carries the signature (JWS), used when Verify Signature is on',
	},
	{
		displayName: 'Signing Key URL',
		name: 'signingKeyUrl',
		type: 'string',
		default: DEFAULT_SIGNING_KEY_URL,
		description:
			"Where Sakari's public key (PEM) is downloaded from, used when Verify Signature is on and no key is pasted below. Fetched once and kept for a day; https only.",
	},
	{
		displayName: 'Signing Key (PEM)',
		name: 'signingKeyPem',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: '-----BEGIN PUBLIC KEY-----',
		description: "Sakari's public key pasted as PEM; when set, it is used instead of the Signing Key URL",
	},
];

/** The check's settings from a collection holding `signatureFields`. */
export function signatureOptions(options: IDataObject): SignatureOptions {
	return {
		header: String(options.signatureHeader || DEFAULT_SIGNATURE_HEADER).trim(),
		keyUrl: String(options.signingKeyUrl || DEFAULT_SIGNING_KEY_URL).trim(),
		keyPem: String(options.signingKeyPem ?? ''),
	};
}

/** A delivery `{eventType, payload}` rather than the bare message. */
const isDelivery = (value: unknown): value is IDataObject =>
	isObject(value) && typeof value.eventType === 'string' && isObject(value.payload);

/**
 * Checks a delivery's signature before anything else about it, and returns the delivery from then on. The signed
 * payload may be the whole delivery, which is then the delivery (a body that differs from it is refused), or the
 * bare message, as Sakari's Node SDK shows it signed (`{id, job, type, status, contact, conversation, message, …}`):
 * then the body must be a delivery whose `payload` is that message (same JSON, key order aside), and the event type
 * and account ID come from the body. Either way a captured signature cannot carry another message.
 */
export async function verifySignedDelivery(
	context: IWebhookFunctions,
	options: SignatureOptions,
	body: unknown,
	now = Date.now(),
): Promise<SignedDelivery> {
	const headerName = options.header.toLowerCase();
	const jws = parseJws(context.getHeaderData()[headerName]);
	if ('ok' in jws) return jws.reason === 'missing' ? refuse(`Missing ${options.header} signature header`) : jws;

	const valid = (key: KeyObject) => verify('sha256', Buffer.from(jws.signingInput), key, jws.signature);
	// Without a key the delivery may still be fine: 500, so that the sender can try again later.
	const noKey = (problem: string) => refuse(`Could not check the signature: ${problem}`, 500);
	if (options.keyPem.trim() !== '') {
		const key = rsaPublicKey(options.keyPem);
		if (typeof key === 'string') return noKey(key);
		if (!valid(key)) return refuse('Invalid signature');
	} else {
		const cached = await keyFromUrl(context, options.keyUrl, false);
		if (typeof cached === 'string') return noKey(cached);
		if (!valid(cached.key)) {
			if (now - cached.fetchedAt <= KEY_REFRESH_AFTER_MS) return refuse('Invalid signature');
			const fresh = await keyFromUrl(context, options.keyUrl, true);
			if (typeof fresh === 'string') return noKey(fresh);
			if (!valid(fresh.key)) return refuse('Invalid signature');
		}
	}

	const { payload } = jws;
	if (isObject(payload) && typeof payload.iat === 'number') {
		const ageS = now / 1000 - payload.iat;
		if (ageS > MAX_AGE_S || ageS < -MAX_CLOCK_SKEW_S) return refuse('The signed delivery is too old (iat)');
	}
	const hasBody = body !== undefined && body !== null && !(isObject(body) && Object.keys(body).length === 0);
	if (isDelivery(payload)) {
		if (hasBody && !sameJson(body, payload)) return refuse('The body differs from the signed payload');
		return { ok: true, payload };
	}
	if (!isObject(payload)) return refuse('The signed payload is neither a delivery nor a message');
	if (!hasBody) return refuse('The signed payload is a message: the body must be the delivery that carries it');
	if (!isObject(body) || !sameJson(body.payload, payload)) return refuse("The body's payload differs from the signed message");
	return { ok: true, payload: body };
}
