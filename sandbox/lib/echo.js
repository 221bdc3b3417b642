// @ts-check
'use strict';
// Config `echoSecret`: every /v1 answer carries the API client's secret in several places, as a careless or
// compromised server might (tests that nothing the node outputs ever contains it). Never Sakari's behaviour.

/**
 * The answer with the secret as a whole value, inside text, as a key and nested in a list, in each record of
 * `data` (or of `data`'s lists, e.g. `data.messages`), and inside an error's message.
 * @param {{ status: number, body?: any, headers?: Record<string, string> }} answer
 * @param {string} secret
 */
function echoSecret(answer, secret) {
	if (!answer.body || typeof answer.body !== 'object') return answer;
	const body = structuredClone(answer.body);
	if (body.error && typeof body.error === 'object') body.error.message = `${body.error.message} (client secret ${secret})`;
	const data = body.data;
	const records = Array.isArray(data) ? data : data && typeof data === 'object' ? [data, ...Object.values(data).filter(Array.isArray).flat()] : [];
	for (const record of records) {
		if (!record || typeof record !== 'object' || Array.isArray(record)) continue;
		record.clientSecret = secret;
		record.echo = { note: `the secret is ${secret}, see?`, list: [secret, { deeper: secret }], link: `https://example.com/?s=${encodeURIComponent(secret)}` };
		record[secret] = 'a key that is the secret';
	}
	return { ...answer, body };
}

module.exports = { echoSecret };
