import { objectById } from '../../shared/descriptions';

/** The campaign Get, Update and Delete work on: searchable by name, or given by ID. */
export const campaignById = objectById({
	name: 'campaignId',
	displayName: 'Campaign',
	searchListMethod: 'searchCampaigns',
	idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d5',
	description: 'The Sakari campaign. Search by name, or enter its ID.',
	resource: 'campaign',
	operations: ['get', 'update', 'delete'],
	collection: 'campaigns',
});
