import { pairToInput } from '../../shared/send';
import { objectId, operationRequest, text } from '../../shared/fieldChecks';
import type { Operation } from '../../shared/resource';
import { sendOnce } from '../../shared/sendOnce';
import { leadFormBody, nameField } from './fields';
import { leadFormTemplate } from './locator';

/** `POST /forms[?template={id}]` with `{name}` (developer.sakari.io/api-reference/forms/create-lead-form). */
const createLeadFormRequest = operationRequest(function (options) {
	options.body = leadFormBody(this);
	const template = this.getNodeParameter('leadFormTemplate', '', { extractValue: true });
	if (text(template) !== '') {
		options.qs = { template: objectId(this, 'leadFormTemplate', 'Copy Template', 'pick a template from the list, enter its ID or leave it empty') };
	}
});

/**
 * Lead Form → Create is sent once: after a lost answer, a 5xx or a cut-off body Sakari may have made the form,
 * and a second attempt would make another. The error then says so.
 */
export const create: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a lead form from a name or a form template',
		description: 'Create a lead form by name, blank or as a copy of a form template; sent once, never repeated',
		routing: {
			// The handler sends it and shapes the answer.
			request: { method: 'POST', url: '/forms' },
			send: { preSend: [createLeadFormRequest] },
		},
	},
	fields: [nameField, leadFormTemplate],
	repeatable: false,
	send: async (context, requestData) => {
		const { data } = await sendOnce(context, requestData, {}, {
			message: 'The lead form got no usable answer: it may have been created',
			check: 'Check Lead Form → Get Many (or the Sakari app) before creating it again.',
		});
		// The reference answers one form; a list is read as well.
		return pairToInput.call(context, data === undefined ? [] : Array.isArray(data) ? data : [data]);
	},
};
