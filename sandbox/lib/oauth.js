// @ts-check
'use strict';
// The OAuth2 token endpoint (client-credentials grant, JSON body only) and the bearer check on /v1.
const { ApiError, reply, parseJsonBody } = require('./http');

const BEARER_PROBLEMS = {
	missing: ['AUTH-010', 'Authorization bearer token is missing'],
	invalid: ['AUTH-011', 'Authorization token is invalid'],
	expired: ['AUTH-012', 'Authorization token has expired'],
};

/**
 * POST /oauth2/token: the documented JSON form only.
 * @param {{method: string, rawBody: string}} ctx
 * @param {{clientId: string, clientSecret: string, tokenTtlSeconds: number}} cfg
 * @param {import('./token').TokenIssuer} tokens
 */
function tokenEndpoint(ctx, cfg, tokens) {
	if (ctx.method !== 'POST') throw new ApiError(405, 'HTTP-405', 'Use POST for /oauth2/token', { Allow: 'POST' });
	let body;
	try {
		body = parseJsonBody(ctx.rawBody);
	} catch {
		body = undefined;
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'AUTH-002', 'Token request body must be JSON: {grant_type, client_id, client_secret}');
	if (body.grant_type !== 'client_credentials') throw new ApiError(400, 'AUTH-003', "grant_type must be 'client_credentials'");
	if (body.client_id !== cfg.clientId || body.client_secret !== cfg.clientSecret) throw new ApiError(401, 'AUTH-001', 'Invalid client credentials');
	return reply(200, { access_token: tokens.issue(cfg.clientId, cfg.tokenTtlSeconds), token_type: 'bearer' });
}

/** Throws a 401 ApiError unless `authorization` carries a live token of this sandbox for `clientId`. */
function authenticate(tokens, authorization, clientId) {
	const v = tokens.verify(authorization, clientId);
	if (v.ok) return;
	const [code, message] = BEARER_PROBLEMS[v.reason];
	throw new ApiError(401, code, message, { 'WWW-Authenticate': 'Bearer' });
}

module.exports = { tokenEndpoint, authenticate };
