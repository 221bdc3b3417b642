import type { INodeProperties } from 'n8n-workflow';

import { outputData } from '../../shared/envelope';
import type { OperationHandlers } from '../../shared/dispatch';
import { sendPages } from '../../shared/send';
import { getAllDescription, listLinksRequest } from './getAll';
import { getSourcesDescription, listLinkSourcesRequest } from './getSources';
import { linkById } from './locator';

// Sakari's API reads tracked links only (they are made in the Sakari app): developer.sakari.io/api-reference/links/*.
export const linkDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['link'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a link',
				description: 'Get one tracked link by ID: its short and destination URLs and click stats',
				routing: {
					request: { method: 'GET' },
					send: { preSend: [linkById.request] },
					output: { postReceive: [outputData] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many links',
				description: 'List tracked links, optionally only those matching a search term',
				routing: {
					request: { method: 'GET', url: '/links' },
					send: { preSend: [listLinksRequest] },
				},
			},
			{
				name: 'Get Sources',
				value: 'getSources',
				action: 'Get sources of a link',
				description: "A tracked link's sources (where its clicks came from), each with its click stats",
				routing: {
					request: { method: 'GET' },
					send: { preSend: [listLinkSourcesRequest] },
				},
			},
		],
		default: 'get',
	},
	linkById.field,
	...getAllDescription,
	...getSourcesDescription,
];

/** How Link operations send, where it is more than one request per item. */
export const linkRequests: OperationHandlers = { getAll: { send: sendPages }, getSources: { send: sendPages } };
