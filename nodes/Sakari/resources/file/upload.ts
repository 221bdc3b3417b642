import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { RequestHandler } from '../../shared/dispatch';
import { text } from '../../shared/fieldChecks';
import { fileLimitOptions, fileLimits, readFile, shareFile } from './share';

// Anything may be hosted for a link in a text; MMS attachments default to what phones show.
const ANY_FILE = '*/*';

const properties: INodeProperties[] = [
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
];

export const uploadDescription = updateDisplayOptions({ show: { resource: ['file'], operation: ['upload'] } }, properties);

/**
 * File → Upload: hosts one binary property of the item with Sakari's share file and outputs Sakari's
 * `{link, expires}`, paired to the item, whose binary data passes through. Checked before uploading: the
 * property exists, the file is not empty, within Max File Size and of an allowed type.
 */
export const uploadFile: RequestHandler = async (context, requestData) => {
	const property = text(context.getNodeParameter('binaryPropertyName', 'data'));
	const options = context.getNodeParameter('fileOptions', {}) as IDataObject;
	const file = await readFile(context, property, 'Input Binary Field', fileLimits(options, ANY_FILE));
	const shared = await shareFile(context, requestData, file);
	const { binary } = context.getInputData();
	return [{ json: shared, ...(binary ? { binary } : {}), pairedItem: { item: context.getItemIndex() } }];
};
