/**
 * The operations whose answers differ between Sakari's current reference and OpenAPI 1.0.1, run through n8n's
 * RoutingNode against the sandbox in each shape (useSandbox holds every exchange against sandbox/contract).
 */
import { rejectionOf } from './helpers/leaks';
import { CredentialStore, byId, runSakari } from './helpers/routing';
import { type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

let sandbox: Sandbox;
let credentials: CredentialStore;

const OPTED_OUT = '+13475550199';
const send = (toMobileNumber: string) => ({ resource: 'message', operation: 'send', toMobileNumber, toMobileCountry: 'US', message: 'Hi', messageOptions: {} });

useSandbox((started, fresh) => {
	sandbox = started;
	credentials = fresh;
});

describe.each(['current', '1.0.1'] as const)('in the %s shapes', (shapes) => {
	beforeEach(() => {
		sandbox.reset({ seedContacts: 0, optedOutMobiles: [OPTED_OUT] } as { seedContacts: number });
		sandbox.configure({ shapes });
	});

	it('Message → Send outputs the queued message', async () => {
		const [item] = await runSakari({ parameters: send('+13475550101'), credentials });
		expect(item.json).toMatchObject({ message: 'Hi', status: 'Queued', contact: expect.objectContaining({ mobile: expect.objectContaining({ number: '+13475550101' }) }) });
	});

	it('Message → Send to a number Sakari refuses fails the item (with its code only where the answer names it)', async () => {
		const error = await rejectionOf(runSakari({ parameters: send(OPTED_OUT), credentials }));
		// Today's answer lists the refused recipient with its error; 1.0.1's answer has no such list.
		expect(error.message).toBe(shapes === 'current' ? 'Contact has requested no further communication (CONT-010)' : 'Sakari queued no message for this recipient');
	});

	it('Conversation → Get and Close read `closed` as Sakari answers it', async () => {
		const [sent] = await runSakari({ parameters: send('+13475550101'), credentials });
		const id = (sent.json.conversation as { id: string }).id;
		const [open] = await runSakari({ parameters: { resource: 'conversation', operation: 'get', conversationId: byId(id) }, credentials });
		const [closed] = await runSakari({ parameters: { resource: 'conversation', operation: 'close', conversationId: byId(id) }, credentials });
		expect(open.json.closed).toBe(shapes === 'current' ? null : false);
		expect(closed.json.closed).toEqual(shapes === 'current' ? expect.stringMatching(/^\d{4}-\d\d-\d\dT/) : true);
	});
});
