/**
 * Message → Send with Attachments: each binary property of the item is hosted with Sakari's share file
 * (`POST {base}/v1/tools/sharefile`, multipart field `media`) and its link sent as media, type MMS.
 */
import type { IBinaryData, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { rejectionOf } from './helpers/leaks';
import { CredentialStore, runSakari } from './helpers/routing';
import { apiRequests, type RecordedRequest, type Sandbox } from './helpers/sandbox';
import { useQuickRetries, useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});
useQuickRetries();

const SHARE_FILE = '/v1/tools/sharefile';
const MESSAGES = '/v1/accounts/acc_sandbox/messages';
// A 1×1 PNG: real image bytes, not text, so a body read as UTF-8 anywhere on the way would break them.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const OTHER_PNG = Buffer.concat([PNG, Buffer.from([0])]);

const binary = (data: Buffer, fileName = 'chart.png', mimeType = 'image/png'): IBinaryData => ({
	data: data.toString('base64'),
	mimeType,
	fileName,
});
const itemWith = (files: Record<string, IBinaryData>, json: INodeExecutionData['json'] = {}): INodeExecutionData => ({ json, binary: files });

const send = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	toMobileNumber: '={{ $json.phone ?? "+13475551001" }}',
	toMobileCountry: 'US',
	message: 'Your chart',
	attachments: 'data',
	...parameters,
});

const uploads = (): RecordedRequest[] => apiRequests(sandbox).filter((request) => request.path === SHARE_FILE);
const messageSends = (): RecordedRequest[] => apiRequests(sandbox).filter((request) => request.path === MESSAGES);
const mediaOf = (request: RecordedRequest) => (request.body as { media?: Array<{ url: string }> }).media ?? [];

async function served(link: string): Promise<{ type: string | null; bytes: Buffer }> {
	const answer = await fetch(link);
	expect(answer.status).toBe(200);
	return { type: answer.headers.get('content-type'), bytes: Buffer.from(await answer.arrayBuffer()) };
}

describe('Message → Send with an attachment: what Sakari receives', () => {
	it('uploads the file as multipart field media with the bearer token, then sends its link as MMS media', async () => {
		const output = await runSakari({ parameters: send(), items: [itemWith({ data: binary(PNG) })], credentials });

		const requests = apiRequests(sandbox);
		expect(requests.map(({ method, path }) => `${method} ${path}`)).toEqual([`POST ${SHARE_FILE}`, `POST ${MESSAGES}`]);
		const [upload, message] = requests;
		expect(upload.headers.authorization).toMatch(/^Bearer \S+$/);
		expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=\S+$/);
		expect(upload.rawBody).toContain('Content-Disposition: form-data; name="media"; filename="chart.png"\r\nContent-Type: image/png\r\n\r\n');
		expect(Number(upload.headers['content-length'])).toBeGreaterThan(PNG.length);

		const [{ url }] = mediaOf(message);
		expect(message.body).toEqual({
			contacts: [{ mobile: { number: '+13475551001', country: 'US' } }],
			template: 'Your chart',
			media: [{ url }],
			type: 'MMS',
		});
		// The link serves back exactly the bytes and type of the workflow's file.
		const file = await served(url);
		expect(file.type).toBe('image/png');
		expect(file.bytes.equals(PNG)).toBe(true);

		expect(output).toEqual([{ json: expect.objectContaining({ id: expect.any(String), media: [{ url }] }), pairedItem: { item: 0 } }]);
	});

	it('sends Media URLs first, then the attachments in the order given, and keeps an explicit Type MMS', async () => {
		await runSakari({
			parameters: send({ attachments: 'logo, data', messageOptions: { mediaUrls: 'https://example.com/a.png', type: 'MMS' } }),
			items: [itemWith({ data: binary(PNG), logo: binary(OTHER_PNG, 'logo.png') })],
			credentials,
		});
		expect(uploads().map((upload) => /filename="([^"]+)"/.exec(upload.rawBody)?.[1])).toEqual(['logo.png', 'chart.png']);
		const media = mediaOf(messageSends()[0]).map((entry) => entry.url);
		expect(media).toHaveLength(3);
		expect(media[0]).toBe('https://example.com/a.png');
		expect((await served(media[1])).bytes.equals(OTHER_PNG)).toBe(true);
		expect((await served(media[2])).bytes.equals(PNG)).toBe(true);
		expect(messageSends()[0].body).toMatchObject({ type: 'MMS' });
	});

	it('uploads the same file once per run, however many rows send it, and again in the next run', async () => {
		const rows = ['+13475551001', '+13475551002', '+13475551003'].map((phone) => itemWith({ data: binary(PNG) }, { phone }));
		await runSakari({ parameters: send(), items: rows, credentials });
		expect(uploads()).toHaveLength(1);
		expect(messageSends()).toHaveLength(3);
		expect(new Set(messageSends().map((request) => mediaOf(request)[0].url)).size).toBe(1);

		sandbox.clearRequests();
		await runSakari({ parameters: send(), items: rows.slice(0, 1), credentials });
		expect(uploads()).toHaveLength(1);
	});

	it('with Send in Bulk, rows with the same picture share one upload and one request; another picture gets its own', async () => {
		const rows = [
			itemWith({ data: binary(PNG) }, { phone: '+13475551001' }),
			itemWith({ data: binary(OTHER_PNG) }, { phone: '+13475551002' }),
			itemWith({ data: binary(PNG) }, { phone: '+13475551003' }),
		];
		const output = await runSakari({ parameters: send({ bulkSend: true }), items: rows, credentials });

		expect(uploads()).toHaveLength(2);
		const recipients = messageSends().map((request) =>
			(request.body as { contacts: Array<{ mobile: { number: string } }> }).contacts.map((contact) => contact.mobile.number),
		);
		expect(recipients.sort()).toEqual([['+13475551001', '+13475551003'], ['+13475551002']]);
		messageSends().forEach((request) => expect(request.body).toMatchObject({ type: 'MMS', media: [{ url: expect.any(String) }] }));
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output.map((item) => (item.json.contact as { mobile: { number: string } }).mobile.number)).toEqual([
			'+13475551001',
			'+13475551002',
			'+13475551003',
		]);
	});

	it('sends plain SMS when Attachments is empty (no upload)', async () => {
		await runSakari({ parameters: send({ attachments: '' }), items: [itemWith({ data: binary(PNG) })], credentials });
		expect(uploads()).toHaveLength(0);
		expect(messageSends()[0].body).not.toHaveProperty('media');
	});
});

describe('Message → Send with an attachment: checked before any request', () => {
	it.each([
		['a missing binary property, naming it, the item and what the item has', send({ attachments: 'data, photo' }), itemWith({ data: binary(PNG) }),
			'Attachments (Binary Properties): input item 0 has no binary property "photo" (it has "data")'],
		['an item without binary data', send(), { json: {} }, 'input item 0 has no binary property "data" (it has no binary data at all)'],
		['an empty file', send(), itemWith({ data: binary(Buffer.alloc(0)) }), 'the file in "data" of input item 0 is empty (0 bytes)'],
		['a file above Max File Size', send({ messageOptions: { maxFileSizeMb: 0.01 } }), itemWith({ data: binary(Buffer.alloc(20_000, 1)) }),
			'is 0.02 MB, above Max File Size (0.01 MB)'],
		['a type outside Allowed File Types', send(), itemWith({ data: binary(Buffer.from('hello'), 'notes.txt', 'text/plain') }),
			'is text/plain, not one of Allowed File Types'],
		['a malformed Allowed File Types', send({ messageOptions: { allowedFileTypes: 'png' } }), itemWith({ data: binary(PNG) }),
			'Allowed File Types: "png" is not a MIME type'],
		['Type SMS with attachments', send({ messageOptions: { type: 'SMS' } }), itemWith({ data: binary(PNG) }), 'Type: is SMS, but attachments are sent as MMS'],
	])('refuses %s', async (_case, parameters, item, message) => {
		const error = await rejectionOf(runSakari({ parameters, items: [item as INodeExecutionData], credentials }));
		expect(error.message).toContain(message);
		expect(error.description).toBe('Nothing was sent to Sakari for this item.');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('allows any type with */*', async () => {
		await runSakari({
			parameters: send({ messageOptions: { allowedFileTypes: '*/*' } }),
			items: [itemWith({ data: binary(Buffer.from('BEGIN:VCARD'), 'card.txt', 'text/plain') })],
			credentials,
		});
		expect(uploads()).toHaveLength(1);
	});
});

describe('Message → Send with an attachment: when share file fails', () => {
	it('retries an upload after a server error (it texts nobody), then sends the message once', async () => {
		sandbox.injectFault({ kind: 'status', status: 503, times: 2, match: { path: 'tools/sharefile' } });
		await runSakari({ parameters: send(), items: [itemWith({ data: binary(PNG) })], credentials });
		expect(uploads().map((request) => request.status)).toEqual([503, 503, 200]);
		expect(messageSends()).toHaveLength(1);
	});

	it('retries an upload whose connection was reset', async () => {
		sandbox.injectFault({ kind: 'reset', match: { path: 'tools/sharefile' } });
		await runSakari({ parameters: send(), items: [itemWith({ data: binary(PNG) })], credentials });
		expect(uploads()).toHaveLength(2);
		expect(messageSends()).toHaveLength(1);
	});

	it("fails the item with Sakari's code and sends no message when share file refuses the file", async () => {
		sandbox.injectFault({ kind: 'status', status: 400, code: 'FILE-009', message: 'File type not supported', match: { path: 'tools/sharefile' } });
		const error = await rejectionOf(runSakari({ parameters: send(), items: [itemWith({ data: binary(PNG) })], credentials }));
		expect(error.message).toBe('File type not supported (FILE-009)');
		expect(uploads()).toHaveLength(1);
		expect(messageSends()).toHaveLength(0);
	});

	it('with continue-on-fail, the failed row is an error item paired to it and the other rows are sent', async () => {
		sandbox.injectFault({ kind: 'status', status: 400, code: 'FILE-009', message: 'File type not supported', match: { path: 'tools/sharefile' } });
		const rows = [
			itemWith({ data: binary(PNG) }, { phone: '+13475551001' }),
			itemWith({ data: binary(OTHER_PNG, 'other.png') }, { phone: '+13475551002' }),
		];
		// The two files are uploaded one after the other (one request in flight), so the first meets the fault.
		const output = await runSakari({
			parameters: send({ requestOptions: { maxConcurrentRequests: 1 } }),
			items: rows,
			credentials,
			continueOnFail: true,
		});
		expect(output).toHaveLength(2);
		const failed = output.find((item) => item.error);
		const sent = output.find((item) => !item.error);
		expect(failed?.error?.message).toBe('File type not supported (FILE-009)');
		expect(sent?.json).toMatchObject({ id: expect.any(String) });
		expect(output.map((item) => item.pairedItem).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
			{ item: 0 },
			{ item: 1 },
		]);
		expect(messageSends()).toHaveLength(1);
	});

	it('never repeats the message send after the upload, even on a server error', async () => {
		sandbox.injectFault({ kind: 'status', status: 503, match: { path: 'acc_sandbox/messages' } });
		const error = await rejectionOf(runSakari({ parameters: send(), items: [itemWith({ data: binary(PNG) })], credentials }));
		expect(error.httpCode).toBe('503');
		expect(uploads()).toHaveLength(1);
		expect(messageSends()).toHaveLength(1);
	});
});
