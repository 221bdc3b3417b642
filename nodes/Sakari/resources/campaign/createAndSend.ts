import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { pairToInput } from '../../shared/send';
import { FieldError, instant, objectId, operationRequest, optionalText } from '../../shared/fieldChecks';
import type { Operation } from '../../shared/resource';
import { sendOnce } from '../../shared/sendOnce';
import { MEDIA_URLS_HINT, toMedia } from '../message/fields';
import { campaignName, campaignNameOf } from './fields';

/**
 * Campaign → Create and Send: `POST …/quickcampaigns` {name, groupId, listId, message {message, media[]}, sendAt?}
 * (developer.sakari.io/api-reference/campaigns/create-and-execute-a-campaign), answered as `{campaign, job}`.
 * The campaign's Name is the Create field (one parameter for both).
 */
const properties: INodeProperties[] = [
	{
		displayName: 'Sending Number Group ID',
		name: 'campaignGroupId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d1',
		description: "The group of Sakari phone numbers the campaign sends from (Sakari's groupId). Sakari's API documents no way to list groups: copy the ID from the Sakari app.",
	},
	{
		displayName: 'Contact List ID',
		name: 'campaignListId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d2',
		description: "The Sakari list whose contacts the campaign texts (Sakari's listId), e.g. an ID from a contact's \"lists\"",
	},
	{
		displayName: 'Message',
		name: 'campaignMessage',
		type: 'string',
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Hi {{{firstName}}}, our spring sale starts today.',
		description:
			"The text the campaign sends; Sakari fills placeholders in triple braces from each contact, e.g. {{{firstName}}}. Inside an expression, write a placeholder as {{ '{{{' }}firstName}}}. May be empty when Media URLs are given.",
	},
	{
		displayName: 'Send At',
		name: 'campaignSendAt',
		type: 'dateTime',
		default: '',
		description:
			"When Sakari sends the campaign. Empty: at once. A time without a time zone is read in the workflow's time zone; a time in the past is refused before anything is sent.",
	},
	{
		displayName: 'Options',
		name: 'campaignSendOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Media URLs',
				name: 'campaignMediaUrls',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/spring-sale.png',
				description: 'Links to images or other files sent with the text (MMS), one per line or separated by commas',
				hint: MEDIA_URLS_HINT,
			},
		],
	},
];

const SEND_AT = 'Send At';
/**
 * Send At as a UTC ISO string, or undefined when empty: a picked date (read in the workflow's time zone), an ISO
 * string with a zone, or a date from an expression (Luxon DateTime, Date, epoch milliseconds).
 */
function sendAtOf(value: unknown, timeZone: string, now = Date.now()): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	const iso = typeof value === 'number' && Number.isFinite(value) ? new Date(value).toISOString() : instant(value, SEND_AT, timeZone);
	if (Date.parse(iso) <= now) throw new FieldError(SEND_AT, `${iso} is in the past; leave it empty to send at once`);
	return iso;
}

/** The body, every field checked before anything is sent. */
const createAndSendRequest = operationRequest(function (options) {
	const name = campaignNameOf(this.getNodeParameter('campaignName', ''), true);
	const hint = (what: string) => `enter the ID of the ${what} (from the Sakari app)`;
	const groupId = objectId(this, 'campaignGroupId', 'Sending Number Group ID', hint('phone number group to send from'));
	const listId = objectId(this, 'campaignListId', 'Contact List ID', hint('list to text'));
	const messageText = optionalText(this.getNodeParameter('campaignMessage', ''), 'Message');
	const extra = this.getNodeParameter('campaignSendOptions', {}) as IDataObject;
	const media = extra.campaignMediaUrls === undefined ? [] : toMedia(extra.campaignMediaUrls);
	const message: IDataObject = {};
	if (messageText !== undefined) message.message = messageText;
	if (media.length) message.media = media;
	if (!message.message && !media.length) throw new FieldError('Message', 'is empty; enter the text to send (or add Media URLs)');
	const body: IDataObject = { name, groupId, listId, message };
	const sendAt = sendAtOf(this.getNodeParameter('campaignSendAt', ''), this.getTimezone());
	if (sendAt) body.sendAt = sendAt;
	options.body = body;
});

/**
 * Sends the quick campaign once and outputs Sakari's `{campaign, job}` with `sendAt` (when Sakari sends: the time
 * asked for, or the time Sakari took it when it sends at once) and `scheduled`.
 */
export const createAndSend: Operation = {
	option: {
		name: 'Create and Send',
		value: 'createAndSend',
		action: 'Create and send a campaign to a contact list',
		description:
			"Create a campaign for one contact list and send it from one number group, now or at a set time (Sakari's quick campaign). Never repeated after a lost answer: it may have been sent.",
		routing: {
			request: { method: 'POST', url: '/quickcampaigns' },
			send: { preSend: [createAndSendRequest] },
		},
	},
	fields: [campaignName, ...properties],
	// A repeated quick campaign would text its list twice.
	repeatable: false,
	send: async (context, requestData) => {
		const envelope = await sendOnce(context, requestData, {}, {
			message: 'No usable answer from Sakari: the campaign may have been created and sent',
			check: 'Nobody is texted twice. Check Campaign → Get Many (or the Sakari app) before running this again.',
		});
		const data = (envelope.data && !Array.isArray(envelope.data) ? envelope.data : {}) as IDataObject;
		const asked = (requestData.options.body as IDataObject).sendAt;
		const sendAt = typeof asked === 'string' ? asked : new Date().toISOString();
		return pairToInput.call(context, [{ ...data, sendAt, scheduled: typeof asked === 'string' }]);
	},
};
