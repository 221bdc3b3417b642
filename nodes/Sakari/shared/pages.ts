// Sakari's offset/limit lists, read the same way everywhere (Get Many, list search, the trigger's subscriptions):
// one page size, one bound on the pages, one rule for when there is a next page; and Get Many's sender.
import type { IDataObject } from 'n8n-workflow';

import type { RequestHandler } from './dispatch';
import { wholeNumber } from './fieldChecks';
import { pairToInput, sendBuilt } from './send';

// Sakari answers at most 100 records a page.
export const PAGE_SIZE = 100;
// A bound on one listing, so a server that always says "there is more" cannot keep a run going for ever.
const MAX_PAGES = 10_000;

/**
 * One answer of a Sakari list (`{data: [...], pagination}`): its records, and the offset of the next page when
 * there is one. Sakari's `hasNext` decides when it is given, else `totalCount`, else whether the page was full.
 */
export function readPage(answer: unknown, offset: number, limit: number): { records: IDataObject[]; nextOffset?: number } {
	const envelope = (answer ?? {}) as IDataObject;
	const records = (Array.isArray(envelope.data) ? envelope.data : []) as IDataObject[];
	const { hasNext, totalCount } = (envelope.pagination ?? {}) as IDataObject;
	const nextOffset = offset + records.length;
	let more: boolean;
	if (typeof hasNext === 'boolean') more = hasNext;
	else if (typeof totalCount === 'number') more = nextOffset < totalCount;
	else more = records.length >= limit;
	return { records, nextOffset: more && records.length > 0 ? nextOffset : undefined };
}

/**
 * Every record of a list, page by page, up to `wanted`. A page identical to the one before ends the listing: the
 * server ignores the offset, and asking again would only repeat it.
 */
export async function everyPage(
	fetchPage: (query: { offset: number; limit: number }) => Promise<unknown>,
	wanted = Number.POSITIVE_INFINITY,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	let offset: number | undefined = 0;
	let previous: string | undefined;
	for (let page = 0; page < MAX_PAGES && offset !== undefined && records.length < wanted; page++) {
		const limit = Math.min(PAGE_SIZE, wanted - records.length);
		const read = readPage(await fetchPage({ offset, limit }), offset, limit);
		const seen = JSON.stringify(read.records);
		if (seen === previous) break;
		previous = seen;
		records.push(...read.records.slice(0, wanted - records.length));
		offset = read.nextOffset;
	}
	return records;
}

/** Get Many: every page until Limit is reached (or everything, with Return All), one output item per record. */
export const sendPages: RequestHandler = async (context, requestData) => {
	const returnAll = context.getNodeParameter('returnAll', false) === true;
	const wanted = returnAll ? Number.POSITIVE_INFINITY : wholeNumber(context.getNodeParameter('limit', 50), 'Limit', { min: 1, max: 1_000_000 });
	const records = await everyPage(async (page) => await sendBuilt(context, requestData, { qs: { ...requestData.options.qs, ...page } }), wanted);
	return pairToInput.call(context, records);
};
