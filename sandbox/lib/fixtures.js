// @ts-check
'use strict';
// Fixed data the sandbox answers with (Sakari's own values are per account; the account itself: accounts.js).

const SENDER_NUMBER = '+15555550100';

module.exports = { SENDER_NUMBER };
