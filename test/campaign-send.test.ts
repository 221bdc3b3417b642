/**
 * Campaign → Create and Send (`POST …/quickcampaigns`, developer.sakari.io › Campaigns › Create and Execute a
 * campaign) through n8n's RoutingNode against the sandbox: the body Sakari receives, Send At, the checks before
 * sending, and that a campaign whose answer was lost is never sent again.
 */
import type { INodeParameters } from 'n8n-workflow';

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

const PATH = '/v1/accounts/acc_sandbox/quickcampaigns';
const DAY = 24 * 60 * 60 * 1000;
const createAndSend = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'campaign',
	operation: 'createAndSend',
	campaignName: 'Spring sale',
	campaignGroupId: 'grp_main',
	campaignListId: 'lst_spring',
	campaignMessage: 'Hi {{{firstName}}}, the spring sale starts today',
	...parameters,
});
const posts = () => apiRequests(sandbox).filter((request) => request.method === 'POST' && request.path === PATH);
const campaigns = () => sandbox.state().campaigns as Array<Record<string, unknown>>;

/** Contacts on the list, made through the node as a user would (US, UK and German numbers). */
async function listContacts(): Promise<void> {
	await runSakari({
		parameters: { resource: 'contact', operation: 'create', mobileNumber: '={{ $json.phone }}', mobileCountry: '={{ $json.country }}', additionalFields: { lists: 'lst_spring' } },
		items: [
			{ json: { phone: '(347) 555-0101', country: 'US' } },
			{ json: { phone: '07700 900123', country: 'GB' } },
			{ json: { phone: '0151 23456789', country: 'DE' } },
		],
		credentials,
	});
	sandbox.clearRequests();
}

describe('Campaign → Create and Send', () => {
	it('POSTs name, group, list and message once, and outputs the campaign, its job and that Sakari sends at once, paired', async () => {
		await listContacts();
		const before = Date.now();
		const output = await runSakari({ parameters: createAndSend(), credentials });

		expect(apiRequests(sandbox).map(({ method, path, query, body }) => ({ method, path, query, body }))).toEqual([
			{
				method: 'POST',
				path: PATH,
				query: {},
				body: { name: 'Spring sale', groupId: 'grp_main', listId: 'lst_spring', message: { message: 'Hi {{{firstName}}}, the spring sale starts today' } },
			},
		]);
		expect(output).toEqual([
			{
				json: {
					campaign: expect.objectContaining({ id: expect.any(String), name: 'Spring sale', filters: expect.objectContaining({ list: { id: 'lst_spring' } }) }),
					job: expect.objectContaining({ id: expect.any(String), status: 'Submitted', submitted: 3 }),
					sendAt: expect.any(String),
					scheduled: false,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(Date.parse(output[0].json.sendAt as string)).toBeGreaterThanOrEqual(before);
	});

	it.each([
		['a picked date, read in the workflow time zone (Europe/Berlin, summer)', '2031-07-01T09:30:00', 'Europe/Berlin', '2031-07-01T07:30:00.000Z'],
		['a picked date, read in the workflow time zone (America/New_York, winter)', '2031-01-15T09:30:00', 'America/New_York', '2031-01-15T14:30:00.000Z'],
		['an ISO time with an offset', '2031-07-01T09:30:00+05:30', 'Europe/Berlin', '2031-07-01T04:00:00.000Z'],
		['an ISO time in UTC', '2031-07-01T09:30:00Z', 'Asia/Tokyo', '2031-07-01T09:30:00.000Z'],
	])('sends Send At (%s) to Sakari in UTC and says when Sakari will send', async (_case, campaignSendAt, timezone, sendAt) => {
		const output = await runSakari({ parameters: createAndSend({ campaignSendAt }), credentials, timezone });
		expect(posts()[0].body).toMatchObject({ sendAt });
		expect(output[0].json).toMatchObject({ sendAt, scheduled: true, job: { status: 'Scheduled' }, campaign: { nextExecution: sendAt } });
	});

	it('takes Send At from an expression (a Luxon date from $now) and a media-only message', async () => {
		const output = await runSakari({
			parameters: createAndSend({ campaignMessage: '', campaignSendAt: '={{ $now.plus({ days: 2 }) }}', campaignSendOptions: { campaignMediaUrls: 'https://example.com/a.png, https://example.com/b.pdf' } }),
			credentials,
		});
		const body = posts()[0].body as { sendAt: string; message: unknown };
		expect(body.message).toEqual({ media: [{ url: 'https://example.com/a.png' }, { url: 'https://example.com/b.pdf' }] });
		expect(Math.abs(Date.parse(body.sendAt) - (Date.now() + 2 * DAY))).toBeLessThan(60_000);
		expect(output[0].json.sendAt).toBe(body.sendAt);
	});

	it('keeps a media URL with commas whole (Cloudinary-style w_300,h_200), one URL per line or comma-separated', async () => {
		const cloudinary = 'https://res.cloudinary.com/demo/image/upload/w_300,h_200,c_crop/sample.jpg';
		for (const campaignMediaUrls of [`${cloudinary}, https://example.com/b.pdf`, `${cloudinary}\nhttps://example.com/b.pdf`]) {
			await runSakari({ parameters: createAndSend({ campaignSendOptions: { campaignMediaUrls } }), credentials });
		}
		expect(posts().map((request) => (request.body as { message: { media: unknown } }).message.media)).toEqual([
			[{ url: cloudinary }, { url: 'https://example.com/b.pdf' }],
			[{ url: cloudinary }, { url: 'https://example.com/b.pdf' }],
		]);
	});

	it.each([
		[{ campaignSendAt: '2020-03-01T10:00:00Z' }, 'Send At: 2020-03-01T10:00:00.000Z is in the past; leave it empty to send at once'],
		[{ campaignSendAt: 'next tuesday' }, 'Send At: "next tuesday" is not a date and time'],
		[{ campaignName: '  ' }, 'Name: is empty'],
		[{ campaignGroupId: '' }, 'Sending Number Group ID: is empty'],
		[{ campaignListId: '..' }, 'Contact List ID: ".." is not an ID'],
		[{ campaignMessage: ' ' }, 'Message: is empty; enter the text to send (or add Media URLs)'],
		[{ campaignSendOptions: { campaignMediaUrls: 'ftp://example.com/a.png' } }, 'Media URLs: "ftp://example.com/a.png" is not an http(s) URL'],
	])('refuses %j before sending anything', async (parameters, message) => {
		const error = await rejectionOf(runSakari({ parameters: createAndSend(parameters), credentials }));
		expect(error.message).toContain(message);
		expect(error.description).toBe('Nothing was sent to Sakari for this item.');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('a lost answer is not retried: the error says the campaign may have been created and sent, and Sakari has it once', async () => {
		sandbox.injectFault({ kind: 'reset', when: 'after', match: { path: 'quickcampaigns' } });
		const error = await rejectionOf(runSakari({ parameters: createAndSend(), credentials }));
		expect(error.message).toBe('No usable answer from Sakari: the campaign may have been created and sent');
		expect(error.description).toMatch(/^ECONNRESET\. Not retried\. Nobody is texted twice\. Check Campaign → Get Many/);
		expect(posts()).toHaveLength(1);
		expect(campaigns()).toHaveLength(1);
	});

	it.each([
		['a server error', { kind: 'status', status: 502 }, 'Injected fault (SYS-502, HTTP 502)'],
		['a cut-off answer', { kind: 'malformed', when: 'after' }, 'Sakari answered with something that is not the JSON it promises'],
	])('%s is not retried either, and with continue-on-fail it is an error item paired to its row', async (_case, fault, what) => {
		sandbox.injectFault({ ...fault, times: 5, match: { path: 'quickcampaigns' } });
		const output = await runSakari({ parameters: createAndSend(), items: [{ json: {} }, { json: {} }], credentials, continueOnFail: true });
		expect(posts()).toHaveLength(2);
		expect(output.map((item) => [item.error?.message, item.error?.description?.split('.')[0], item.pairedItem])).toEqual([
			['No usable answer from Sakari: the campaign may have been created and sent', what, { item: 0 }],
			['No usable answer from Sakari: the campaign may have been created and sent', what, { item: 1 }],
		]);
	});

	it("a refusal keeps Sakari's code and message (nothing was created), and a 429 is retried (nothing was processed)", async () => {
		sandbox.injectFault({ kind: 'status', status: 400, code: 'CAMP-004', message: 'Unknown list', match: { path: 'quickcampaigns' } });
		const refused = await rejectionOf(runSakari({ parameters: createAndSend(), credentials }));
		expect(refused.message).toBe('Unknown list (CAMP-004)');

		sandbox.clearRequests();
		sandbox.injectFault({ kind: '429', retryAfter: 0, match: { path: 'quickcampaigns' } });
		const output = await runSakari({ parameters: createAndSend(), credentials });
		expect(posts().map((request) => request.status)).toEqual([429, 200]);
		expect(output).toHaveLength(1);
		expect(campaigns()).toHaveLength(1);
	});

	it('out of credit (ACCT-006): the hint says the held messages go out once credit is added, so not to send them again', async () => {
		sandbox.injectFault({ kind: 'status', status: 402, code: 'ACCT-006', message: 'Insufficient credit available', match: { path: 'quickcampaigns' } });
		const error = await rejectionOf(runSakari({ parameters: createAndSend(), credentials }));
		expect(error.message).toBe('Insufficient credit available (ACCT-006)');
		expect(error.description).toContain('wait in a queue for 72 hours and go out by themselves once credit is added, so do not send them again');
		expect(posts()).toHaveLength(1);
	});

	it('reads the answer in the 1.0.1 shapes too (the campaign inside it shaped as 1.0.1 has it)', async () => {
		sandbox.configure({ shapes: '1.0.1' });
		const output = await runSakari({ parameters: createAndSend(), credentials });
		expect(output[0].json).toMatchObject({ campaign: { name: 'Spring sale', trigger: { code: 'M' }, filters: { attributes: [], contacts: [], tags: [] } }, scheduled: false });
	});
});
