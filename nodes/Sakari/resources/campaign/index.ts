import { createFrom, deleteById, getById, getManyByName, updateById } from '../../shared/commonOperations';
import { objectById } from '../../shared/descriptions';
import { resource } from '../../shared/resource';
import { createAndSend } from './createAndSend';
import { campaignBody, campaignFields, campaignName } from './fields';

const campaignById = objectById({
	name: 'campaignId',
	displayName: 'Campaign',
	searchListMethod: 'searchCampaigns',
	idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d5',
	description: 'The Sakari campaign. Search by name, or enter its ID.',
	collection: 'campaigns',
});

export const campaign = resource(
	{ name: 'Campaign', value: 'campaign', description: 'A message text sent to the contacts its filters pick' },
	[
		// The trigger defaults to manual, the filters to none.
		createFrom(
			{
				action: 'Create a campaign from a name and message text',
				description:
					'Create a campaign: a message text for the contacts its filters pick, started by hand, on a schedule, by a file upload or as V2',
			},
			'/campaigns',
			[campaignName, ...campaignFields.slice(1)],
			['campaignTemplate'],
			campaignBody,
		),
		createAndSend,
		deleteById(campaignById, { action: 'Delete a campaign by ID and report success', description: 'Delete a campaign by ID; outputs {"success": true}' }),
		getById(campaignById, { action: 'Get a campaign by ID with its message and filters', description: 'Get one campaign by ID: its name, trigger, filters and text' }),
		getManyByName(
			{ action: 'Get many campaigns filtered by name', description: 'List campaigns, optionally only those whose name matches' },
			'/campaigns',
			'campaignFilters',
			{ all: 'Without filters, every campaign of the account is listed', placeholder: 'e.g. sale', description: 'Only campaigns whose name matches this' },
		),
		updateById(
			campaignById,
			{
				action: 'Update a campaign by ID and return the updated campaign',
				description: 'Change the name, text, trigger, filters or reporting of a campaign found by ID: only the fields added are sent',
			},
			'campaignUpdateFields',
			campaignFields,
			campaignBody,
		),
	],
	'create',
);
