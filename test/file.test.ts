/** File → Upload: a binary property of the item hosted with Sakari's share file, its `{link, expires}` output. */
import type { IBinaryData, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { rejectionOf } from './helpers/leaks';
import { CredentialStore, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useQuickRetries, useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});
useQuickRetries();

const SHARE_FILE = '/v1/tools/sharefile';
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

const upload = (parameters: INodeParameters = {}): INodeParameters => ({ resource: 'file', operation: 'upload', ...parameters });
const itemWith = (binary: Record<string, IBinaryData>, json: INodeExecutionData['json'] = {}): INodeExecutionData => ({ json, binary });
const pdf = (data = PDF): IBinaryData => ({ data: data.toString('base64'), mimeType: 'application/pdf', fileName: 'receipt.pdf' });

describe('File → Upload', () => {
	it('POSTs the file as multipart field media to {base}/v1/tools/sharefile and outputs {link, expires} with the item', async () => {
		const input = itemWith({ data: pdf() }, { order: 42 });
		const output = await runSakari({ parameters: upload(), items: [input], credentials });

		const [request] = apiRequests(sandbox);
		expect(apiRequests(sandbox)).toHaveLength(1);
		expect(request).toMatchObject({ method: 'POST', path: SHARE_FILE, query: {} });
		expect(request.headers.authorization).toMatch(/^Bearer \S+$/);
		expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=\S+$/);
		expect(request.rawBody).toContain('Content-Disposition: form-data; name="media"; filename="receipt.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4');

		expect(output).toEqual([
			{ json: { link: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//), expires: expect.any(String) }, binary: input.binary, pairedItem: { item: 0 } },
		]);
		const served = await fetch(output[0].json.link as string);
		expect(served.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await served.arrayBuffer()).equals(PDF)).toBe(true);
	});

	it('reads the binary property named, and allows any type by default', async () => {
		const text = { data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain; charset=utf-8', fileName: 'note.txt' };
		const output = await runSakari({ parameters: upload({ binaryPropertyName: 'note' }), items: [itemWith({ note: text, data: pdf() })], credentials });
		expect(apiRequests(sandbox)[0].rawBody).toContain('filename="note.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n');
		expect(output[0].json.link).toEqual(expect.any(String));
	});

	it('uploads each item, pairing each link to its item', async () => {
		const items = [itemWith({ data: pdf() }), itemWith({ data: pdf(Buffer.from('%PDF-1.4 other')) })];
		const output = await runSakari({ parameters: upload(), items, credentials });
		expect(apiRequests(sandbox)).toHaveLength(2);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(new Set(output.map((item) => item.json.link)).size).toBe(2);
	});

	it.each([
		['an empty property name', upload({ binaryPropertyName: ' ' }), itemWith({ data: pdf() }), 'Input Binary Field: is empty'],
		['a missing property', upload({ binaryPropertyName: 'file' }), itemWith({ data: pdf() }), 'Input Binary Field: input item 0 has no binary property "file" (it has "data")'],
		['an empty file', upload(), itemWith({ data: pdf(Buffer.alloc(0)) }), 'the file in "data" of input item 0 is empty (0 bytes)'],
		['a file above Max File Size', upload({ fileOptions: { maxFileSizeMb: 0.01 } }), itemWith({ data: pdf(Buffer.alloc(11_000, 1)) }), 'above Max File Size (0.01 MB)'],
		['a type outside Allowed File Types', upload({ fileOptions: { allowedFileTypes: 'image/*' } }), itemWith({ data: pdf() }), 'is application/pdf, not one of Allowed File Types (image/*)'],
		['a Max File Size out of range', upload({ fileOptions: { maxFileSizeMb: 0 } }), itemWith({ data: pdf() }), 'Max File Size (MB): must be a number above 0'],
	])('refuses %s before any request', async (_case, parameters, item, message) => {
		const error = await rejectionOf(runSakari({ parameters, items: [item], credentials }));
		expect(error.message).toContain(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it("reports share file's own refusal (over its size limit) with Sakari's code, and continues on fail with a paired error item", async () => {
		sandbox.injectFault({ kind: 'status', status: 413, code: 'FILE-002', message: 'The file is too large', match: { path: 'tools/sharefile' } });
		const error = await rejectionOf(runSakari({ parameters: upload(), items: [itemWith({ data: pdf() })], credentials }));
		expect(error.message).toBe('The file is too large (FILE-002)');
		expect(apiRequests(sandbox)).toHaveLength(1);

		sandbox.injectFault({ kind: 'status', status: 413, code: 'FILE-002', message: 'The file is too large', match: { path: 'tools/sharefile' } });
		const output = await runSakari({
			parameters: upload({ requestOptions: { maxConcurrentRequests: 1 } }),
			items: [itemWith({ data: pdf() }), itemWith({ data: pdf(Buffer.from('%PDF other')) })],
			credentials,
			continueOnFail: true,
		});
		expect(output).toHaveLength(2);
		expect(output.filter((item) => item.error).map((item) => [item.error?.message, item.json])).toEqual([['The file is too large (FILE-002)', {}]]);
		expect(output.filter((item) => !item.error)[0].json.link).toEqual(expect.any(String));
		expect(output.map((item) => item.pairedItem).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('retries an upload after a server error and a lost answer (hosting a file twice texts nobody)', async () => {
		sandbox.injectFault({ kind: 'status', status: 502, match: { path: 'tools/sharefile' } });
		sandbox.injectFault({ kind: 'malformed', match: { path: 'tools/sharefile' } });
		const output = await runSakari({ parameters: upload(), items: [itemWith({ data: pdf() })], credentials });
		expect(apiRequests(sandbox).map((request) => request.status)).toEqual([502, 200, 200]);
		expect(output[0].json.link).toEqual(expect.any(String));
	});
});
