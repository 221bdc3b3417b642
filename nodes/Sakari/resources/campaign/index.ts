import type { INodeProperties } from 'n8n-workflow';

import { outputData, outputSuccess } from '../../shared/envelope';
import type { OperationHandlers } from '../../shared/dispatch';
import { sendPages } from '../../shared/send';
import { createCampaignRequest, createDescription } from './create';
import { createAndSendDescription, createAndSendRequest, sendQuickCampaign } from './createAndSend';
import { getAllDescription, listCampaignsRequest } from './getAll';
import { campaignById } from './locator';
import { updateCampaignRequest, updateDescription } from './update';

export const campaignDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a campaign',
				description: 'Create a campaign: a message text for the contacts its filters pick, started by hand, on a schedule, by a file upload or as V2',
				routing: {
					request: { method: 'POST', url: '/campaigns' },
					send: { preSend: [createCampaignRequest] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Create and Send',
				value: 'createAndSend',
				action: 'Create and send a campaign',
				description:
					'Create a campaign for one contact list and send it from one number group, now or at a set time (Sakari\'s quick campaign). Never repeated after a lost answer: it may have been sent.',
				routing: {
					request: { method: 'POST', url: '/quickcampaigns' },
					send: { preSend: [createAndSendRequest] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a campaign',
				description: 'Delete a campaign by ID; outputs {"success": true}',
				routing: {
					request: { method: 'DELETE' },
					send: { preSend: [campaignById.request] },
					output: { postReceive: [outputSuccess] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a campaign',
				description: 'Get one campaign by ID: its name, trigger, filters and text',
				routing: {
					request: { method: 'GET' },
					send: { preSend: [campaignById.request] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many campaigns',
				description: 'List campaigns, optionally only those whose name matches',
				routing: {
					request: { method: 'GET', url: '/campaigns' },
					send: { preSend: [listCampaignsRequest] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a campaign',
				description: 'Change the name, text, trigger, filters or reporting of a campaign found by ID: only the fields added are sent',
				routing: {
					request: { method: 'PUT' },
					send: { preSend: [updateCampaignRequest] },
					output: { postReceive: [outputData] },
				},
			},
		],
		default: 'create',
	},
	...createDescription,
	...createAndSendDescription,
	campaignById.field,
	...updateDescription,
	...getAllDescription,
];

/** How Campaign operations send, beyond one request per item, and whether a create may be repeated. */
export const campaignRequests: OperationHandlers = {
	// A repeated create would make a second campaign; a repeated quick campaign would text its list twice.
	create: { repeatable: false },
	createAndSend: { send: sendQuickCampaign, repeatable: false },
	getAll: { send: sendPages },
};
