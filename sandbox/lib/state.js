// @ts-check
'use strict';
// All sandbox data, one store per resource sharing one id sequence; reset and snapshot.
const { Ids } = require('./ids');
const { ContactStore } = require('./contacts');
const { Conversations } = require('./conversations');
const { Messages } = require('./messages');
const { Templates } = require('./templates');
const { Subscriptions } = require('./subscriptions');
const { Seeder } = require('./seed');
const { Campaigns } = require('./campaigns');
const { Files } = require('./files');
const { Forms } = require('./forms');
const { Links } = require('./links');

/** A fresh State is the reset: every store empty, ids from 1 again. */
class State {
	constructor() {
		this.ids = new Ids();
		this.contacts = new ContactStore(this.ids);
		this.conversations = new Conversations(this.ids);
		this.messages = new Messages(this.ids, this.contacts, this.conversations);
		this.templates = new Templates(this.ids);
		this.webhooks = new Subscriptions(this.ids);
		this.campaigns = new Campaigns(this.ids);
		this.files = new Files();
		this.forms = new Forms(this.ids);
		this.links = new Links(this.ids);
		this.seeder = new Seeder(this.contacts);
	}

	/** Deep copy of everything, contacts as the API shows them. */
	snapshot() {
		return structuredClone({
			contacts: [...this.contacts.byId.values()].map((c) => this.contacts.view(c)),
			messages: [...this.messages.byId.values()],
			conversations: this.conversations.list(),
			templates: [...this.templates.byId.values()],
			webhooks: this.webhooks.list(),
			campaigns: this.campaigns.list({}),
			files: [...this.files.byId.values()].map(({ data, ...file }) => ({ ...file, size: data.length })),
			forms: [...this.forms.byId.values()],
			links: [...this.links.byId.values()],
		});
	}
}

module.exports = { State };
