// @ts-check
'use strict';

/** A tiny cookie-keeping client for n8n's REST API (`/rest/...`). */
/**
 * An HTTP answer as its status, its text and, when the text is JSON, the parsed value.
 * @param {Response} response
 * @returns {Promise<{ status: number, json: any, text: string }>}
 */
async function readAnswer(response) {
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, json, text };
}

class RestClient {
	/** @param {string} baseUrl */
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		/** @type {string | undefined} */
		this.cookie = undefined;
	}

	/**
	 * @param {string} method
	 * @param {string} route
	 * @param {unknown} [body] sent as JSON
	 * @returns {Promise<{ status: number, json: any, text: string }>}
	 */
	async request(method, route, body, { timeoutMs = 30_000 } = {}) {
		const response = await fetch(`${this.baseUrl}${route}`, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie && /(?:^|,\s*)(n8n-auth=[^;]*)/.exec(setCookie);
		if (auth) this.cookie = auth[1];
		return await readAnswer(response);
	}

	/**
	 * The JSON answer; throws on a status >= 400.
	 * @param {string} method
	 * @param {string} route
	 * @param {unknown} [body]
	 */
	async expectOk(method, route, body) {
		const response = await this.request(method, route, body);
		if (response.status >= 400) throw new Error(`${method} ${route} answered ${response.status}: ${response.text.slice(0, 500)}`);
		return response.json;
	}
}

module.exports = { RestClient, readAnswer };
