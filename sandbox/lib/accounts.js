// @ts-check
'use strict';
// The account answers: the account of the credential, its balance and the accounts the API client may use.
// Shapes from Sakari's current reference; Sakari's own values are per account, these are fixed.

/**
 * @typedef {object} AccountContext
 * @property {string} accountId the credential's account
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {number} otherAccounts how many more accounts GET /v1/accounts lists
 */

const BALANCE = 100;

/**
 * GET /v1/accounts/{id} (developer.sakari.io/api-reference/accounts/fetch-account): the account with its numeric
 * `balance` and, as Sakari documents it, the API client's own `apiCredentials: {id, secret}`.
 */
const account = (id, name, apiCredentials) => ({
	id,
	apiCredentials,
	name,
	plan: {
		id: 'plan_sandbox',
		name: 'Sandbox',
		price: 0,
		commitment: 0,
		credit: BALANCE,
		billingFrequency: 'monthly',
		pricing: {},
		includedPhoneNumberCountries: ['US'],
	},
	balance: BALANCE,
	defaults: { country: { code: 'US', name: 'United States' } },
	info: { website: 'https://example.com', phone: '+15555550100', email: 'sandbox@example.com', address: { city: 'New York', country: { code: 'US', name: 'United States' } } },
	options: { universalMMS: false, verifyNumberType: false, autoLinkShorten: false, autotopup: { amount: 0, below: 0 } },
	integrations: {},
});

/** @param {AccountContext} ctx */
const ownAccount = (ctx) => account(ctx.accountId, 'Sakari Sandbox', { id: ctx.clientId, secret: ctx.clientSecret });

/**
 * GET /v1/accounts (developer.sakari.io/api-reference/accounts/get-all-of-your-sakari-accounts-split): the
 * credential's account first, then the others, each with credentials of its own.
 * @param {AccountContext} ctx
 */
function accountList(ctx) {
	const others = Array.from({ length: ctx.otherAccounts }, (_, index) => {
		const n = index + 2;
		return account(`${ctx.accountId}_${n}`, `Sakari Sandbox ${n}`, { id: `other-client-${n}`, secret: `other-secret-${n}` });
	});
	return [ownAccount(ctx), ...others];
}

/**
 * GET /v1/accounts/{id}/balance (developer.sakari.io/api-reference/accounts/fetch-account-balance): fixed, never
 * charged. `country` is the account's default country, `segments` what the balance buys at `segmentPrice`.
 */
const balance = () => ({ balance: BALANCE, country: 'US', segmentPrice: 0.0079, segments: Math.floor(BALANCE / 0.0079) });

/**
 * An account answer in the shapes in force. OpenAPI 1.0.1 documents no account endpoint; its only account data is
 * `AccountEventPayload {balance}`. So in 1.0.1 shapes the account is `{id, name}` (no `balance`, no
 * `apiCredentials`) and the balance `{balance}`: clients are tested on an account answer without its balance.
 * @param {'account' | 'balance'} kind @param {any} data @param {'current' | '1.0.1'} shapes
 */
function accountView(kind, data, shapes) {
	if (shapes !== '1.0.1') return data;
	return kind === 'balance' ? { balance: data.balance } : { id: data.id, name: data.name };
}

module.exports = { ownAccount, accountList, balance, accountView };
