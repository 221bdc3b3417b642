// What Message → Send and Send and Wait for Response share: who receives the message and its text, each field's
// transform after it, and Sakari's words for a recipient it refused.
import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { toSakariError } from '../../shared/errors';
import { FieldError, objectId, optionalText, quote, text } from '../../shared/fieldChecks';
import { mobileCountryField, mobileNumberField, toMobile } from '../contact/fields';
import { contactLocator } from '../contact/locator';
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
export const recipientFields: INodeProperties[] = [
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
	mobileNumberField('toMobileNumber', {
		required: true,
		description:
			'The mobile number to text, best in E.164 format (+, country code, number). A national number such as (347) 123-4567 is read using Mobile Country.',
		displayOptions: { show: { sendTo: ['mobileNumber'] } },
	}),
	mobileCountryField('toMobileCountry', { displayOptions: { show: { sendTo: ['mobileNumber'] } } }),
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

const URL_LIMIT = 2048;

// Between two URLs: white space (a new line), or a comma where the next URL starts. A comma inside a URL (image
// services write `w_300,h_200`) is not followed by `http(s)://`, so it stays.
const BETWEEN_URLS = /\s*,\s*(?=https?:\/\/)|\s+/i;
/** What BETWEEN_URLS means for a user, as the hint of every Media URLs field. */
export const MEDIA_URLS_HINT =
	'A comma splits only where the next URL starts (http:// or https://), so a comma inside a URL, such as w_300,h_200 in an image link, stays part of it';

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

/** Sakari's words for why it refused a recipient (`invalid[]` entry), as the item's error. */
export function refusedRecipient(context: IExecuteSingleFunctions, refused: IDataObject | undefined): unknown {
	const problem = (refused?.error ?? {}) as IDataObject;
	const code = text(problem.code) || undefined;
	const message = text(problem.description) || text(problem.message) || 'Sakari queued no message for this recipient';
	return toSakariError(context.getNode(), { context: { sakari: { code, message } } }, { itemIndex: context.getItemIndex() });
}
