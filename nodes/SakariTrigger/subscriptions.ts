import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { readFailure, toSakariError } from '../Sakari/shared/errors';
import { sakariApiRequest, type SakariApiRequest } from '../Sakari/shared/transport';

/** A webhook subscription as Sakari lists it. `id` is not promised by the docs. */
export interface Subscription {
	id?: string;
	url: string;
	eventTypes: string[];
}

// Subscribing and unsubscribing are safe to repeat (a URL has one subscription; a gone one counts as removed),
// so a busy or rate-limited Sakari is asked again a few times before activation fails.
const MAX_ATTEMPTS = 4;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);

const PAGE_SIZE = 100;
// Guard against a server that ignores `offset` and keeps answering the same full page.
const MAX_PAGES = 100;

/** One call through the node's transport, retried (bounded) on 429/502/503/504 and lost connections. */
async function request(context: IHookFunctions, options: SakariApiRequest): Promise<IDataObject> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await sakariApiRequest.call(context, options);
		} catch (error) {
			const failure = readFailure(error);
			const transient = failure.networkCode !== undefined || (failure.status !== undefined && TRANSIENT_STATUSES.has(failure.status));
			if (!transient || attempt >= MAX_ATTEMPTS) throw toSakariError(context.getNode(), error, { attempts: attempt });
			const backoff = FIRST_DELAY_MS * 2 ** (attempt - 1);
			await sleep(Math.min(MAX_DELAY_MS, failure.retryAfterMs ?? backoff));
		}
	}
}

const asSubscription = (value: unknown): Subscription | undefined => {
	const hook = value as IDataObject | undefined;
	if (!hook || typeof hook.url !== 'string') return undefined;
	return {
		id: typeof hook.id === 'string' || typeof hook.id === 'number' ? String(hook.id) : undefined,
		url: hook.url,
		eventTypes: Array.isArray(hook.eventTypes) ? hook.eventTypes.map(String) : [],
	};
};

/**
 * `GET …/webhooks`: every subscription of the account. Sakari documents no paging for it; the node asks page by
 * page anyway (offset/limit, as Sakari's other lists), and stops on `hasNext: false`, a short page, or a page
 * that brings nothing new (a server that ignores paging).
 */
export async function listSubscriptions(context: IHookFunctions): Promise<Subscription[]> {
	const found = new Map<string, Subscription>();
	for (let page = 0; page < MAX_PAGES; page++) {
		const answer = await request(context, {
			method: 'GET',
			path: '/webhooks',
			qs: { offset: page * PAGE_SIZE, limit: PAGE_SIZE },
		});
		const data = answer?.data;
		const hooks = (Array.isArray(data) ? data : Array.isArray(answer) ? answer : []) as unknown[];
		const before = found.size;
		for (const hook of hooks.map(asSubscription)) if (hook && !found.has(hook.url)) found.set(hook.url, hook);
		const pagination = (answer?.pagination ?? {}) as IDataObject;
		if (pagination.hasNext === false || hooks.length < PAGE_SIZE || found.size === before) break;
	}
	return [...found.values()];
}

/**
 * `POST …/webhooks {url, eventTypes}`. For a URL that is already subscribed Sakari's answer replaces its event
 * types (what the sandbox does; the public docs do not say otherwise).
 */
export async function subscribe(context: IHookFunctions, url: string, eventTypes: string[]): Promise<Subscription> {
	const answer = await request(context, { method: 'POST', path: '/webhooks', body: { url, eventTypes } });
	return asSubscription(answer?.data) ?? { url, eventTypes };
}

/**
 * `DELETE …/webhooks/{url-encoded callback URL}`, the documented way, which removes exactly the subscription of
 * that URL: n8n's webhook URLs are unique per workflow node, so no other subscription can match. Returns
 * false when Sakari had no such subscription (already removed, e.g. in the Sakari app).
 */
export async function unsubscribe(context: IHookFunctions, url: string): Promise<boolean> {
	try {
		await request(context, { method: 'DELETE', path: `/webhooks/${encodeURIComponent(url)}` });
		return true;
	} catch (error) {
		if (readFailure(error).status === 404) return false;
		throw toSakariError(context.getNode(), error);
	}
}

/** Same events, in any order. */
export function sameEvents(a: string[], b: string[]): boolean {
	const left = new Set(a);
	const right = new Set(b);
	return left.size === right.size && [...left].every((event) => right.has(event));
}
