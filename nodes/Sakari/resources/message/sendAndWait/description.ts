import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import type { Operation } from '../../../shared/resource';
import { recipientFields, sendingGroupField } from '../fields';
import { smsReplyOptions } from './reply';
import { limitWaitTimeOption } from './waitTill';

// The recipient and Message fields are Send's too (message/fields.ts), listed by both operations.
const properties: INodeProperties[] = [
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description: 'The text ends with a link to a page with Approve (and Decline) buttons. Outputs data.approved.',
			},
			{
				name: 'Free Text',
				value: 'freeText',
				description: 'The text ends with a link to a page with one answer field. Outputs data.text.',
			},
			{
				name: 'SMS Reply',
				value: 'smsReply',
				description:
					"No link: the workflow goes on when the recipient texts back. Outputs data.reply. Sakari must be able to reach n8n's webhook URL.",
			},
		],
	},
	smsReplyOptions,
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { responseType: ['approval'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'double',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Decline', value: 'double' },
						],
					},
					{
						displayName: 'Approve Button Label',
						name: 'approveLabel',
						type: 'string',
						default: 'Approve',
					},
					{
						displayName: 'Decline Button Label',
						name: 'disapproveLabel',
						type: 'string',
						default: 'Decline',
						displayOptions: { show: { approvalType: ['double'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'sendAndWaitOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			limitWaitTimeOption,
			{
				displayName: 'Link Label',
				name: 'linkLabel',
				type: 'string',
				default: '',
				placeholder: 'e.g. Tap to answer:',
				displayOptions: { hide: { '/responseType': ['smsReply'] } },
				description:
					'The words before the link at the end of the text. Empty: "Approve or decline:", "Approve:" or "Answer here:", by response type.',
			},
			{
				displayName: 'Page Button Label',
				name: 'responseFormButtonLabel',
				type: 'string',
				default: 'Send',
				description: "The button under the answer field on the Free Text page",
				displayOptions: { show: { '/responseType': ['freeText'] } },
			},
			sendingGroupField,
		],
	},
];

/**
 * Message → Send and Wait for Response: n8n runs it as a custom operation (start.ts) instead of the routing, and
 * resumes the execution through the node's waiting webhooks. Who receives it and its text are Send's fields.
 */
export const sendAndWaitOperation: Operation = {
	option: {
		name: 'Send and Wait for Response',
		value: SEND_AND_WAIT_OPERATION,
		action: 'Send an SMS to a mobile number and wait for the response',
		description:
			'Text one recipient and pause the workflow until they answer: approve or decline through a link, type an answer on a page, or text back. Outputs the answer as data.',
	},
	fields: [...recipientFields, ...properties],
};
