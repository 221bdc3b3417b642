import type { INodeProperties } from 'n8n-workflow';

import type { OperationHandlers } from '../../shared/dispatch';
import { uploadDescription, uploadFile } from './upload';

export const fileDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a file',
				description:
					"Host a file of the input item with Sakari's share file and output its short link, e.g. to put the link in an SMS",
				routing: {
					// uploadFile builds the upload itself: share file lives below the Base URL, not the account.
					request: { method: 'POST' },
				},
			},
		],
		default: 'upload',
	},
	...uploadDescription,
];

/**
 * File → Upload reads binary data and sends it as multipart, which routing cannot express. Repeating it after a
 * 5xx or a lost answer only hosts the file again and makes another link: it texts nobody.
 */
export const fileRequests: OperationHandlers = { upload: { send: uploadFile, repeatable: true } };
