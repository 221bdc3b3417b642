import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { FieldError, optionalText, quote } from '../../shared/fieldChecks';

// M, S and FU in both references; V2 only in the current one (developer.sakari.io/api-reference/campaigns/create-campaign).
const TRIGGERS = ['M', 'S', 'FU', 'V2'];
const AUDIENCE = 'Audience Filters (JSON)';

/** A campaign's fields: all of them for Create (name and text required), any of them under Update Fields. */
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
			{ name: 'V2', value: 'V2', description: "Sakari's newer campaign type: its reference names it V2 and does not describe it" },
		],
	},
	{
		displayName: AUDIENCE,
		name: 'campaignAudience',
		type: 'json',
		default: '{}',
		placeholder: 'e.g. {"tags": [{"tag": "vip", "visible": true}]}',
		description:
			'Which contacts the campaign texts: Sakari\'s campaign "filters", sent as given. As Campaign → Get answers them: {"list": {…}, "q": "…", "attributes": [{"attribute": "city", "comparator": "=", "value": ["Boston"]}], "tags": [{"tag": "vip", "visible": true}]}; the older lists of text ({"tags": ["vip"], "contacts": […], "attributes": […]}) work too.',
		hint: 'To reuse a campaign\'s audience, put {{ $json.filters }} here after Campaign → Get. Sakari does not document which comparators exist.',
	},
	{
		displayName: 'Reporting (When)',
		name: 'campaignReporting',
		type: 'string',
		default: '',
		placeholder: 'e.g. NoReport',
		description:
			"When Sakari reports on the campaign, sent as reporting.when. Sakari's examples send NoReport and its reference lists no other value. Empty: not sent.",
	},
];

function parsedJson(value: string): unknown {
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return undefined;
	}
}

type Check = (entry: unknown) => boolean;
const isText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const isObject = (value: unknown): value is IDataObject => !!value && typeof value === 'object' && !Array.isArray(value);
const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

/**
 * What each filter accepts, in either documented shape: today's objects (developer.sakari.io/api-reference/
 * campaigns/fetch-campaign-by-id) or OpenAPI 1.0.1's lists of text (CampaignRequest › filters).
 */
const FILTERS: Record<string, { list: boolean; entry: Check; shape: string }> = {
	list: { list: false, entry: (value) => isText(value) || (isObject(value) && isText(value.id)), shape: '{"id": "…", "name": "…"} (as Campaign → Get answers it) or a list ID' },
	q: { list: false, entry: (value) => typeof value === 'string', shape: 'text' },
	attributes: {
		list: true,
		entry: (value) =>
			isText(value) ||
			(isObject(value) &&
				isText(value.attribute) &&
				(value.comparator === undefined || typeof value.comparator === 'string') &&
				(value.value === undefined || isScalar(value.value) || (Array.isArray(value.value) && value.value.every(isScalar)))),
		shape: '{"attribute": "city", "comparator": "=", "value": ["Boston"]} or text',
	},
	tags: {
		list: true,
		entry: (value) => isText(value) || (isObject(value) && isText(value.tag) && (value.visible === undefined || typeof value.visible === 'boolean')),
		shape: '{"tag": "vip", "visible": true} or text',
	},
	contacts: { list: true, entry: isText, shape: 'a contact ID' },
};

/** The Audience Filters as an object of Sakari's documented filters, each entry in one of their shapes. */
function audienceFilters(value: unknown): IDataObject {
	let filters: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		filters = parsedJson(value);
		if (filters === undefined) throw new FieldError(AUDIENCE, `${quote(value)} is not valid JSON`);
	}
	if (!isObject(filters)) throw new FieldError(AUDIENCE, 'must be a JSON object, e.g. {"tags": [{"tag": "vip", "visible": true}]}');
	for (const [key, given] of Object.entries(filters)) {
		const filter = FILTERS[key];
		if (!filter) throw new FieldError(AUDIENCE, `${quote(key)} is not one of Sakari's campaign filters (${Object.keys(FILTERS).join(', ')})`);
		// A filter Sakari answered as null (none set) goes back as it came.
		if (given === null) continue;
		if (!filter.list) {
			if (!filter.entry(given)) throw new FieldError(AUDIENCE, `"${key}" must be ${filter.shape}`);
			continue;
		}
		if (!Array.isArray(given)) throw new FieldError(AUDIENCE, `"${key}" must be a list, e.g. "${key}": [${filter.shape.replace(/ or text$/, '')}]`);
		const bad = given.findIndex((entry) => !filter.entry(entry));
		if (bad >= 0) throw new FieldError(AUDIENCE, `"${key}" entry ${bad + 1} must be ${filter.shape}, got ${quote(JSON.stringify(given[bad]) ?? String(given[bad]))}`);
	}
	return filters;
}

/** The campaign's Name, trimmed (a number from an expression as text, an object refused); blank is refused when `required`. */
export function campaignNameOf(value: unknown, required: boolean): string | undefined {
	const name = optionalText(value, 'Name')?.trim();
	if (!name && required) throw new FieldError('Name', 'is empty; give the campaign a name, e.g. Spring sale');
	return name;
}

/**
 * A campaign body from the fields given, by optionalText's rule (numbers as text, a blank one not sent, an object
 * refused): Create needs a name and a text, a trigger is a known code, filters as documented.
 */
export function campaignBody(fields: IDataObject, creating: boolean): IDataObject {
	const body: IDataObject = {};
	const name = campaignNameOf(fields.campaignName, creating);
	if (name) body.name = name;
	const template = optionalText(fields.campaignTemplate, 'Template');
	if (template !== undefined) body.template = template;
	else if (creating) throw new FieldError('Template', 'is empty; enter the text to send, e.g. Hi {{{firstName}}}');
	const code = optionalText(fields.campaignTrigger, 'Trigger')?.trim();
	if (code !== undefined) {
		if (!TRIGGERS.includes(code)) throw new FieldError('Trigger', `${quote(code)} is not M (manual), S (scheduled), FU (file upload) or V2`);
		body.trigger = { code };
	}
	const when = optionalText(fields.campaignReporting, 'Reporting (When)')?.trim();
	if (when) body.reporting = { when };
	if (fields.campaignAudience !== undefined) {
		const filters = audienceFilters(fields.campaignAudience);
		if (Object.keys(filters).length > 0 || !creating) body.filters = filters;
	}
	return body;
}

/** The Name of Create and of Create and Send (one parameter, so it carries over when the operation changes). */
export const campaignName: INodeProperties = { ...campaignFields[0], required: true };
