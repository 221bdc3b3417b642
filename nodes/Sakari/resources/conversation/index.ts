import { resource } from '../../shared/resource';
import { close } from './close';
import { get } from './get';
import { getAll } from './getAll';

export const conversation = resource(
	{ name: 'Conversation', value: 'conversation', description: "A contact's message thread" },
	[close, get, getAll],
	'get',
);
