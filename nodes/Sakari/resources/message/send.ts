import type { IDataObject, IExecutePaginationFunctions, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { RequestData } from '../../shared/dispatch';
import { pairToInput, readEnvelope, sendOne } from '../../shared/send';
import { FieldError, operationRequest, optionalText, quote, text } from '../../shared/fieldChecks';
import type { Operation } from '../../shared/resource';
import { binaryPropertyNames, fileLimitOptions, fileLimits, MMS_FILE_TYPES, readFile, shareFile, type WorkflowFile } from '../../shared/shareFile';
import { sendInBulk } from './bulkMessages';
import { MEDIA_URLS_HINT, recipient, recipientFields, refusedRecipient, sendingGroupField, toMedia, toTemplate } from './fields';

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
				hint: MEDIA_URLS_HINT,
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

/** `POST /messages` to one recipient. */
const sendMessageRequest = operationRequest(function (options) {
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

/**
 * The item's Attachments, checked, hosted with share file (once per run and file) and added to the message
 * as media; the message becomes MMS. Without attachments the request is unchanged.
 */
async function withAttachments(context: IExecutePaginationFunctions, requestData: RequestData): Promise<RequestData> {
	const properties = binaryPropertyNames(context.getNodeParameter('attachments', ''));
	if (properties.length === 0) return requestData;
	const body = { ...(requestData.options.body as IDataObject) };
	if (body.type === 'SMS') throw new FieldError('Type', 'is SMS, but attachments are sent as MMS; choose MMS or leave Type unset');
	const limits = fileLimits(context.getNodeParameter('messageOptions', {}) as IDataObject, MMS_FILE_TYPES);
	// Every file is checked before the first is uploaded.
	const files: WorkflowFile[] = [];
	for (const property of properties) files.push(await readFile(context, property, 'Attachments (Binary Properties)', limits));
	const media = [...((body.media ?? []) as IDataObject[])];
	// One after the other, so the media keep the order of Attachments and no upload outlives a failed one.
	for (const file of files) media.push({ url: (await shareFile(context, requestData, file)).link });
	return { ...requestData, options: { ...requestData.options, body: { ...body, media, type: 'MMS' } } };
}

/**
 * Message → Send: `POST /messages` to one recipient. Attachments are uploaded first; with Send in Bulk the run's
 * rows go together (bulkMessages.ts). Never repeated: a second send would text someone twice, so it is retried only
 * when the request provably never left.
 */
export const send: Operation = {
	option: {
		name: 'Send',
		value: 'send',
		action: 'Send an SMS to a mobile number and return the queued message',
		description:
			'Text one recipient (a mobile number, a contact or a conversation) by SMS or MMS. Outputs the queued message; fails when Sakari refuses the recipient (e.g. opted out, landline).',
		routing: {
			request: { method: 'POST', url: '/messages' },
			send: { preSend: [sendMessageRequest] },
			output: { postReceive: [outputQueuedMessages] },
		},
	},
	fields: [...recipientFields, ...sendOnlyFields],
	send: async (context, requestData) => {
		const request = await withAttachments(context, requestData);
		return context.getNodeParameter('bulkSend', false) === true ? await sendInBulk(context, request) : await sendOne(context, request);
	},
	repeatable: false,
};
