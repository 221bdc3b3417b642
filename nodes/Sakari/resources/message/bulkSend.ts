import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { gatherRow, type RowOutcome } from '../../shared/bulk';
import { mayHaveHappened } from '../../shared/errors';
import { FieldError, text } from '../../shared/fieldChecks';
import type { RequestData, RequestHandler } from '../../shared/dispatch';
import { runKey } from '../../shared/runCredential';
import { sendBuilt, sendOne } from '../../shared/send';
import { sameMobile } from '../contact/import';
import { binaryPropertyNames, fileLimits, MMS_FILE_TYPES, readFile, shareFile, type WorkflowFile } from '../file/share';
import { refusedRecipient } from './send';

// Sakari's send takes many recipients in one call; this many per request at most.
const RECIPIENTS_PER_SEND = 500;

interface SendRow {
	context: IExecutePaginationFunctions;
	requestData: RequestData;
	/** `contacts[0]` or `conversations[0]` of the row's own request. */
	to: IDataObject | string;
	/** Identifies the recipient within one request: a recipient appears at most once per request. */
	recipientKey: string;
}

function recipientOf(body: IDataObject): Pick<SendRow, 'to' | 'recipientKey'> {
	const [conversation] = (body.conversations ?? []) as string[];
	if (conversation !== undefined) return { to: conversation, recipientKey: `conversation:${conversation}` };
	const [contact] = (body.contacts ?? []) as IDataObject[];
	const mobile = contact.mobile as { number: string; country: string } | undefined;
	const recipientKey = mobile ? `mobile:${mobile.country}:${mobile.number.replace(/\D/g, '')}` : `contact:${text(contact.id)}`;
	return { to: contact, recipientKey };
}

/** Whether a queued message or a refused recipient Sakari lists belongs to this row. */
function isFor(entry: IDataObject, row: SendRow): boolean {
	const contact = (entry.contact ?? entry) as IDataObject;
	const conversation = (entry.conversation ?? {}) as IDataObject;
	if (typeof row.to === 'string') return text(conversation.id) === row.to || text(entry.conversationId) === row.to;
	const mobile = row.to.mobile as { number: string; country: string } | undefined;
	if (mobile) return sameMobile(contact.mobile, mobile);
	return text(contact.id) === text(row.to.id) || text(entry.contactId) === text(row.to.id);
}

/** Rows into requests of at most RECIPIENTS_PER_SEND, none holding the same recipient twice. */
function intoRequests(rows: SendRow[]): SendRow[][] {
	const requests: Array<{ rows: SendRow[]; keys: Set<string> }> = [];
	for (const row of rows) {
		let request = requests.find((candidate) => candidate.rows.length < RECIPIENTS_PER_SEND && !candidate.keys.has(row.recipientKey));
		if (!request) {
			request = { rows: [], keys: new Set() };
			requests.push(request);
		}
		request.rows.push(row);
		request.keys.add(row.recipientKey);
	}
	return requests.map((request) => request.rows);
}

/**
 * A bulk send that failed without Sakari refusing it (a lost answer, a 5xx, a cut-off body): it was not
 * retried, and every row of it is told that its message may have been sent.
 */
function maybeSent(row: SendRow, error: unknown, recipients: number): unknown {
	return mayHaveHappened(
		row.context.getNode(),
		row.context.getItemIndex(),
		error,
		`The bulk send to ${recipients} recipient(s) got no usable answer: the message may have been sent`,
		'Nobody is texted twice. Check Message → Get Many (or the Sakari app) before sending to these recipients again.',
	);
}

async function sendRequest(rows: SendRow[], shared: IDataObject): Promise<Array<RowOutcome<IDataObject>>> {
	const [leader] = rows;
	const recipients = rows.map((row) => row.to);
	const body =
		typeof leader.to === 'string' ? { ...shared, conversations: recipients } : { ...shared, contacts: recipients };
	let data: IDataObject;
	try {
		data = ((await sendBuilt(leader.context, leader.requestData, { body })).data ?? {}) as IDataObject;
	} catch (error) {
		return rows.map((row) => ({ error: maybeSent(row, error, rows.length) }));
	}
	const messages = (Array.isArray(data.messages) ? data.messages : []) as IDataObject[];
	const invalid = (Array.isArray(data.invalid) ? data.invalid : []) as IDataObject[];
	return rows.map((row) => {
		const message = messages.find((candidate) => isFor(candidate, row));
		if (message) return { value: message };
		const refused = invalid.find((candidate) => isFor(candidate, row));
		if (refused) return { error: refusedRecipient(row.context, refused) };
		const unreported = new NodeApiError(
			row.context.getNode(),
			{ message: 'Sakari did not report this recipient' },
			{
				message: 'Sakari listed this recipient neither as queued nor as refused: the message may have been sent',
				description: 'Not resent, so nobody is texted twice. Check Message → Get Many before sending to this recipient again.',
				itemIndex: row.context.getItemIndex(),
			},
		);
		return { error: unreported };
	});
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
 * Message → Send. Attachments are uploaded first. With "Send in Bulk", rows whose request is the same apart
 * from the recipient (attachment links included) go to Sakari together (up to 500 recipients a request);
 * each row gets its own queued message or error, paired to it.
 */
export const sendMessage: RequestHandler = async (context, requestData) => {
	const request = await withAttachments(context, requestData);
	if (context.getNodeParameter('bulkSend', false) !== true) return await sendOne(context, request);
	const shared = { ...(request.options.body as IDataObject) };
	delete shared.contacts;
	delete shared.conversations;
	const row: SendRow = { context, requestData: request, ...recipientOf(request.options.body as IDataObject) };
	const kind = typeof row.to === 'string' ? 'conversations' : 'contacts';
	const key = [runKey(context), 'message-send', kind, JSON.stringify(shared)].join('\n');
	const outcome = await gatherRow<SendRow, IDataObject>(key, row, RECIPIENTS_PER_SEND * 4, async (rows) => {
		const outcomes = new Map<SendRow, RowOutcome<IDataObject>>();
		await Promise.all(
			intoRequests(rows).map(async (batch) => {
				const answers = await sendRequest(batch, shared);
				batch.forEach((member, index) => outcomes.set(member, answers[index]));
			}),
		);
		return rows.map((member) => outcomes.get(member) ?? { error: new Error('No answer for this row') });
	});
	if ('error' in outcome) throw outcome.error;
	return [{ json: outcome.value, pairedItem: { item: context.getItemIndex() } }];
};
