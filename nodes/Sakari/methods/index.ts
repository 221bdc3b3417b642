export { searchContacts, searchConversations, searchTemplates } from './listSearch';
