// @ts-check
'use strict';
// Signed webhook deliveries, the way Sakari's Node SDK verifies them: a compact JWS (RS256), checked against a
// public key served as PEM. The sandbox signs with its own RSA key pair; webhooks.js chooses what is signed.
const crypto = require('node:crypto');

const PUBLIC_KEY_PATH = '/signing/prod.pem'; // the path of Sakari's own key (https://assets.sakari.io/signing/prod.pem)
const SIGNATURE_HEADER = 'X-Sakari-Signature';

/** @type {crypto.KeyPairKeyObjectResult | undefined} one pair per process: generating one takes ~100 ms */
let pair;
const keyPair = () => (pair ??= crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }));

/** The public key as PEM (SPKI), what the sandbox serves at PUBLIC_KEY_PATH. */
const publicKeyPem = () => String(keyPair().publicKey.export({ type: 'spki', format: 'pem' }));

const b64url = (/** @type {string | Buffer} */ data) => Buffer.from(data).toString('base64url');

/**
 * Compact JWS over an exact text: base64url(header).base64url(text).base64url(RS256 signature).
 * @param {string} bodyText
 */
function signJws(bodyText) {
	const signingInput = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(bodyText)}`;
	return `${signingInput}.${b64url(crypto.sign('sha256', Buffer.from(signingInput), keyPair().privateKey))}`;
}

module.exports = { signJws, publicKeyPem, PUBLIC_KEY_PATH, SIGNATURE_HEADER };
