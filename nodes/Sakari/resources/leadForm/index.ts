import { deleteById, getById } from '../../shared/commonOperations';
import { resource } from '../../shared/resource';
import { create } from './create';
import { getAll } from './getAll';
import { getTemplates } from './getTemplates';
import { leadFormById, putPart } from './locator';
import { getAnalytics, getConversions } from './period';
import { update } from './update';

// Every path and shape: developer.sakari.io/api-reference/forms/* (summary: mindcloud-inc/universal-api-reference
// › apis/s/sakariSMS/native-api/).
export const leadForm = resource(
	{ name: 'Lead Form', value: 'leadForm', description: 'A sign-up form on the web that collects contacts' },
	[
		putPart('activate', {
			name: 'Activate',
			action: 'Activate a lead form by ID and return the live form',
			description: 'Put a lead form live, so it collects sign-ups; outputs the form with the time it went live (active)',
		}),
		create,
		putPart('deactivate', { name: 'Deactivate', action: 'Deactivate a lead form by ID and return the form', description: 'Take a lead form offline, so it stops collecting sign-ups' }),
		deleteById(leadFormById, { action: 'Delete a lead form by ID and report success', description: 'Delete a lead form by ID; outputs {"success": true}' }),
		getById(leadFormById, { action: 'Get a lead form by ID with its impressions and conversions', description: 'Get one lead form by ID: its name, whether it is live, impressions and conversions' }),
		getAnalytics,
		getConversions,
		getAll,
		getTemplates,
		update,
	],
	'create',
);
