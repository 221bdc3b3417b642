// @ts-check
'use strict';
// MMS from a Code node's binary output, share-file failures and campaign CRUD in real n8n: the packed package
// in a fresh user folder, workflows run with `n8n execute`, what the sandbox received checked against the items.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const n8n = require('../../scripts/n8n');
const { chainWorkflow, useWorkflowFolder } = require('./folder');
const { CREDENTIALS, node, rows } = require('./workflows');

const SHARE_FILE = '/v1/tools/sharefile';
const MESSAGES = '/v1/accounts/acc_sandbox/messages';
const CAMPAIGNS = '/v1/accounts/acc_sandbox/campaigns';
const EXAMPLE = path.join(n8n.ROOT, 'examples', 'send-chart-as-mms.json');

/** The Sakari node as the editor saves it. */
const sakari = (name, parameters, position, extra = {}) =>
	node(name, n8n.NODE_TYPE, 1, parameters, position, { credentials: { [n8n.CREDENTIAL_TYPE]: CREDENTIALS.main }, ...extra });

const workflow = chainWorkflow;

/** The shipped example, pointed at the test credential. */
function example() {
	const shipped = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
	for (const each of shipped.nodes) if (each.credentials) each.credentials = { [n8n.CREDENTIAL_TYPE]: CREDENTIALS.main };
	return { ...shipped, id: 'sakariE2eMms0001' };
}

/** A Code node whose items each carry a different small PNG (its last byte varies) as binary `photo`. */
const photos = (phones) =>
	node(
		'Photos',
		'n8n-nodes-base.code',
		2,
		{
			jsCode: `const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
return ${JSON.stringify(phones)}.map((phone, index) => ({
	json: { phone },
	binary: { photo: { data: Buffer.concat([Buffer.from(png, 'base64'), Buffer.from([index])]).toString('base64'), mimeType: 'image/png', fileName: 'photo-' + index + '.png' } },
}));`,
		},
		[220, 0],
	);

const sendPhoto = (extra) =>
	sakari(
		'Send photo',
		{
			resource: 'message',
			operation: 'send',
			sendTo: 'mobileNumber',
			toMobileNumber: '={{ $json.phone }}',
			toMobileCountry: 'US',
			message: 'Your photo',
			attachments: 'photo',
			messageOptions: {},
		},
		[440, 0],
		extra,
	);

const start = () => node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]);

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const STORED_PHOTOS = [
	{ phone: '+13475558401', imageBase64: Buffer.concat([PNG, Buffer.from([1])]).toString('base64') },
	{ phone: '+13475558402', imageBase64: Buffer.concat([PNG, Buffer.from([2])]).toString('base64') },
];
const createdId = "={{ $('Create campaign').item.json.id }}";
const byId = (value) => ({ __rl: true, mode: 'id', value });

const WORKFLOWS = {
	chart: example(),
	shareFails: workflow('sakariE2eMms0002', 'E2E: share file refuses one photo, continue on fail', [
		start(),
		photos(['+13475558301', '+13475558302']),
		sendPhoto({ onError: 'continueRegularOutput' }),
	]),
	shareFailsRun: workflow('sakariE2eMms0003', 'E2E: share file refuses the photo, the run fails', [
		start(),
		photos(['+13475558303']),
		sendPhoto(),
	]),
	storedFile: workflow('sakariE2eFile001', 'E2E: a file n8n stored on disk, File → Upload, its link in an SMS', [
		start(),
		...rows('Photo rows', STORED_PHOTOS),
		node(
			'Convert to File',
			'n8n-nodes-base.convertToFile',
			1.1,
			{ operation: 'toBinary', sourceProperty: 'imageBase64', binaryPropertyName: 'image', options: { fileName: 'photo.png', mimeType: 'image/png' } },
			[440, 0],
		),
		sakari('Upload photo', { resource: 'file', operation: 'upload', binaryPropertyName: 'image', fileOptions: {} }, [660, 0]),
		sakari(
			'Text link',
			{
				resource: 'message',
				operation: 'send',
				sendTo: 'mobileNumber',
				toMobileNumber: "={{ $('Photo rows').item.json.phone }}",
				toMobileCountry: 'US',
				message: '=Your photo: {{ $json.link }}',
				messageOptions: {},
			},
			[880, 0],
		),
	]),
	campaigns: workflow('sakariE2eCamp001', 'E2E: campaign create, get, update, get many, delete', [
		start(),
		sakari(
			'Create campaign',
			{
				resource: 'campaign',
				operation: 'create',
				campaignName: 'Spring sale',
				campaignTemplate: 'Hi {{{firstName}}}, the spring sale starts today',
				campaignTrigger: 'M',
				campaignAudience: '{"tags": [{"tag": "vip", "visible": true}]}',
			},
			[220, 0],
		),
		sakari('Get campaign', { resource: 'campaign', operation: 'get', campaignId: byId(createdId) }, [440, 0]),
		sakari(
			'Update campaign',
			{ resource: 'campaign', operation: 'update', campaignId: byId(createdId), campaignUpdateFields: { campaignName: 'Spring sale (extended)', campaignTrigger: 'S' } },
			[660, 0],
		),
		sakari('List campaigns', { resource: 'campaign', operation: 'getAll', returnAll: true, campaignFilters: { name: 'extended' } }, [880, 0]),
		sakari('Delete campaign', { resource: 'campaign', operation: 'delete', campaignId: byId(createdId) }, [1100, 0]),
	]),
};

const { env, execute } = useWorkflowFolder('mms', WORKFLOWS, (sandbox) => sandbox.reset({ seedContacts: 0 }));

// A token stored by an earlier test is expired by the sandbox's reset: n8n's one 401 → new token → retry is not counted.
const apiRequests = () => env.sandbox.requests().filter((request) => request.path.startsWith('/v1/') && request.status !== 401);
const uploads = () => apiRequests().filter((request) => request.path === SHARE_FILE);
const messageSends = () => apiRequests().filter((request) => request.path === MESSAGES);

/** The pixel data of a PNG, inflated: proves the bytes arrived whole (CRC-free check of the zlib stream). */
function pngPixels(bytes) {
	expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
	const idat = [];
	let width = 0;
	let height = 0;
	for (let offset = 8; offset < bytes.length; ) {
		const length = bytes.readUInt32BE(offset);
		const type = bytes.toString('ascii', offset + 4, offset + 8);
		const data = bytes.subarray(offset + 8, offset + 8 + length);
		if (type === 'IHDR') [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
		if (type === 'IDAT') idat.push(data);
		offset += length + 12;
	}
	return { width, height, pixels: zlib.inflateSync(Buffer.concat(idat)) };
}

test('the example: a chart drawn by a Code node goes out as MMS, uploaded once for both recipients, its link serving the PNG', async () => {
	const run = await execute(WORKFLOWS.chart);

	expect(uploads()).toHaveLength(1);
	const [upload] = uploads();
	expect(upload.headers.authorization).toMatch(/^Bearer \S+$/);
	expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
	expect(upload.rawBody).toContain('name="media"; filename="orders-this-week.png"\r\nContent-Type: image/png\r\n\r\n');

	// Send in Bulk: both recipients in one request, with the one link.
	expect(messageSends()).toHaveLength(1);
	const body = messageSends()[0].body;
	expect(body).toEqual({
		contacts: ['+13475550111', '+13475550112'].map((number) => ({ mobile: { number, country: 'US' } })),
		template: 'Orders this week: 108. Chart attached.',
		media: [{ url: expect.stringMatching(/^http:\/\//) }],
		type: 'MMS',
	});

	const served = await fetch(body.media[0].url);
	expect(served.headers.get('content-type')).toBe('image/png');
	const { width, height, pixels } = pngPixels(Buffer.from(await served.arrayBuffer()));
	expect([width, height]).toEqual([146, 90]);
	expect(pixels).toHaveLength((width * 3 + 1) * height);

	const items = n8n.nodeItems(run, 'Send chart as MMS');
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	items.forEach((item) => expect(item.json).toMatchObject({ status: 'Queued', media: [{ url: body.media[0].url }] }));
});

test('share file refuses one photo: with continue-on-fail that row is an error item in place, the other row is sent', async () => {
	env.sandbox.injectFault({ kind: 'status', status: 400, code: 'FILE-009', message: 'File type not supported', match: { path: 'tools/sharefile' } });
	const run = await execute(WORKFLOWS.shareFails);

	expect(uploads()).toHaveLength(2);
	expect(messageSends()).toHaveLength(1);
	const items = n8n.nodeItems(run, 'Send photo');
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	const failed = items.filter((item) => 'error' in item.json);
	expect(failed.map((item) => item.json)).toEqual([{ error: 'File type not supported (FILE-009)' }]);
	const sent = items.find((item) => !('error' in item.json));
	expect(sent?.json).toMatchObject({ status: 'Queued', type: 'MMS' });
	expect(messageSends()[0].body).toMatchObject({ contacts: [{ mobile: { number: sent?.json.contact.mobile.number } }] });
});

test("share file refuses the photo without continue-on-fail: the run fails with Sakari's code and nothing is texted", async () => {
	env.sandbox.injectFault({ kind: 'status', status: 400, code: 'FILE-009', message: 'File type not supported', match: { path: 'tools/sharefile' } });
	const run = await execute(WORKFLOWS.shareFailsRun, { expectOk: false });
	expect(n8n.nodeError(run, 'Send photo')?.message).toBe('File type not supported (FILE-009)');
	expect(uploads()).toHaveLength(1);
	expect(messageSends()).toHaveLength(0);
});

test("File → Upload reads a file n8n stored (on disk in n8n 2.x's filesystem binary mode), outputs {link, expires} paired, and the link goes out in an SMS", async () => {
	const run = await execute(WORKFLOWS.storedFile);

	// n8n 2.x stores each picture on disk by default (filesystem mode): the item carries a reference, not the bytes.
	// n8n 1.x keeps binary data in memory by default.
	const onDisk = !n8n.runtime().n8nVersion.startsWith('1.');
	const converted = n8n.nodeItems(run, 'Convert to File');
	converted.forEach((item) => expect(item.binary.image.id).toEqual(onDisk ? expect.stringMatching(/^filesystem/) : undefined));

	expect(uploads()).toHaveLength(2);
	const uploaded = n8n.nodeItems(run, 'Upload photo');
	expect(uploaded.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	for (const [index, item] of uploaded.entries()) {
		expect(item.json).toEqual({ link: expect.stringMatching(/^http:\/\//), expires: expect.any(String) });
		expect(item.binary.image.fileName).toBe('photo.png');
		const served = Buffer.from(await (await fetch(item.json.link)).arrayBuffer());
		expect(served.equals(Buffer.from(STORED_PHOTOS[index].imageBase64, 'base64'))).toBe(true);
	}

	expect(messageSends().map((request) => request.body)).toEqual(
		expect.arrayContaining(
			STORED_PHOTOS.map((photo, index) => ({
				contacts: [{ mobile: { number: photo.phone, country: 'US' } }],
				template: `Your photo: ${uploaded[index].json.link}`,
			})),
		),
	);
	expect(n8n.nodeItems(run, 'Text link').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});

test('campaign CRUD: create, get, update, get many by name, delete, each on the created ID', async () => {
	const run = await execute(WORKFLOWS.campaigns);

	const [created] = n8n.nodeItems(run, 'Create campaign');
	const id = created.json.id;
	// Sent as text (OpenAPI 1.0.1's list), answered as today's tag objects.
	expect(created.json).toMatchObject({ name: 'Spring sale', trigger: { code: 'M' }, filters: { tags: [{ tag: 'vip', visible: true }] } });
	expect(apiRequests().map(({ method, path: requested, query, body }) => ({ method, path: requested, query, body }))).toEqual([
		{
			method: 'POST',
			path: CAMPAIGNS,
			query: {},
			body: { name: 'Spring sale', template: 'Hi {{{firstName}}}, the spring sale starts today', trigger: { code: 'M' }, filters: { tags: [{ tag: 'vip', visible: true }] } },
		},
		{ method: 'GET', path: `${CAMPAIGNS}/${id}`, query: {}, body: undefined },
		{ method: 'PUT', path: `${CAMPAIGNS}/${id}`, query: {}, body: { name: 'Spring sale (extended)', trigger: { code: 'S' } } },
		{ method: 'GET', path: CAMPAIGNS, query: { name: 'extended', offset: '0', limit: '100' }, body: undefined },
		{ method: 'DELETE', path: `${CAMPAIGNS}/${id}`, query: {}, body: undefined },
	]);
	expect(n8n.nodeItems(run, 'Get campaign')[0].json).toMatchObject({ id, name: 'Spring sale' });
	expect(n8n.nodeItems(run, 'Update campaign')[0].json).toMatchObject({ id, name: 'Spring sale (extended)', trigger: { code: 'S' } });
	expect(n8n.nodeItems(run, 'List campaigns').map((item) => item.json.id)).toEqual([id]);
	expect(n8n.nodeItems(run, 'Delete campaign')).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
	expect(env.sandbox.state().campaigns).toEqual([]);
});
