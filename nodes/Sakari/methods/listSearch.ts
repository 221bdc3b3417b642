import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { secretFree } from '../shared/dispatch';
import { text } from '../shared/fieldChecks';
import { PAGE_SIZE, readPage } from '../shared/pages';
import { sakariApiRequest } from '../shared/transport';

interface Page {
	records: IDataObject[];
	paginationToken?: string;
}

/** One page of a Sakari list for a resource locator; the pagination token is the next page's offset. */
async function listPage(
	this: ILoadOptionsFunctions,
	path: string,
	query: IDataObject,
	paginationToken?: string,
): Promise<Page> {
	const offset = Math.max(0, Number.parseInt(paginationToken ?? '0', 10) || 0);
	const answer = await sakariApiRequest.call(this, { method: 'GET', path, qs: { ...query, offset, limit: PAGE_SIZE } });
	const { records, nextOffset } = readPage(answer, offset, PAGE_SIZE);
	// Names, values and descriptions come from these records: none shows a secret the server echoed.
	return { records: await secretFree(this, records), paginationToken: nextOffset === undefined ? undefined : String(nextOffset) };
}

/** "Ada Lovelace (+13471234567)", or whatever part of that the contact has. */
function contactLabel(contact: IDataObject | undefined): string {
	const name = [text(contact?.firstName), text(contact?.lastName)].filter(Boolean).join(' ');
	const number = text((contact?.mobile as IDataObject | undefined)?.number);
	if (name && number) return `${name} (${number})`;
	return name || number || text(contact?.id);
}

/**
 * Contact filters Sakari supports, chosen from what the user typed: a number searches the mobile number,
 * an address the email, one word the first name, two or more words first and last name.
 */
export function contactQuery(filter?: string): IDataObject {
	const typed = text(filter);
	if (!typed) return {};
	if (/^\+?[\d\s().-]+$/.test(typed)) return { mobile: typed.replace(/[^\d+]/g, '') };
	if (typed.includes('@')) return { email: typed };
	const [firstName, ...rest] = typed.split(/\s+/);
	return rest.length ? { firstName, lastName: rest.join(' ') } : { firstName };
}

export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await listPage.call(this, '/contacts', contactQuery(filter), paginationToken);
	const results: INodeListSearchItems[] = page.records.map((contact) => ({
		name: contactLabel(contact),
		value: text(contact.id),
	}));
	return { results, paginationToken: page.paginationToken };
}

/**
 * Sakari documents no filter for conversations, so the typed text is matched here against the contact's
 * name and number, page by page (a page may show fewer than 100 matches; scrolling loads the next).
 */
export async function searchConversations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await listPage.call(this, '/conversations', {}, paginationToken);
	const typed = text(filter).toLowerCase();
	const results: INodeListSearchItems[] = page.records
		.map((conversation) => {
			const label = contactLabel(conversation.contact as IDataObject | undefined);
			return { name: conversation.closed ? `${label} (closed)` : label, value: text(conversation.id) };
		})
		.filter((result) => !typed || result.name.toLowerCase().includes(typed));
	return { results, paginationToken: page.paginationToken };
}

/**
 * A picker over a list Sakari searches itself (`name` for templates and campaigns, `q` for lead forms and links),
 * entries shown by name.
 */
async function searchNamed(
	this: ILoadOptionsFunctions,
	{ path, by, describe }: { path: string; by: 'name' | 'q'; describe: (record: IDataObject) => string },
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const typed = text(filter);
	const page = await listPage.call(this, path, typed ? { [by]: typed } : {}, paginationToken);
	const results: INodeListSearchItems[] = page.records.map((record) => ({
		name: text(record.name) || text(record.id),
		value: text(record.id),
		description: describe(record),
	}));
	return { results, paginationToken: page.paginationToken };
}

export async function searchLeadForms(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const status = (form: IDataObject) => (form.active ? 'Active' : 'Inactive');
	return await searchNamed.call(this, { path: '/forms', by: 'q', describe: status }, filter, paginationToken);
}

export async function searchLeadFormTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchNamed.call(this, { path: '/forms/templates', by: 'q', describe: () => '' }, filter, paginationToken);
}

export async function searchLinks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const urls = (link: IDataObject) => [text(link.shortenedUrl), text(link.destinationUrl)].filter(Boolean).join(' → ');
	return await searchNamed.call(this, { path: '/links', by: 'q', describe: urls }, filter, paginationToken);
}

/** A message text's first 80 characters, to tell templates and campaigns of similar names apart. */
const textStart = (record: IDataObject) => text(record.template).slice(0, 80);

export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchNamed.call(this, { path: '/templates', by: 'name', describe: textStart }, filter, paginationToken);
}

export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchNamed.call(this, { path: '/campaigns', by: 'name', describe: textStart }, filter, paginationToken);
}
