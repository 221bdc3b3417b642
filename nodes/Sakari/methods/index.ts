export {
	searchCampaigns,
	searchContacts,
	searchConversations,
	searchLeadForms,
	searchLeadFormTemplates,
	searchLinks,
	searchTemplates,
} from './listSearch';
