// Text a server sent back, made safe to show in an error or an item: no secret, nothing token-shaped, capped.

// Server text shown to a user is capped: an error body can be a whole HTML page, or an echo of the request.
export const MAX_SERVER_TEXT = 300;

// What a token or secret looks like in text a server sent back, whatever the server: an Authorization header,
// a JWT (its header always starts with `{"`, base64url "eyJ"), or a JSON / form field naming a credential.
const TOKEN_SHAPES: Array<[RegExp, string]> = [
	[/\b(Bearer|Basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
	[/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, '[redacted]'],
	[
		/((?:access_token|refresh_token|id_token|client_secret|clientSecret|accessToken|password)\\?"?\s*[:=]\s*\\?"?)[^"\\&\s,;}]+/gi,
		'$1[redacted]',
	],
];

/**
 * Text taken from a server, made safe to show: the given secrets (in plain, JSON and URL-encoded form) and
 * anything token-shaped replaced, control characters flattened, and at most `max` characters kept.
 */
export function redactServerText(text: unknown, secrets: unknown[] = [], max = MAX_SERVER_TEXT): string {
	let clean = typeof text === 'string' ? text : String(text ?? '');
	for (const secret of secrets) {
		// A very short "secret" would shred ordinary words; n8n requires a real one anyway.
		if (typeof secret !== 'string' || secret.length < 4) continue;
		for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])) {
			clean = clean.split(form).join('[redacted]');
		}
	}
	for (const [shape, replacement] of TOKEN_SHAPES) clean = clean.replace(shape, replacement);
	// eslint-disable-next-line no-control-regex
	clean = clean.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
	return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
