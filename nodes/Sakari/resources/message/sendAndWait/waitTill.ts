import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { WAIT_INDEFINITELY } from 'n8n-workflow';

import { FieldError, instant, quote, text } from '../../../shared/fieldChecks';

/** "Limit Wait Time", as n8n's own send-and-wait nodes offer it (same field names). */
export const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 1, resumeUnit: 'hours' } },
	description:
		'Stop waiting after a while or at a time; the workflow then goes on with data.timedOut: true on the item. Without it the workflow waits until the person answers.',
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					options: [
						{ name: 'After Time Interval', value: 'afterTimeInterval', description: 'Waits for a certain amount of time' },
						{ name: 'At Specified Time', value: 'atSpecifiedTime', description: 'Waits until a date and time' },
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 1,
					description: 'How long to wait',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'hours',
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					description: 'Stop waiting at this date and time',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/**
 * When the execution stops waiting: the Limit Wait Time values (`sendAndWaitOptions.limitWaitTime.values`), or
 * n8n's "wait indefinitely" without them. Checked before anything is sent. A picked Max Date and Time (no zone) is
 * that wall time in the workflow's `timeZone`, as n8n's Wait node reads it (n8n's configureWaitTillDate reads it in
 * the server's zone).
 */
export function waitTill(limit: IDataObject | undefined, timeZone: string, now = Date.now()): Date {
	if (!limit || Object.keys(limit).length === 0) return WAIT_INDEFINITELY;
	if ((limit.limitType ?? 'afterTimeInterval') === 'afterTimeInterval') {
		const amount = Number(limit.resumeAmount ?? 1);
		const unitMs = UNIT_MS[text(limit.resumeUnit) || 'hours'];
		if (!Number.isFinite(amount) || amount <= 0) {
			throw new FieldError('Limit Wait Time > Amount', `must be a number above 0, got ${quote(text(limit.resumeAmount))}`);
		}
		if (!unitMs) throw new FieldError('Limit Wait Time > Unit', `${quote(text(limit.resumeUnit))} is not minutes, hours or days`);
		return new Date(now + amount * unitMs);
	}
	const at = new Date(instant(limit.maxDateAndTime, 'Limit Wait Time > Max Date and Time', timeZone));
	if (at.getTime() <= now) {
		throw new FieldError('Limit Wait Time > Max Date and Time', `${at.toISOString()} has passed; pick a time in the future`);
	}
	return at;
}
