import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { FieldError, instant, operationRequest, text } from '../../shared/fieldChecks';
import { leadFormById } from './locator';

const properties: INodeProperties[] = [
	{
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
	},
];

/** The Period of Get Analytics and Get Conversions. */
export const periodDescription = updateDisplayOptions(
	{ show: { resource: ['leadForm'], operation: ['getAnalytics', 'getConversions'] } },
	properties,
);

/**
 * preSend of a lead form's analytics or conversions: `GET /forms/{id}/{part}` with `start` and `end` as ISO
 * 8601 instants in UTC (Sakari documents neither their format nor their zone; its own date-times are ISO 8601).
 */
export const periodRequest = (part: 'analytics' | 'conversions') =>
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
