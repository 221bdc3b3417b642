// Message → Send's Send in Bulk: the rows of a run gathered into sends of up to 500 recipients, each row answered
// with its own queued message or error, never resent.
import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import {
	answersByRow,
	describeEntries,
	gatherRow,
	intoBatches,
	mobileKeys,
	rowError,
	rowMobileKeys,
	verdictOf,
	type RowOutcome,
} from '../../shared/bulk';
import { e164Of } from '../../shared/countries';
import { mayHaveHappened } from '../../shared/sendOnce';
import { text } from '../../shared/fieldChecks';
import type { RequestData, RequestHandler } from '../../shared/dispatch';
import { runKey } from '../../shared/run';
import { sendBuilt, sendOne } from '../../shared/send';
import { refusedRecipient } from './fields';

// Sakari's send takes many recipients in one call; this many per request at most.
const RECIPIENTS_PER_SEND = 500;

interface SendRow {
	context: IExecutePaginationFunctions;
	requestData: RequestData;
	/** `contacts[0]` or `conversations[0]` of the row's own request. */
	to: IDataObject | string;
	/** A recipient by number: the number as typed, its country and its E.164 form (what Sakari answers with). */
	mobile?: { number: string; country: string; e164: string };
	/** Identifies the recipient within one request: a recipient appears at most once per request. */
	recipientKey: string;
}

/** The row's recipient; undefined for a number whose E.164 form only Sakari can tell (a US number without area code…). */
function recipientOf(body: IDataObject): Pick<SendRow, 'to' | 'mobile' | 'recipientKey'> | undefined {
	const [conversation] = (body.conversations ?? []) as string[];
	if (conversation !== undefined) return { to: conversation, recipientKey: `conversation:${conversation}` };
	const [contact] = (body.contacts ?? []) as IDataObject[];
	const typed = contact.mobile as { number: string; country: string } | undefined;
	if (!typed) return { to: contact, recipientKey: `contact:${text(contact.id)}` };
	const e164 = e164Of(typed.number, typed.country);
	return e164 === undefined ? undefined : { to: contact, mobile: { ...typed, e164 }, recipientKey: `mobile:${e164}` };
}

/** What a row's recipient is known by in Sakari's answer: its conversation, its number or its contact ID. */
function recipientKeys(row: SendRow): string[] {
	if (typeof row.to === 'string') return [`conversation:${row.to}`];
	return row.mobile ? rowMobileKeys(row.mobile) : [`contact:${text(row.to.id)}`];
}

/** What a queued message or a refused recipient Sakari lists names: its conversation, number and contact ID, exactly. */
function entryKeys(entry: IDataObject): string[] {
	const contact = (entry.contact ?? entry) as IDataObject;
	const conversation = (entry.conversation ?? {}) as IDataObject;
	const ids = [`conversation:${text(conversation.id)}`, `conversation:${text(entry.conversationId)}`, `contact:${text(contact.id)}`, `contact:${text(entry.contactId)}`];
	return [...mobileKeys(contact.mobile), ...ids.filter((key) => !key.endsWith(':'))];
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

const NOT_RESENT = 'Not resent, so nobody is texted twice. Check Message → Get Many before sending to this recipient again.';

async function sendToRecipients(rows: SendRow[], shared: IDataObject): Promise<Array<RowOutcome<IDataObject>>> {
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
	const { perRow, unclaimed } = answersByRow(rows, { accepted: messages, refused: invalid }, { row: recipientKeys, entry: entryKeys });
	return rows.map((row, index) => {
		const verdict = verdictOf(perRow[index], (message) => text(message.id));
		if ('accepted' in verdict) return { value: verdict.accepted };
		if ('refused' in verdict) return { error: refusedRecipient(row.context, verdict.refused) };
		if ('uncertain' in verdict) {
			const message = `Sakari's answer does not tell whether this recipient was texted: for it, it lists ${describeEntries(verdict.uncertain)}`;
			return { error: rowError(row.context, message, NOT_RESENT) };
		}
		const others = unclaimed.length > 0 ? ` It listed ${describeEntries(unclaimed)}, which is no row's recipient.` : '';
		const message = 'Sakari listed this recipient neither as queued nor as refused: the message may have been sent';
		return { error: rowError(row.context, message, `${NOT_RESENT}${others}`) };
	});
}

/**
 * One row of Message → Send with "Send in Bulk": rows whose request is the same apart from the recipient (attachment
 * links included) go to Sakari together (up to 500 recipients a request); each row gets the queued message or
 * refusal Sakari answered for its own recipient, or an error saying what the answer left unclear, paired to it.
 */
export const sendInBulk: RequestHandler = async (context, request) => {
	const shared = { ...(request.options.body as IDataObject) };
	delete shared.contacts;
	delete shared.conversations;
	const recipient = recipientOf(request.options.body as IDataObject);
	// Its answer could not be told apart from another row's in a shared request; alone, the answer is its own.
	if (!recipient) return await sendOne(context, request);
	const row: SendRow = { context, requestData: request, ...recipient };
	const kind = typeof row.to === 'string' ? 'conversations' : 'contacts';
	const key = [runKey(context), 'message-send', kind, JSON.stringify(shared)].join('\n');
	const outcome = await gatherRow<SendRow, IDataObject>(key, row, RECIPIENTS_PER_SEND * 4, async (rows) => {
		const outcomes = new Map<SendRow, RowOutcome<IDataObject>>();
		await Promise.all(
			intoBatches(rows, (member) => member.recipientKey, RECIPIENTS_PER_SEND).map(async (batch) => {
				const answers = await sendToRecipients(batch, shared);
				batch.forEach((member, index) => outcomes.set(member, answers[index]));
			}),
		);
		return rows.map((member) => outcomes.get(member) ?? { error: new Error('No answer for this row') });
	});
	if ('error' in outcome) throw outcome.error;
	return [{ json: outcome.value, pairedItem: { item: context.getItemIndex() } }];
};
