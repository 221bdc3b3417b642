import { outputData } from '../../shared/send';
import { operationRequest } from '../../shared/fieldChecks';
import type { Operation } from '../../shared/resource';
import { leadFormBody, nameField } from './fields';
import { leadFormById } from './locator';

/** Lead Form → Update: `PUT /forms/{id}` with `{name}` (the only field Sakari documents). */
export const update: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update the name of a lead form by ID and return the form',
		description: 'Rename a lead form found by ID',
		routing: {
			request: { method: 'PUT' },
			send: {
				preSend: [
					operationRequest(function (options) {
						options.url = leadFormById.path(this);
						options.body = leadFormBody(this);
					}),
				],
			},
			output: { postReceive: [outputData] },
		},
	},
	fields: [leadFormById.locator, nameField],
};
