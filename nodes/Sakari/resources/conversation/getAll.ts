import type { Operation } from '../../shared/resource';

/** Conversation → Get Many: `GET /conversations`, page by page. */
export const getAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many conversations with their contacts',
		description: 'List the conversations (message threads with contacts) of the Sakari account',
		routing: { request: { method: 'GET', url: '/conversations' } },
	},
	paged: true,
};
