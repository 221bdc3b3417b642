import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { FieldError, instant, operationRequest, text } from '../../shared/fieldChecks';
import type { Operation } from '../../shared/resource';
import { outputData } from '../../shared/send';
import { leadFormById } from './locator';

/** The Period of Get Analytics and Get Conversions. */
const periodField: INodeProperties = {
	displayName: 'Period',
	name: 'leadFormPeriod',
	type: 'collection',
	placeholder: 'Add Date',
	default: {},
	description: "Without dates, Sakari decides the period (its reference does not say which). Dates without a time zone are in the workflow's.",
	options: [
		{
			displayName: 'Start',
			name: 'start',
			type: 'dateTime',
			default: '',
			description: 'From this date and time',
		},
		{
			displayName: 'End',
			name: 'end',
			type: 'dateTime',
			default: '',
			description: 'Up to this date and time',
		},
	],
};

/**
 * A lead form's analytics or conversions: `GET /forms/{id}/{part}` with `start` and `end` as ISO
 * 8601 instants in UTC (Sakari documents neither their format nor their zone; its own date-times are ISO 8601).
 */
const periodRequest = (part: 'analytics' | 'conversions') =>
	operationRequest(function (options) {
		options.url = `${leadFormById.path(this)}/${part}`;
		const period = this.getNodeParameter('leadFormPeriod', {}) as IDataObject;
		const timeZone = this.getTimezone();
		const qs: IDataObject = {};
		for (const [name, field] of [['start', 'Period > Start'], ['end', 'Period > End']] as const) {
			if (period[name] !== undefined && text(period[name]) !== '') qs[name] = instant(period[name], field, timeZone);
		}
		if (qs.start !== undefined && qs.end !== undefined && String(qs.start) > String(qs.end)) {
			throw new FieldError('Period', `Start (${String(qs.start)}) is after End (${String(qs.end)})`);
		}
		options.qs = qs;
	});

/** Lead Form → Get Analytics: impressions and conversions over the period, as one item. */
export const getAnalytics: Operation = {
	option: {
		name: 'Get Analytics',
		value: 'getAnalytics',
		action: 'Get analytics of a lead form by ID for a period',
		description: "A lead form's impressions and conversions over a period, with Sakari's breakdown by date",
		routing: { request: { method: 'GET' }, send: { preSend: [periodRequest('analytics')] }, output: { postReceive: [outputData] } },
	},
	fields: [leadFormById.locator, periodField],
};

/** Lead Form → Get Conversions: the sign-ups over the period, page by page, one item each. */
export const getConversions: Operation = {
	option: {
		name: 'Get Conversions',
		value: 'getConversions',
		action: 'Get conversions of a lead form by ID for a period',
		description: 'The sign-ups a lead form collected over a period: one item each, with the contact and the fields submitted',
		routing: { request: { method: 'GET' }, send: { preSend: [periodRequest('conversions')] } },
	},
	fields: [leadFormById.locator, periodField],
	paged: true,
};
