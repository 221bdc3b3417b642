// @ts-check
'use strict';
// The public key webhook signatures are checked with (Sakari's Node SDK downloads it; no auth). Sakari's is
// `prod.pem`; the trigger's Signing Key URL may name another file of that folder.
module.exports = [
	{
		name: 'Signing key',
		method: 'GET',
		path: '/signing/{keyFile}',
		source: 'https://github.com/Sakari-Io/sakari-nodejs-sdk/blob/master/src/signature.js (https://assets.sakari.io/signing/prod.pem)',
		auth: false,
		answers: { 200: { type: 'string' } },
	},
];
