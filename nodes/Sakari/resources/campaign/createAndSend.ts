import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { pairToInput } from '../../shared/envelope';
import { FieldError, objectId, operationRequest, quote, text } from '../../shared/fieldChecks';
import type { Operation } from '../../shared/resource';
import { sendOnce } from '../../shared/sendOnce';
import { toMedia } from '../message/fields';
import { campaignName } from './fields';

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
				description: 'Links to images or other files sent with the text (MMS), comma-separated',
			},
		],
	},
];

const SEND_AT = 'Send At';
// An ISO date and time without a zone offset, as n8n's date picker saves it: read in the workflow's time zone.
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** How far `timeZone` is ahead of UTC at the instant `utcMs`, in ms. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const part = (type: string) => Number(parts.find((each) => each.type === type)?.value);
	const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The instant a wall-clock time in `timeZone` names (the offset read twice, so a DST change in between counts). */
function fromLocalTime(match: RegExpExecArray, timeZone: string): number {
	const [year, month, day, hour, minute, second = '0', ms = '0'] = match.slice(1);
	const wall = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second, +ms.padEnd(3, '0'));
	const first = wall - zoneOffsetMs(wall, timeZone);
	return wall - zoneOffsetMs(first, timeZone);
}

/**
 * Send At as a UTC ISO string, or undefined when empty: a picked date (read in the workflow's time zone), an ISO
 * string with a zone, or a date from an expression (Luxon DateTime, Date, epoch milliseconds).
 */
export function sendAtOf(value: unknown, timeZone: string, now = Date.now()): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	let time = Number.NaN;
	if (value instanceof Date) time = value.getTime();
	else if (typeof value === 'number') time = value;
	else if (typeof (value as { toMillis?: unknown }).toMillis === 'function') time = (value as { toMillis: () => number }).toMillis();
	else if (typeof value === 'string') {
		const local = LOCAL_TIME.exec(value.trim());
		time = local ? fromLocalTime(local, timeZone) : Date.parse(value.trim());
	}
	if (!Number.isFinite(time)) {
		throw new FieldError(SEND_AT, `${quote(text(value))} is not a date and time, e.g. 2026-05-01T14:30:00 or 2026-05-01T14:30:00Z`);
	}
	const iso = new Date(time).toISOString();
	if (time <= now) throw new FieldError(SEND_AT, `${iso} is in the past; leave it empty to send at once`);
	return iso;
}

/** The body, every field checked before anything is sent. */
const createAndSendRequest = operationRequest(function (options) {
	const name = text(this.getNodeParameter('campaignName', ''));
	if (!name) throw new FieldError('Name', 'is empty; give the campaign a name, e.g. Spring sale');
	const hint = (what: string) => `enter the ID of the ${what} (from the Sakari app)`;
	const groupId = objectId(this, 'campaignGroupId', 'Sending Number Group ID', hint('phone number group to send from'));
	const listId = objectId(this, 'campaignListId', 'Contact List ID', hint('list to text'));
	const messageText = this.getNodeParameter('campaignMessage', '');
	const extra = this.getNodeParameter('campaignSendOptions', {}) as IDataObject;
	const media = extra.campaignMediaUrls === undefined ? [] : toMedia(extra.campaignMediaUrls);
	const message: IDataObject = {};
	if (text(messageText) !== '') message.message = String(messageText);
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
		action: 'Create and send a campaign',
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
