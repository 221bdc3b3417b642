// @ts-check
'use strict';
// Fixed account data the sandbox answers with (Sakari's own values are per account).

const SENDER_NUMBER = '+15555550100';

/** GET /v1/accounts/{id} */
const account = (accountId) => ({ id: accountId, name: 'Sakari Sandbox', status: 'active', sandbox: true, timezone: 'America/New_York', created: { at: '2024-01-01T00:00:00.000Z' } });

/** GET /v1/accounts/{id}/balance: fixed, never charged. */
const balance = () => ({ balance: 100, currency: 'USD', autoTopup: false });

module.exports = { SENDER_NUMBER, account, balance };
