// @ts-check
'use strict';
// JWT-style access tokens: base64url(header).base64url(payload).base64url(HMAC-SHA256).
// Sakari answers a JWT without `expires_in`, so clients must decode `exp`; the sandbox mirrors that.
// The signing key is random per sandbox process: tokens are worthless outside it.
const crypto = require('node:crypto');

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

class TokenIssuer {
	constructor() {
		this.key = crypto.randomBytes(32);
		this.issued = 0;
		// Tokens whose serial is <= this are treated as expired (expireTokens()/reset()).
		this.expiredUpTo = 0;
	}

	/** Issue a token for `clientId` valid for `ttlSeconds` (rounded up to whole seconds, like `exp`). */
	issue(clientId, ttlSeconds, now = Date.now()) {
		this.issued += 1;
		const iat = Math.floor(now / 1000);
		// ceil so that a TTL of N seconds lasts at least N seconds despite the whole-second claim.
		const exp = Math.ceil((now + ttlSeconds * 1000) / 1000);
		const jti = `${this.issued}.${crypto.randomBytes(6).toString('hex')}`;
		const payload = b64url(JSON.stringify({ sub: clientId, iat, exp, jti }));
		return `${HEADER}.${payload}.${this.sign(`${HEADER}.${payload}`)}`;
	}

	sign(data) {
		return crypto.createHmac('sha256', this.key).update(data).digest('base64url');
	}

	/** Mark every token issued so far as expired. */
	expireAll() {
		this.expiredUpTo = this.issued;
	}

	/**
	 * Check an Authorization header value.
	 * @returns {{ok:true, claims:object} | {ok:false, reason:'missing'|'invalid'|'expired'}}
	 */
	verify(authorization, clientId, now = Date.now()) {
		if (!authorization) return { ok: false, reason: 'missing' };
		const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
		// "Bearer" with nothing after it counts as missing; any other scheme or shape is invalid.
		if (!m) return { ok: false, reason: /^Bearer\s*$/i.test(authorization) ? 'missing' : 'invalid' };
		const parts = m[1].split('.');
		if (parts.length !== 3) return { ok: false, reason: 'invalid' };
		const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
		const given = Buffer.from(parts[2]);
		if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
			return { ok: false, reason: 'invalid' };
		}
		let claims;
		try {
			claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
		} catch {
			return { ok: false, reason: 'invalid' };
		}
		if (claims.sub !== clientId) return { ok: false, reason: 'invalid' };
		const serial = Number.parseInt(String(claims.jti).split('.')[0], 10);
		if (!(serial > this.expiredUpTo) || now >= claims.exp * 1000) return { ok: false, reason: 'expired' };
		return { ok: true, claims };
	}
}

module.exports = { TokenIssuer };
