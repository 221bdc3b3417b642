import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readFailure } from '../Sakari/shared/errors';
import { everyPage } from '../Sakari/shared/pages';
import { sakariApiRequest, type SakariApiRequest, type SakariContext } from '../Sakari/shared/transport';

/**
 * A webhook subscription as Sakari lists it: `{id, type, eventTypes, destination}` in the current reference
 * (https://developer.sakari.io/api-reference/webhooks/fetch-active-webhooks), `{eventTypes, url}` without an id in
 * OpenAPI 1.0.1 (`Webhook`). `url` here is the callback URL, whichever key carried it.
 */
export interface Subscription {
	id?: string;
	url: string;
	eventTypes: string[];
}

// Listing, subscribing and unsubscribing are retried a few times on a busy or rate-limited Sakari before activation
// fails: a repeated POST can at worst add a second subscription of the URL, which the next check removes.
const ATTEMPTS = 4;
// Sakari refuses a delete this way when it does not know that form of the path.
const DELETE_REFUSED = new Set([404, 405]);

async function request(context: SakariContext, options: SakariApiRequest): Promise<IDataObject> {
	return await sakariApiRequest.call(context, { ...options, attempts: ATTEMPTS });
}

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const asSubscription = (value: unknown): Subscription | undefined => {
	if (!isObject(value)) return undefined;
	const url = typeof value.destination === 'string' ? value.destination : value.url;
	if (typeof url !== 'string') return undefined;
	return {
		id: typeof value.id === 'string' || typeof value.id === 'number' ? String(value.id) : undefined,
		url,
		eventTypes: Array.isArray(value.eventTypes) ? value.eventTypes.map(String) : [],
	};
};

/** `GET …/webhooks`: every subscription of the account, page by page like every Sakari list. */
export async function listSubscriptions(context: SakariContext): Promise<Subscription[]> {
	const hooks = await everyPage(async (page) => await request(context, { method: 'GET', path: '/webhooks', qs: page }));
	return hooks.map(asSubscription).filter((hook): hook is Subscription => hook !== undefined);
}

/** The account's subscriptions whose callback URL is exactly `url` (Sakari may hold several). */
export async function findSubscriptions(context: SakariContext, url: string): Promise<Subscription[]> {
	return (await listSubscriptions(context)).filter((hook) => hook.url === url);
}

/**
 * `POST …/webhooks {url, eventTypes}`: one new subscription. Sakari's current reference answers every POST with a
 * new id and does not say that a second POST of a URL replaces the first: `resubscribe` removes the old ones.
 */
export async function subscribe(context: SakariContext, url: string, eventTypes: string[]): Promise<Subscription> {
	const answer = await request(context, { method: 'POST', path: '/webhooks', body: { url, eventTypes } });
	return asSubscription(answer?.data) ?? { url, eventTypes };
}

/** A DELETE: undefined when done, the status when Sakari refused that path with 404 or 405; throws otherwise. */
const deleteStatus = async (context: SakariContext, path: string): Promise<number | undefined> =>
	// Any other failure is already the node's error (Sakari's code, attempts): handed on as it is.
	await request(context, { method: 'DELETE', path }).then(
		() => undefined,
		(error: unknown) => {
			const { status } = readFailure(error);
			if (status !== undefined && DELETE_REFUSED.has(status)) return status;
			throw error;
		},
	);

/**
 * Removes every subscription of `url`, and only those (n8n's webhook URLs are unique per workflow node). First
 * `DELETE …/webhooks/{url-encoded url}` (OpenAPI 1.0.1; the current reference lists no delete). When Sakari answers
 * that with 404 or 405, its list is read: what it still holds for the URL is deleted by id
 * (`DELETE …/webhooks/{id}`, undocumented). Returns false when Sakari had nothing to remove; throws, saying so,
 * when a subscription stays because neither way removes it.
 */
export async function unsubscribe(context: SakariContext, url: string): Promise<boolean> {
	const byUrl = await deleteStatus(context, `/webhooks/${encodeURIComponent(url)}`);
	if (byUrl === undefined) return true;
	const left = await findSubscriptions(context, url);
	if (left.length === 0) return false;
	const byId: string[] = [];
	for (const hook of left) {
		if (hook.id === undefined) byId.push('one is listed without an ID');
		else byId.push(`${hook.id}: HTTP ${(await deleteStatus(context, `/webhooks/${encodeURIComponent(hook.id)}`)) ?? 'done'}`);
	}
	// A 404 by id may mean "no such route" as well as "already gone": only the list tells.
	if ((await findSubscriptions(context, url)).length === 0) return true;
	throw new NodeOperationError(
		context.getNode(),
		`Sakari keeps the webhook subscription of ${url}: deleting it by URL answered HTTP ${byUrl}, by ID (${byId.join('; ')}) did not remove it either`,
		{
			description:
				'Sakari goes on sending these events to this URL. Remove the subscription in the Sakari app (Settings > Account Settings > API > Webhooks).',
		},
	);
}

/**
 * Leaves exactly one subscription of `url`, for `eventTypes`: removes what the account holds for the URL, then
 * subscribes. Removing first also serves a Sakari that would merge a second POST of a URL into the first.
 */
export async function resubscribe(context: SakariContext, url: string, eventTypes: string[]): Promise<Subscription> {
	if ((await findSubscriptions(context, url)).length > 0) await unsubscribe(context, url);
	return await subscribe(context, url, eventTypes);
}

/** Same events, in any order. */
export function sameEvents(a: string[], b: string[]): boolean {
	const left = new Set(a);
	const right = new Set(b);
	return left.size === right.size && [...left].every((event) => right.has(event));
}
