import type { IDataObject, IHookFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { readFailure, toSakariError } from '../Sakari/shared/errors';
import { normalizeBaseUrl } from '../Sakari/shared/token';

const CREDENTIAL_TYPE = 'sakariOAuth2Api';

/** A webhook subscription as Sakari lists it. `id` is not promised by the docs. */
export interface Subscription {
	id?: string;
	url: string;
	eventTypes: string[];
}

async function accountUrl(context: IHookFunctions): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const accountId = String(credentials.accountId ?? '').trim();
	return `${normalizeBaseUrl(credentials.baseUrl)}/v1/accounts/${encodeURIComponent(accountId)}`;
}

async function request(
	context: IHookFunctions,
	method: IHttpRequestMethods,
	path: string,
	body?: IDataObject,
): Promise<IDataObject | undefined> {
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
			method,
			url: `${await accountUrl(context)}${path}`,
			headers: { Accept: 'application/json' },
			body,
			json: true,
		})) as IDataObject | undefined;
	} catch (error) {
		throw toSakariError(context.getNode(), error);
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

/** `GET …/webhooks`: every subscription of the account (the docs describe no paging for it). */
export async function listSubscriptions(context: IHookFunctions): Promise<Subscription[]> {
	const answer = await request(context, 'GET', '/webhooks');
	const data = answer?.data;
	const hooks = Array.isArray(data) ? data : Array.isArray(answer) ? answer : [];
	return hooks.map(asSubscription).filter((hook): hook is Subscription => hook !== undefined);
}

/**
 * `POST …/webhooks {url, eventTypes}`. For a URL that is already subscribed Sakari's answer replaces its event
 * types (what the sandbox does; the public docs do not say otherwise).
 */
export async function subscribe(context: IHookFunctions, url: string, eventTypes: string[]): Promise<Subscription> {
	const answer = await request(context, 'POST', '/webhooks', { url, eventTypes });
	return asSubscription(answer?.data) ?? { url, eventTypes };
}

/**
 * `DELETE …/webhooks/{url-encoded callback URL}`, the documented way, which removes exactly the subscription of
 * that URL: n8n's webhook URLs are unique per workflow node, so no other subscription can match. Returns
 * false when Sakari had no such subscription (already removed, e.g. in the Sakari app).
 */
export async function unsubscribe(context: IHookFunctions, url: string): Promise<boolean> {
	try {
		await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
			method: 'DELETE',
			url: `${await accountUrl(context)}/webhooks/${encodeURIComponent(url)}`,
			headers: { Accept: 'application/json' },
			json: true,
		});
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
