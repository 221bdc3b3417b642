import { resource } from '../../shared/resource';
import { get } from './get';
import { getAll } from './getAll';

export const account = resource(
	{ name: 'Account', value: 'account', description: 'The Sakari account and its balance' },
	[get, getAll],
	'get',
);
