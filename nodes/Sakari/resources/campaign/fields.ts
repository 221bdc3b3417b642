import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { FieldError, quote, text } from '../../shared/fieldChecks';

const TRIGGERS = ['M', 'S', 'FU'];
// The parts of a campaign's `filters` Sakari documents; any other key would be ignored by Sakari unseen.
const FILTER_KEYS = ['attributes', 'contacts', 'tags'];

/** A campaign's fields, shared by Create (required name and text) and Update (Update Fields). */
export const campaignFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'campaignName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Spring sale',
		description: 'The name the campaign is listed under in Sakari',
	},
	{
		displayName: 'Template',
		name: 'campaignTemplate',
		type: 'string',
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Hi {{{firstName}}}, our spring sale starts today.',
		description:
			"The message text the campaign sends. Sakari fills placeholders in triple braces from each contact, e.g. {{{firstName}}}. Inside an expression, write a placeholder as {{ '{{{' }}firstName}}}.",
	},
	{
		displayName: 'Trigger',
		name: 'campaignTrigger',
		type: 'options',
		default: 'M',
		description: 'What starts the campaign (Sakari\'s trigger code)',
		options: [
			{ name: 'Manual', value: 'M', description: 'Started by hand in Sakari' },
			{ name: 'Scheduled', value: 'S', description: 'Started at a time set in Sakari' },
			{ name: 'File Upload', value: 'FU', description: 'Started by uploading a contact file in Sakari' },
		],
	},
	{
		displayName: 'Audience Filters (JSON)',
		name: 'campaignAudience',
		type: 'json',
		default: '{}',
		placeholder: 'e.g. {"tags": ["vip"]}',
		description:
			'Which contacts the campaign texts: Sakari\'s campaign "filters" object with any of "attributes", "contacts" and "tags" (lists). Sent as given.',
		hint: 'Sakari documents the three keys but not the shape of their entries: check a campaign made in the Sakari app (Campaign → Get) for one that works',
	},
];

function parsedJson(value: string): unknown {
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return undefined;
	}
}

/** The Audience Filters as an object with only Sakari's documented keys, each a list. */
function audienceFilters(value: unknown): IDataObject {
	let filters: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		filters = parsedJson(value);
		if (filters === undefined) throw new FieldError('Audience Filters (JSON)', `${quote(value)} is not valid JSON`);
	}
	if (!filters || typeof filters !== 'object' || Array.isArray(filters)) {
		throw new FieldError('Audience Filters (JSON)', 'must be a JSON object, e.g. {"tags": ["vip"]}');
	}
	for (const [key, entries] of Object.entries(filters)) {
		if (!FILTER_KEYS.includes(key)) {
			throw new FieldError('Audience Filters (JSON)', `${quote(key)} is not one of Sakari's campaign filters (${FILTER_KEYS.join(', ')})`);
		}
		if (!Array.isArray(entries)) throw new FieldError('Audience Filters (JSON)', `"${key}" must be a list, e.g. "${key}": […]`);
	}
	return filters as IDataObject;
}

/** A campaign body from the fields given: a name and a text that are not blank, a known trigger, filters. */
export function campaignBody(fields: IDataObject, creating: boolean): IDataObject {
	const body: IDataObject = {};
	if (creating || fields.campaignName !== undefined) {
		const name = text(fields.campaignName);
		if (!name) throw new FieldError('Name', 'is empty; give the campaign a name, e.g. Spring sale');
		body.name = name;
	}
	if (creating || fields.campaignTemplate !== undefined) {
		if (text(fields.campaignTemplate) === '') throw new FieldError('Template', 'is empty; enter the text to send, e.g. Hi {{{firstName}}}');
		body.template = String(fields.campaignTemplate);
	}
	if (fields.campaignTrigger !== undefined) {
		const code = text(fields.campaignTrigger);
		if (!TRIGGERS.includes(code)) throw new FieldError('Trigger', `${quote(code)} is not M (manual), S (scheduled) or FU (file upload)`);
		body.trigger = { code };
	}
	if (fields.campaignAudience !== undefined) {
		const filters = audienceFilters(fields.campaignAudience);
		if (Object.keys(filters).length > 0 || !creating) body.filters = filters;
	}
	return body;
}
