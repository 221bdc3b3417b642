import type { IDataObject } from 'n8n-workflow';

import { text } from '../../shared/fieldChecks';
import type { Operation } from '../../shared/resource';
import { fileLimitOptions, fileLimits, readFile, shareFile } from '../../shared/shareFile';

// Anything may be hosted for a link in a text; MMS attachments default to what phones show.
const ANY_FILE = '*/*';

/**
 * File → Upload: hosts one binary property of the item with Sakari's share file and outputs Sakari's
 * `{link, expires}`, paired to the item, whose binary data passes through. Checked before uploading: the
 * property exists, the file is not empty, within Max File Size and of an allowed type.
 */
export const upload: Operation = {
	option: {
		name: 'Upload',
		value: 'upload',
		action: 'Upload a file from binary data and return its short link',
		description: "Host a file of the input item with Sakari's share file and output its short link, e.g. to put the link in an SMS",
		// The handler builds the upload itself: share file lives below the Base URL, not the account.
		routing: { request: { method: 'POST' } },
	},
	fields: [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			placeholder: 'e.g. data',
			description: 'The name of the binary property of the input item that holds the file, e.g. data',
			hint: 'The file is hosted by Sakari (share file); the output has its <code>link</code> and <code>expires</code>',
		},
		{
			displayName: 'Options',
			name: 'fileOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: fileLimitOptions(ANY_FILE),
		},
	],
	// Binary data sent as multipart, which routing cannot express.
	send: async (context, requestData) => {
		const property = text(context.getNodeParameter('binaryPropertyName', 'data'));
		const options = context.getNodeParameter('fileOptions', {}) as IDataObject;
		const file = await readFile(context, property, 'Input Binary Field', fileLimits(options, ANY_FILE));
		const shared = await shareFile(context, requestData, file);
		const { binary } = context.getInputData();
		return [{ json: shared, ...(binary ? { binary } : {}), pairedItem: { item: context.getItemIndex() } }];
	},
	// Repeating it after a 5xx or a lost answer only hosts the file again and makes another link: it texts nobody.
	repeatable: true,
};
