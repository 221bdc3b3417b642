import { outputData } from '../../shared/send';
import { operationRequest } from '../../shared/fieldChecks';
import type { Operation } from '../../shared/resource';
import { conversationById } from './locator';

/** Conversation → Close: `PUT /conversations/{id}/close`. */
export const close: Operation = {
	option: {
		name: 'Close',
		value: 'close',
		action: 'Close a conversation by ID and return the conversation',
		description: "Close a contact's open conversation; the next message to or from them starts a new one",
		routing: {
			request: { method: 'PUT' },
			send: {
				preSend: [
					operationRequest(function (options) {
						options.url = `${conversationById.path(this)}/close`;
					}),
				],
			},
			output: { postReceive: [outputData] },
		},
	},
	fields: [conversationById.locator],
};
