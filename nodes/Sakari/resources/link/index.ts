import { getById } from '../../shared/commonOperations';
import { resource } from '../../shared/resource';
import { getAll } from './getAll';
import { getSources } from './getSources';
import { linkById } from './locator';

// Sakari's API reads tracked links only (they are made in the Sakari app): developer.sakari.io/api-reference/links/*.
export const link = resource(
	{ name: 'Link', value: 'link', description: 'A tracked short link and where its clicks came from' },
	[
		getById(linkById, { action: 'Get a link by ID with its destination and click stats', description: 'Get one tracked link by ID: its short and destination URLs and click stats' }),
		getAll,
		getSources,
	],
	'get',
);
