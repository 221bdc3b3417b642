export { searchCampaigns, searchContacts, searchConversations, searchTemplates } from './listSearch';
