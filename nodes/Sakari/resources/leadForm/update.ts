import { operationRequest } from '../../shared/fieldChecks';
import { leadFormBody } from './fields';
import { leadFormById } from './locator';

/** preSend of Lead Form → Update: `PUT /forms/{id}` with `{name}` (the only field Sakari documents). */
export const updateLeadFormRequest = operationRequest(function (options) {
	options.url = leadFormById.path(this);
	options.body = leadFormBody(this);
});
