import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION, updateDisplayOptions } from 'n8n-workflow';

import { COUNTRIES } from '../../shared/countries';
import { pairToInput, readEnvelope } from '../../shared/envelope';
import { toSakariError } from '../../shared/errors';
import { FieldError, objectId, operationRequest, optionalText, quote, text } from '../../shared/fieldChecks';
import { toMobile } from '../contact/fields';
import { contactLocator } from '../contact/locator';
import { fileLimitOptions, MMS_FILE_TYPES } from '../file/share';
import { conversationLocator } from '../conversation/locator';

/** An option of Send and of Send and Wait for Response. */
export const sendingGroupField: INodeProperties = {
	displayName: 'Sending Number Group ID',
	name: 'phoneNumberGroupId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d2',
	description: 'Send from a number in this Sakari number group instead of the account default',
};

/** Who receives the message, and its text: Send and Send and Wait for Response share them. */
const recipientFields: INodeProperties[] = [
	{
		displayName: 'Send To',
		name: 'sendTo',
		type: 'options',
		default: 'mobileNumber',
		description: 'Who receives the message',
		options: [
			{
				name: 'Mobile Number',
				value: 'mobileNumber',
				description: 'A mobile number; Sakari creates a contact for it if it has none',
			},
			{ name: 'Contact', value: 'contact', description: 'An existing Sakari contact' },
			{
				name: 'Conversation',
				value: 'conversation',
				description: "An existing conversation, to reply in the contact's thread",
			},
		],
	},
	{
		displayName: 'Mobile Number',
		name: 'toMobileNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +13471234567',
		description:
			'The mobile number to text, best in E.164 format (+, country code, number). A national number such as (347) 123-4567 is read using Mobile Country.',
		displayOptions: { show: { sendTo: ['mobileNumber'] } },
	},
	{
		displayName: 'Mobile Country',
		name: 'toMobileCountry',
		type: 'options',
		default: 'US',
		description: 'The country of the mobile number (ISO 3166 alpha-2 code). Type to search by name.',
		options: COUNTRIES,
		displayOptions: { show: { sendTo: ['mobileNumber'] } },
	},
	{
		...contactLocator(
			'toContactId',
			'The Sakari contact to text. Search by first name, "first last", email or mobile number, or enter its ID.',
		),
		displayOptions: { show: { sendTo: ['contact'] } },
	},
	{
		...conversationLocator(
			'toConversationId',
			"The conversation to reply in. Search by the contact's name or number, or enter its ID.",
		),
		displayOptions: { show: { sendTo: ['conversation'] } },
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Hi {{{firstName}}}, your order has shipped.',
		description:
			"The text to send. Sakari fills placeholders in triple braces from the recipient's contact, e.g. {{{firstName}}}, {{{lastName}}}, {{{email}}} or a custom attribute. Fixed text reaches Sakari as typed; inside an expression, write a placeholder as {{ '{{{' }}firstName}}}.",
		hint: 'Sakari fills <code>{{{firstName}}}</code>, <code>{{{lastName}}}</code> and custom attributes per recipient. See <a href="https://developer.sakari.io/api-reference/messages/send-messages" target="_blank">Send messages</a>.',
	},
];

const sendOnlyFields: INodeProperties[] = [
	{
		displayName: 'Attachments (Binary Properties)',
		name: 'attachments',
		type: 'string',
		default: '',
		placeholder: 'e.g. data, logo',
		description:
			"Binary properties of the input item to send as pictures or files, separated by commas (e.g. data from a Code or HTTP Request node). Each file is hosted with Sakari's share file, once per run however many recipients get it, and its link sent as media: the message goes out as MMS.",
		hint: 'Files are checked first: Additional Fields › Max File Size (MB) (default 5) and Allowed File Types',
	},
	{
		displayName: 'Additional Fields',
		name: 'messageOptions',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...fileLimitOptions(MMS_FILE_TYPES),
			{
				displayName: 'Media URLs',
				name: 'mediaUrls',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/receipt.png',
				description:
					'Public http(s) URLs of images or files to attach, one per line or separated by commas. Set Type to MMS to send them.',
				hint: 'A comma splits only where the next URL starts (http:// or https://), so a comma inside a URL, such as w_300,h_200 in an image link, stays part of it',
			},
			sendingGroupField,
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				default: 'SMS',
				description: 'SMS for text only, MMS for text with media',
				options: [
					{ name: 'SMS', value: 'SMS' },
					{ name: 'MMS', value: 'MMS' },
				],
			},
		],
	},
	{
		displayName: 'Send in Bulk',
		name: 'bulkSend',
		type: 'boolean',
		default: false,
		description:
			'Whether to send the rows of a run whose message is the same apart from the recipient (same text, type, media and sending group) in one request of up to 500 recipients. Each row still gets its own queued message or error.',
		hint: "Sakari's placeholders such as <code>{{{firstName}}}</code> still personalise each recipient's text",
	},
];

export const sendDescription: INodeProperties[] = [
	...updateDisplayOptions({ show: { resource: ['message'], operation: ['send', SEND_AND_WAIT_OPERATION] } }, recipientFields),
	...updateDisplayOptions({ show: { resource: ['message'], operation: ['send'] } }, sendOnlyFields),
];

const URL_LIMIT = 2048;

// Between two URLs: white space (a new line), or a comma where the next URL starts. A comma inside a URL (image
// services write `w_300,h_200`) is not followed by `http(s)://`, so it stays.
const BETWEEN_URLS = /\s*,\s*(?=https?:\/\/)|\s+/i;

/** Media URLs (one per line, separated by commas, or an array from an expression) as Sakari's `media: [{ url }]`. */
export function toMedia(value: unknown): IDataObject[] {
	const listed = Array.isArray(value)
		? value.map((url) => optionalText(url, 'Media URLs', 'each URL must be text') ?? '')
		: (optionalText(value, 'Media URLs', 'must be text or a list of URLs') ?? '').split(BETWEEN_URLS);
	// A comma left at the end of a URL separated it from a next one that was no URL: it belongs to neither.
	const urls = listed.map((url) => url.trim().replace(/,+$/, '')).filter((url) => url !== '');
	return urls.map((url) => {
		let parsed: URL | undefined;
		try {
			parsed = url.length <= URL_LIMIT ? new URL(url) : undefined;
		} catch {
			parsed = undefined;
		}
		if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || !parsed.hostname) {
			throw new FieldError('Media URLs', `${quote(url)} is not an http(s) URL`);
		}
		return { url };
	});
}

/** The message text, sent verbatim (Sakari fills its {{{placeholders}}}); a number from an expression is text too. */
export function toTemplate(value: unknown): string {
	const template = optionalText(value, 'Message');
	if (template === undefined) throw new FieldError('Message', 'is empty; enter the text to send, e.g. Hi {{{firstName}}}');
	return template;
}

/** The recipient part of the body: one contact (by number or ID) or one conversation. */
export function recipient(context: IExecuteSingleFunctions): IDataObject {
	const sendTo = context.getNodeParameter('sendTo', 'mobileNumber') as string;
	if (sendTo === 'contact') {
		return { contacts: [{ id: objectId(context, 'toContactId', 'Contact', 'pick a contact from the list or enter its ID') }] };
	}
	if (sendTo === 'conversation') {
		const hint = 'pick a conversation from the list or enter its ID';
		return { conversations: [objectId(context, 'toConversationId', 'Conversation', hint)] };
	}
	const mobile = toMobile(context.getNodeParameter('toMobileNumber', ''), context.getNodeParameter('toMobileCountry', ''));
	return { contacts: [{ mobile }] };
}

/** preSend of Message → Send: `POST /messages` to one recipient. */
export const sendMessageRequest = operationRequest(function (options) {
	const body: IDataObject = { ...recipient(this), template: toTemplate(this.getNodeParameter('message', '')) };
	const extra = this.getNodeParameter('messageOptions', {}) as IDataObject;
	if (extra.type !== undefined) {
		if (extra.type !== 'SMS' && extra.type !== 'MMS') throw new FieldError('Type', `${quote(text(extra.type))} is not SMS or MMS`);
		body.type = extra.type;
	}
	if (extra.mediaUrls !== undefined) {
		const media = toMedia(extra.mediaUrls);
		if (media.length) body.media = media;
	}
	const group = optionalText(extra.phoneNumberGroupId, 'Sending Number Group ID')?.trim();
	if (group) body.phoneNumberFilter = { group: { id: group } };
	options.body = body;
});

/** Sakari's words for why it refused a recipient (`invalid[]` entry), as the item's error. */
export function refusedRecipient(context: IExecuteSingleFunctions, refused: IDataObject | undefined): unknown {
	const problem = (refused?.error ?? {}) as IDataObject;
	const code = text(problem.code) || undefined;
	const message = text(problem.description) || text(problem.message) || 'Sakari queued no message for this recipient';
	return toSakariError(context.getNode(), { context: { sakari: { code, message } } }, { itemIndex: context.getItemIndex() });
}

/**
 * postReceive of Message → Send. Sakari answers 200 even when it queued nothing: recipients it refuses
 * (opted out, landline, unknown contact...) come back in `data.invalid[]`, each with its own error.
 * - Nothing queued: the item fails with the first recipient's code and description (an error item with
 *   continue-on-fail), because a send that texted nobody must not look like success.
 * - Something queued: one item per queued message. Any refused recipients are kept on each of those items
 *   as `invalidRecipients`: failing the item would hide texts already sent, and a retry would send them twice.
 */
export async function outputQueuedMessages(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const envelope = readEnvelope.call(this, response.body, response.statusCode);
	const data = (envelope.data ?? {}) as IDataObject;
	const messages = (Array.isArray(data.messages) ? data.messages : []) as IDataObject[];
	const invalid = (Array.isArray(data.invalid) ? data.invalid : []) as IDataObject[];
	if (messages.length === 0) throw refusedRecipient(this, invalid[0]);
	const extra = invalid.length > 0 ? { invalidRecipients: invalid } : {};
	return pairToInput.call(
		this,
		messages.map((message) => ({ ...message, ...extra })),
	);
}
