import { outputData } from '../../shared/send';
import type { Operation } from '../../shared/resource';
import { conversationById } from './locator';

/** Conversation → Get: `GET /conversations/{id}`. */
export const get: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a conversation by ID with its contact and last message',
		description: 'Get one conversation by ID: its contact, the sending number, its last message and whether it is closed',
		routing: {
			request: { method: 'GET' },
			send: { preSend: [conversationById.request] },
			output: { postReceive: [outputData] },
		},
	},
	fields: [conversationById.locator],
};
