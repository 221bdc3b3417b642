// Hosting a file of the input item with Sakari's share file, for File → Upload and Message → Send's attachments:
// the file read and checked (size, type) before anything is sent, uploaded once per run and content.
import { createHash, randomBytes } from 'node:crypto';
import type { IBinaryData, IDataObject, IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FieldError, quote, text } from './fieldChecks';
import type { RequestData } from './dispatch';
import { runKey } from './run';
import { sendBuilt } from './send';
import { CREDENTIAL_TYPE, sakariBaseUrl } from '../../../credentials/SakariOAuth2Api.credentials';

/** Sakari's file host: below the Base URL, not the account (`POST {base}/v1/tools/sharefile`). */
export const SHARE_FILE_PATH = '/v1/tools/sharefile';

// Sakari documents no size or type limit for share file; these defaults suit MMS, which carriers cap near 1-5 MB.
export const DEFAULT_MAX_FILE_SIZE_MB = 5;
const MAX_FILE_SIZE_LIMIT_MB = 100;
export const MMS_FILE_TYPES = 'image/*, video/*, audio/*, application/pdf, text/vcard, text/x-vcard';

/** The options that limit what is uploaded, shared by File → Upload and Message → Send (Additional Fields). */
export function fileLimitOptions(defaultTypes: string): INodeProperties[] {
	return [
		{
			displayName: 'Allowed File Types',
			name: 'allowedFileTypes',
			type: 'string',
			default: defaultTypes,
			placeholder: 'e.g. image/png, image/jpeg',
			description:
				'MIME types a file may have, separated by commas (image/* for any image, */* for anything). Sakari documents no type limit: this is a check made before uploading, so a file a phone cannot show is caught early.',
		},
		{
			displayName: 'Max File Size (MB)',
			name: 'maxFileSizeMb',
			type: 'number',
			typeOptions: { minValue: 0.01, maxValue: MAX_FILE_SIZE_LIMIT_MB, numberPrecision: 2 },
			default: DEFAULT_MAX_FILE_SIZE_MB,
			description:
				'Larger files are refused before uploading. Sakari documents no limit; carriers deliver MMS up to about 1-5 MB, so 5 MB is the default.',
		},
	];
}

/** A file of the input item, read through n8n's binary helpers (so filesystem and S3 binary modes both work). */
export interface WorkflowFile {
	property: string;
	fileName: string;
	mimeType: string;
	data: Buffer;
}

export interface FileLimits {
	maxBytes: number;
	types: string[];
}

/** Max File Size and Allowed File Types from an options collection, checked. */
export function fileLimits(options: IDataObject, defaultTypes: string): FileLimits {
	const size = options.maxFileSizeMb ?? DEFAULT_MAX_FILE_SIZE_MB;
	const megabytes = typeof size === 'string' && size.trim() !== '' ? Number(size) : size;
	if (typeof megabytes !== 'number' || !Number.isFinite(megabytes) || megabytes <= 0 || megabytes > MAX_FILE_SIZE_LIMIT_MB) {
		throw new FieldError('Max File Size (MB)', `must be a number above 0 and at most ${MAX_FILE_SIZE_LIMIT_MB}, got ${quote(text(size))}`);
	}
	const types = text(options.allowedFileTypes ?? defaultTypes)
		.split(/[\s,]+/)
		.filter((type) => type !== '')
		.map((type) => type.toLowerCase());
	const malformed = types.find((type) => !/^([\w.+-]+|\*)\/([\w.+-]+|\*)$/.test(type));
	if (malformed !== undefined) throw new FieldError('Allowed File Types', `${quote(malformed)} is not a MIME type such as image/png or image/*`);
	if (types.length === 0) throw new FieldError('Allowed File Types', 'is empty; enter */* to allow any file');
	return { maxBytes: Math.floor(megabytes * 1024 * 1024), types };
}

/** Binary property names from "data, image" (or an array from an expression), each once. */
export function binaryPropertyNames(value: unknown): string[] {
	const names = (Array.isArray(value) ? value.map(text) : text(value).split(',')).map((name) => name.trim()).filter((name) => name !== '');
	return [...new Set(names)];
}

function typeAllowed(mimeType: string, types: string[]): boolean {
	const [kind, subtype] = mimeType.toLowerCase().split(';')[0].trim().split('/');
	return types.some((allowed) => {
		const [allowedKind, allowedSubtype] = allowed.split('/');
		return (allowedKind === '*' || allowedKind === kind) && (allowedSubtype === '*' || allowedSubtype === subtype);
	});
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/**
 * One binary property of the current item, checked before anything is uploaded: it exists, is not empty, is
 * within Max File Size and of an allowed type. `field` names the parameter in the error.
 */
export async function readFile(context: IExecutePaginationFunctions, property: string, field: string, limits: FileLimits): Promise<WorkflowFile> {
	const item = context.getItemIndex();
	if (!property) throw new FieldError(field, 'is empty; enter the name of a binary property of the input item, e.g. data');
	let binary: IBinaryData | undefined;
	try {
		binary = context.helpers.assertBinaryData(property);
	} catch {
		binary = undefined;
	}
	if (!binary) {
		const present = Object.keys(context.getInputData()?.binary ?? {});
		const has = present.length ? `it has ${present.map(quote).join(', ')}` : 'it has no binary data at all';
		throw new FieldError(field, `input item ${item} has no binary property ${quote(property)} (${has})`);
	}
	const mimeType = text(binary.mimeType) || 'application/octet-stream';
	if (!typeAllowed(mimeType, limits.types)) {
		throw new FieldError(field, `the file in ${quote(property)} of input item ${item} is ${mimeType}, not one of Allowed File Types (${limits.types.join(', ')})`);
	}
	const data = await context.helpers.getBinaryDataBuffer(property);
	if (data.length === 0) throw new FieldError(field, `the file in ${quote(property)} of input item ${item} is empty (0 bytes)`);
	if (data.length > limits.maxBytes) {
		throw new FieldError(field, `the file in ${quote(property)} of input item ${item} is ${megabytes(data.length)}, above Max File Size (${megabytes(limits.maxBytes)})`);
	}
	const fileName = text(binary.fileName) || `${property}.${text(binary.fileExtension) || 'bin'}`;
	return { property, fileName, mimeType, data };
}

/** The file as `multipart/form-data` with one field, `media`: what Sakari's share file reads. */
export function multipartBody(file: WorkflowFile): { body: Buffer; contentType: string } {
	const boundary = `----n8nSakari${randomBytes(16).toString('hex')}`;
	// A quote or line break would end the header early; the name is only a label for the hosted file.
	const fileName = file.fileName.replace(/["\\\r\n]/g, '_');
	const [type] = file.mimeType.split(';');
	const mimeType = /^[\w.+-]+\/[\w.+-]+$/.test(type.trim()) ? type.trim() : 'application/octet-stream';
	const head = `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${fileName}"\r\nContent-Type: ${mimeType}\r\n\r\n`;
	const body = Buffer.concat([Buffer.from(head, 'utf8'), file.data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
	return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** What Sakari's share file answers: a link to the hosted file and when it expires. */
export interface SharedFile extends IDataObject {
	link: string;
}

interface RunUploads {
	touchedAt: number;
	byContent: Map<string, Promise<SharedFile>>;
}

// Links of the files uploaded in each run (by execution and node); a run idle this long is over.
const RUN_IDLE_MS = 10 * 60_000;
const runs = new Map<string, RunUploads>();

function uploadsOf(context: IExecutePaginationFunctions): RunUploads {
	const now = Date.now();
	for (const [key, run] of runs) if (now - run.touchedAt > RUN_IDLE_MS) runs.delete(key);
	const key = runKey(context);
	let run = runs.get(key);
	if (!run) {
		run = { touchedAt: now, byContent: new Map() };
		runs.set(key, run);
	}
	run.touchedAt = now;
	return run;
}

async function hostFile(context: IExecutePaginationFunctions, requestData: RequestData, file: WorkflowFile): Promise<SharedFile> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const { body, contentType } = multipartBody(file);
	const envelope = await sendBuilt(context, requestData, {
		method: 'POST',
		url: `${sakariBaseUrl(credentials)}${SHARE_FILE_PATH}`,
		qs: {},
		body,
		headers: { Accept: 'application/json', 'Content-Type': contentType },
		// An upload only hosts a file and makes a link: repeating it after a 5xx or a lost answer texts nobody.
		repeatable: true,
	});
	const data = (envelope.data ?? {}) as IDataObject;
	if (typeof data.link !== 'string' || !/^https?:\/\//i.test(data.link)) {
		throw new NodeOperationError(context.getNode(), 'Sakari hosted the file but answered no http(s) link for it', {
			itemIndex: context.getItemIndex(),
			description: `File ${quote(file.fileName)} from binary property ${quote(file.property)}.`,
		});
	}
	return data as SharedFile;
}

/**
 * Hosts a file with Sakari's share file and answers its link. Within one run of the node a file with the same
 * content, name and type is uploaded once (rows sending the same picture share its link); a failed upload is
 * not remembered, so a later row tries again.
 */
export async function shareFile(context: IExecutePaginationFunctions, requestData: RequestData, file: WorkflowFile): Promise<SharedFile> {
	const { byContent } = uploadsOf(context);
	const key = [createHash('sha256').update(file.data).digest('hex'), file.mimeType, file.fileName].join('\n');
	let shared = byContent.get(key);
	if (!shared) {
		shared = hostFile(context, requestData, file);
		byContent.set(key, shared);
		shared.catch(() => byContent.delete(key));
	}
	return await shared;
}
