/**
 * Link → Get, Get Many, Get Sources and Phone Number → Get Available, through n8n's RoutingNode against the
 * sandbox over HTTP. Paths and shapes: developer.sakari.io/api-reference/links/* and
 * …/availablephonenumbers/check-all-available-phone-numbers.
 */
import type { INodeParameters } from 'n8n-workflow';

import { rejectionOf } from './helpers/leaks';
import { CredentialStore, byId, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useQuickRetries, useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

const ACCOUNT = '/v1/accounts/acc_sandbox';
const link = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({ resource: 'link', operation, ...parameters });
const available = (availableNumberFilters: INodeParameters = {}): INodeParameters => ({
	resource: 'phoneNumber',
	operation: 'getAvailable',
	availableNumberFilters,
});
const requests = () => apiRequests(sandbox).map(({ method, path, query, body }) => ({ method, path, query, body }));

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});
useQuickRetries();

describe('Link → Get', () => {
	it('gets the link picked from the list, paired', async () => {
		const [, second] = sandbox.seedLinks(2);
		const output = await runSakari({ parameters: link('get', { linkId: byId(second.id, 'list') }), credentials });
		expect(requests()).toEqual([{ method: 'GET', path: `${ACCOUNT}/links/${second.id}`, query: {}, body: undefined }]);
		expect(output).toEqual([
			{
				json: expect.objectContaining({ id: second.id, shortenedUrl: expect.any(String), stats: expect.objectContaining({ totalClicks: expect.any(Number) }) }),
				pairedItem: { item: 0 },
			},
		]);
	});

	it("reports an unknown link by Sakari's code; with continue on fail the other rows go through", async () => {
		const [one] = sandbox.seedLinks(1);
		const output = await runSakari({
			parameters: link('get', { linkId: byId('={{ $json.id }}') }),
			items: [{ json: { id: 'lnk_missing' } }, { json: { id: one.id } }],
			credentials,
			continueOnFail: true,
		});
		expect(output.map((item) => [item.json.id, item.error?.message, (item.error as { httpCode?: string } | undefined)?.httpCode, item.pairedItem])).toEqual([
			[undefined, 'Invalid link id (LINK-001)', '404', { item: 0 }],
			[one.id, undefined, undefined, { item: 1 }],
		]);
	});

	it('refuses an ID that would reach another endpoint before sending', async () => {
		const error = await rejectionOf(runSakari({ parameters: link('getSources', { linkId: byId('..') }), credentials }));
		expect(error.message).toContain('Link: ".." is not an ID');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('Link → Get Many', () => {
	it('pages over 100 links with Return All', async () => {
		sandbox.seedLinks(130);
		const output = await runSakari({ parameters: link('getAll', { returnAll: true }), credentials });
		expect(output).toHaveLength(130);
		expect(new Set(output.map((item) => item.json.id)).size).toBe(130);
		expect(requests().map((request) => request.query)).toEqual([
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '100' },
		]);
	});

	it('sends the search term as q and stops at the limit', async () => {
		sandbox.seedLinks(30);
		const output = await runSakari({ parameters: link('getAll', { limit: 3, linkFilters: { q: 'offer/2' } }), credentials });
		expect(requests()).toEqual([{ method: 'GET', path: `${ACCOUNT}/links`, query: { q: 'offer/2', offset: '0', limit: '3' }, body: undefined }]);
		expect(output.map((item) => item.json.destinationUrl)).toEqual([
			'https://example.com/offer/2',
			'https://example.com/offer/20',
			'https://example.com/offer/21',
		]);
	});

	it('retries after a 429, waiting as Sakari asks', async () => {
		sandbox.seedLinks(2);
		sandbox.injectFault({ kind: '429', retryAfter: 0, match: { path: 'acc_sandbox/links' } });
		const output = await runSakari({ parameters: link('getAll', { returnAll: true }), credentials });
		expect(output).toHaveLength(2);
		expect(apiRequests(sandbox).map((request) => request.status)).toEqual([429, 200]);
	});
});

describe('Link → Get Sources', () => {
	it('outputs one item per source, the Sources filter as given', async () => {
		const [one] = sandbox.seedLinks(1);
		const all = await runSakari({ parameters: link('getSources', { linkId: byId(one.id), returnAll: true }), credentials });
		const some = await runSakari({ parameters: link('getSources', { linkId: byId(one.id), returnAll: true, linkSourceFilters: { sources: 'Email' } }), credentials });
		expect(requests()).toEqual([
			{ method: 'GET', path: `${ACCOUNT}/links/${one.id}/sources`, query: { offset: '0', limit: '100' }, body: undefined },
			{ method: 'GET', path: `${ACCOUNT}/links/${one.id}/sources`, query: { sources: 'Email', offset: '0', limit: '100' }, body: undefined },
		]);
		expect(all.map((item) => item.json.name)).toEqual(['SMS campaign', 'Email', 'Web']);
		expect(some).toEqual([{ json: expect.objectContaining({ name: 'Email', stats: expect.any(Object) }), pairedItem: { item: 0 } }]);
	});

	it('pages through more than 100 sources of a link with Return All, and stops at Limit', async () => {
		const [one] = sandbox.seedLinks(1, 130);
		const all = await runSakari({ parameters: link('getSources', { linkId: byId(one.id), returnAll: true }), credentials });
		const some = await runSakari({ parameters: link('getSources', { linkId: byId(one.id), limit: 101 }), credentials });
		expect(requests().map((request) => request.query)).toEqual([
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '100' },
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '1' },
		]);
		expect(all.map((item) => item.json.name)).toEqual(['SMS campaign', 'Email', 'Web', ...Array.from({ length: 127 }, (_, index) => `Source ${index + 4}`)]);
		expect(some.map((item) => item.json.id)).toEqual(all.slice(0, 101).map((item) => item.json.id));
		expect(some.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
	});

	it('lists the sources of each input item’s link, each paired to its item', async () => {
		const links = sandbox.seedLinks(2);
		const output = await runSakari({
			parameters: link('getSources', { linkId: byId('={{ $json.id }}'), limit: 2 }),
			items: links.map((entry) => ({ json: { id: entry.id } })),
			credentials,
		});
		expect(output.map((item) => [item.json.id, item.pairedItem])).toEqual([
			[`${links[0].id}_src1`, { item: 0 }],
			[`${links[0].id}_src2`, { item: 0 }],
			[`${links[1].id}_src1`, { item: 1 }],
			[`${links[1].id}_src2`, { item: 1 }],
		]);
	});
});

describe('Phone Number → Get Available', () => {
	it('without filters lists every number Sakari answers, one item each', async () => {
		const output = await runSakari({ parameters: available(), credentials });
		expect(requests()).toEqual([{ method: 'GET', path: `${ACCOUNT}/availablephonenumbers`, query: {}, body: undefined }]);
		expect(output.length).toBeGreaterThan(5);
		expect(output[0]).toEqual({
			json: { number: expect.stringMatching(/^\+1/), country: 'US', type: 'local', features: expect.any(Array), price: expect.any(String) },
			pairedItem: { item: 0 },
		});
	});

	it('sends the documented filters as given; an area code from an expression may be a number', async () => {
		const output = await runSakari({
			parameters: available({ areaCode: '={{ $json.area }}', features: 'mms', type: 'local', contains: ' ', postalCode: '11201' }),
			items: [{ json: { area: 347 } }],
			credentials,
		});
		expect(requests()).toEqual([
			{
				method: 'GET',
				path: `${ACCOUNT}/availablephonenumbers`,
				query: { areaCode: '347', features: 'mms', type: 'local', postalCode: '11201' },
				body: undefined,
			},
		]);
		expect(output.map((item) => item.json.number)).toEqual(['+13475550111', '+13475550122']);
	});

	it('runs once per input item, each number paired to its own row (a row that matches nothing outputs nothing)', async () => {
		const output = await runSakari({ parameters: available({ areaCode: '={{ $json.area }}' }), items: [{ json: { area: 212 } }, { json: { area: '999' } }, { json: { area: '347' } }], credentials });
		expect(output.map((item) => [item.json.number, item.pairedItem])).toEqual([
			['+12125550144', { item: 0 }],
			['+12125550155', { item: 0 }],
			['+13475550111', { item: 2 }],
			['+13475550122', { item: 2 }],
			['+13475550133', { item: 2 }],
		]);
		expect(requests().map((request) => request.query.areaCode).sort()).toEqual(['212', '347', '999']);
	});

	it("with continue on fail, a row's bad area code is its error item, paired to that row; the other rows list their numbers", async () => {
		const output = await runSakari({
			parameters: available({ areaCode: '={{ $json.area }}' }),
			items: [{ json: { area: 212 } }, { json: { area: '(347)' } }, { json: { area: '347' } }],
			credentials,
			continueOnFail: true,
		});
		expect(output.map((item) => [item.json.number ?? item.error?.message, item.pairedItem])).toEqual([
			['+12125550144', { item: 0 }],
			['+12125550155', { item: 0 }],
			['Filters > Area Code: "(347)" is not an area code; use digits only, e.g. 347', { item: 1 }],
			['+13475550111', { item: 2 }],
			['+13475550122', { item: 2 }],
			['+13475550133', { item: 2 }],
		]);
		expect(requests().map((request) => request.query.areaCode).sort()).toEqual(['212', '347']);
	});

	it('outputs nothing (no error) when no number matches', async () => {
		const output = await runSakari({ parameters: available({ areaCode: '999' }), credentials });
		expect(output).toEqual([]);
	});

	it.each(['(347)', '34 7', 'abc'])('refuses the area code %j before sending', async (areaCode) => {
		const error = await rejectionOf(runSakari({ parameters: available({ areaCode }), credentials }));
		expect(error.message).toContain('Filters > Area Code:');
		expect(error.message).toContain('use digits only');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});
