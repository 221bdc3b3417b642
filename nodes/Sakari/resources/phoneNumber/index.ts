import { resource } from '../../shared/resource';
import { getAvailable } from './getAvailable';

export const phoneNumber = resource(
	{ name: 'Phone Number', value: 'phoneNumber', description: 'Phone numbers the account could add' },
	[getAvailable],
	'getAvailable',
);
