/**
 * What an AI agent's model reads about each Sakari tool. With "Tool Description: Set Automatically" n8n sends the
 * model `${action} in ${defaults.name}` of the operation picked (n8n-workflow's getToolDescriptionForNode, run on the
 * node's own description at run time), so every operation's `action` must say what the tool needs and returns,
 * and stay short: n8n names a new node after its action and the tool after the node (OpenAI: 64 characters).
 */
import type { INode, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { getToolDescriptionForNode } from 'n8n-workflow';

import { Sakari } from '../nodes/Sakari/Sakari.node';
import { operationsOf } from './helpers/description';

const description: INodeTypeDescription = new Sakari().description;
const operations = operationsOf(description).map(({ resource, option }) => ({
	key: `${resource}.${String(option.value)}`,
	name: option.name,
	action: String(option.action),
}));

/**
 * Per operation, what its action must name: what the tool needs (`needs`, null when it needs nothing, e.g. the
 * credential's own account) and what it returns (`returns`). Matched case-insensitively in the action's text.
 */
const NAMES: Record<string, { needs: RegExp | null; returns: RegExp }> = {
	'message.get': { needs: /by ID/, returns: /delivery status/ },
	'message.getAll': { needs: /contact or conversation/, returns: /messages/ },
	'message.send': { needs: /mobile number/, returns: /queued message/ },
	'message.sendAndWait': { needs: /mobile number/, returns: /response/ },
	'account.get': { needs: null, returns: /credit balance/ },
	'account.getAll': { needs: null, returns: /accounts/ },
	'campaign.create': { needs: /name and message text/, returns: /campaign/ },
	'campaign.createAndSend': { needs: /contact list/, returns: /campaign/ },
	'campaign.delete': { needs: /by ID/, returns: /success/ },
	'campaign.get': { needs: /by ID/, returns: /message and filters/ },
	'campaign.getAll': { needs: /by name/, returns: /campaigns/ },
	'campaign.update': { needs: /by ID/, returns: /updated campaign/ },
	'contact.create': { needs: /mobile number/, returns: /contact/ },
	'contact.delete': { needs: /by ID/, returns: /success/ },
	'contact.get': { needs: /by ID/, returns: /number and attributes/ },
	'contact.getAll': { needs: /mobile number or name/, returns: /contacts/ },
	'contact.update': { needs: /by ID/, returns: /updated contact/ },
	'conversation.close': { needs: /by ID/, returns: /return the conversation/ },
	'conversation.get': { needs: /by ID/, returns: /contact and last message/ },
	'conversation.getAll': { needs: null, returns: /conversations with their contacts/ },
	'file.upload': { needs: /binary data/, returns: /short link/ },
	'leadForm.activate': { needs: /by ID/, returns: /live form/ },
	'leadForm.create': { needs: /name or a form template/, returns: /lead form/ },
	'leadForm.deactivate': { needs: /by ID/, returns: /return the form/ },
	'leadForm.delete': { needs: /by ID/, returns: /success/ },
	'leadForm.get': { needs: /by ID/, returns: /impressions and conversions/ },
	'leadForm.getAnalytics': { needs: /by ID for a period/, returns: /analytics/ },
	'leadForm.getConversions': { needs: /by ID for a period/, returns: /conversions/ },
	'leadForm.getAll': { needs: /search term/, returns: /lead forms/ },
	'leadForm.getTemplates': { needs: /search term/, returns: /lead form templates/ },
	'leadForm.update': { needs: /name .* by ID/, returns: /return the form/ },
	'link.get': { needs: /by ID/, returns: /destination and click stats/ },
	'link.getAll': { needs: /search term/, returns: /links/ },
	'link.getSources': { needs: /by ID/, returns: /sources .* click stats/ },
	'phoneNumber.getAvailable': { needs: /area code or type/, returns: /phone numbers .* prices/ },
	'template.create': { needs: /name and message text/, returns: /template/ },
	'template.delete': { needs: /by ID/, returns: /success/ },
	'template.get': { needs: /by ID/, returns: /name and text/ },
	'template.getAll': { needs: /by name/, returns: /templates/ },
	'template.update': { needs: /by ID/, returns: /updated template/ },
};

/** The description n8n gives the model for a tool node of this operation left on "Set Automatically". */
function toolDescription(resource: string, operation: string): string {
	const node = { name: 'Tool', type: 'n8n-nodes-sakari.sakariTool', typeVersion: 1, position: [0, 0], parameters: { descriptionType: 'auto', resource, operation } };
	return getToolDescriptionForNode(node as unknown as INode, { description } as INodeType);
}

/** Sentence case as n8n's lint rule reads it: words only, the first capitalised, the others lower case or acronyms. */
const sentenceCased = (text: string) =>
	/^[A-Za-z0-9 ]+$/.test(text) &&
	text.split(' ').every((word, index) => word === word.toUpperCase() || word === (index === 0 ? word[0].toUpperCase() + word.slice(1).toLowerCase() : word.toLowerCase()));

test('the table names every operation of the node, and nothing else', () => {
	expect(operations.map(({ key }) => key).sort()).toEqual(Object.keys(NAMES).sort());
});

describe.each(operations)('$key: "$action"', ({ key, name, action }) => {
	const [resource, operation] = key.split('.');

	it('is what the model reads with Set Automatically: "<action> in Sakari"', () => {
		expect(toolDescription(resource, operation)).toBe(`${action} in Sakari`);
	});

	it('fits the node creator and a tool name: at most 60 characters, sentence case, the verb of its operation', () => {
		expect(action.length).toBeLessThanOrEqual(60);
		expect({ action, sentenceCased: sentenceCased(action) }).toEqual({ action, sentenceCased: true });
		const verb = operation === 'getAll' ? 'Get many ' : `${name.split(' ')[0]} `;
		expect(action.startsWith(verb)).toBe(true);
	});

	it('names what the tool needs and what it returns', () => {
		const { needs, returns } = NAMES[key];
		if (needs) expect(action).toMatch(new RegExp(needs.source, 'i'));
		expect(action).toMatch(new RegExp(returns.source, 'i'));
	});
});

test('usableAsTool has no replacements: the editor and the run read the same operation texts', () => {
	// n8n applies usableAsTool.replacements only to the editor's node list, never when the tool runs.
	expect(description.usableAsTool).toBe(true);
});
