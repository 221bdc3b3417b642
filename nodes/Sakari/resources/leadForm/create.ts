import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { RequestHandler } from '../../shared/dispatch';
import { pairToInput } from '../../shared/envelope';
import { mayHaveHappened } from '../../shared/errors';
import { objectId, operationRequest, text } from '../../shared/fieldChecks';
import { sendBuilt } from '../../shared/send';
import { leadFormBody } from './fields';
import { leadFormTemplate } from './locator';

export const createDescription = updateDisplayOptions({ show: { resource: ['leadForm'], operation: ['create'] } }, [leadFormTemplate]);

/** preSend of Lead Form → Create: `POST /forms[?template={id}]` with `{name}` (developer.sakari.io/api-reference/forms/create-lead-form). */
export const createLeadFormRequest = operationRequest(function (options) {
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
export const createLeadForm: RequestHandler = async (context, requestData) => {
	let data: IDataObject | IDataObject[] | undefined;
	try {
		({ data } = await sendBuilt(context, requestData, {}));
	} catch (error) {
		throw mayHaveHappened(
			context.getNode(),
			context.getItemIndex(),
			error,
			'The lead form got no usable answer: it may have been created',
			'Check Lead Form → Get Many (or the Sakari app) before creating it again.',
		);
	}
	// The reference answers one form; a list is read as well.
	return pairToInput.call(context, data === undefined ? [] : Array.isArray(data) ? data : [data]);
};
