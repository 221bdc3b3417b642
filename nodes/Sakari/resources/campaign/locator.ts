import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { objectLocator } from '../../shared/descriptions';
import { objectId } from '../../shared/fieldChecks';

/** The campaign Get, Update and Delete work on (one parameter for all three): searchable by name, or by ID. */
export const campaignIdField = {
	...objectLocator({
		name: 'campaignId',
		displayName: 'Campaign',
		searchListMethod: 'searchCampaigns',
		idPlaceholder: 'e.g. 6242a1b0c3d4e5f6a7b8c9d5',
		description: 'The Sakari campaign. Search by name, or enter its ID.',
	}),
	displayOptions: { show: { resource: ['campaign'], operation: ['get', 'update', 'delete'] } },
};

/** `/campaigns/{id}` of the campaign picked in Campaign. */
export function campaignPath(context: IExecuteSingleFunctions): string {
	return `/campaigns/${encodeURIComponent(objectId(context, 'campaignId', 'Campaign', 'pick a campaign from the list or enter its ID'))}`;
}
