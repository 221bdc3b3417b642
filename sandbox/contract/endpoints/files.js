// @ts-check
'use strict';
// Share file: hosts a file (MMS media) and answers a link to it. Only OpenAPI 1.0.1 documents it.
const { OPENAPI_1_0_1, answer } = require('../schemas');

module.exports = [
	{
		name: 'File → Share',
		method: 'POST',
		path: '/v1/tools/sharefile',
		source: `${OPENAPI_1_0_1} (/tools/sharefile, components › ShareFileResponse)`,
		body: {
			// The multipart body must carry a `media` part; an octet-stream body is the file itself.
			'multipart/form-data': { type: 'string', pattern: 'Content-Disposition: form-data; name="media"' },
			'application/octet-stream': { type: 'string', minLength: 1 },
		},
		answers: {
			200: answer({ type: 'object', required: ['link'], properties: { link: { type: 'string', pattern: '^https?://' }, expires: { type: 'string', format: 'date-time' } } }),
		},
	},
	{
		// Where a link points is not documented: this is the sandbox's own path for the links it hands out.
		name: 'File → Shared link',
		method: 'GET',
		path: '/sf/{fileId}',
		source: `${OPENAPI_1_0_1} (components › ShareFileResponse: data.link)`,
		auth: false,
		answers: { 200: { type: 'string' } },
	},
];
