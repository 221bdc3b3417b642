import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Sakari, resources } from '../nodes/Sakari/Sakari.node';
import { builtInPostReceive, escapes, undeclaredPosts } from './helpers/description';
import { CredentialStore, byId, loadedSakari, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

describe("every request goes through the node's request path", () => {
	it('no operation replaces the hook, and the Resource parameter turns it on for all of them', () => {
		expect(escapes(new Sakari().description)).toEqual([]);
		// As n8n loads it, with Request Options added.
		expect(escapes(loadedSakari().description)).toEqual([]);
	});

	it('catches an operation that copies n8n\'s usual offset pagination (which would skip throttling and retries)', () => {
		const { description } = new Sakari();
		const copied: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			default: 'getAll',
			options: [{ name: 'Get Many', value: 'getAll', routing: { operations: { pagination: { type: 'offset', properties: {} as never } } } }],
		};
		expect(escapes({ ...description, properties: [...description.properties, copied] })).toEqual(['operation > getAll: routing.operations']);
	});

	it('catches a field that turns the hook off', () => {
		const { description } = new Sakari();
		const field: INodeProperties = { displayName: 'X', name: 'x', type: 'string', default: '', routing: { send: { paginate: false } } };
		expect(escapes({ ...description, properties: [...description.properties, field] })).toEqual(['x: send.paginate']);
	});

	it('every top-level parameter name is defined once (apart from Operation), so n8n reads each value once per pass', () => {
		const names = loadedSakari()
			.description.properties.map((property) => property.name)
			.filter((name) => name !== 'operation');
		expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
	});

	it('no field carries its own routing: one preSend per operation builds the request', () => {
		const routed = loadedSakari()
			.description.properties.filter((property) => !['resource', 'operation'].includes(property.name))
			.filter((property) => JSON.stringify(property, (_key, value) => (typeof value === 'function' ? 'fn' : value)).includes('"routing"'))
			.map((property) => property.name);
		expect(routed).toEqual([]);
	});
});

/** A copy of the node whose Contact → Get also has n8n's built-in `set` action after its own postReceive. */
function withSetOnContactGet(): Sakari {
	const node = new Sakari();
	const operation = node.description.properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === 'contact')!;
	operation.options = (operation.options as INodePropertyOptions[]).map((option) => {
		if (option.value !== 'get') return option;
		const set = { type: 'set' as const, properties: { value: '={{ { "set": true } }}' } };
		return { ...option, routing: { ...option.routing, output: { postReceive: [...option.routing!.output!.postReceive!, set] } } };
	});
	return node;
}

describe('postReceive: functions only (n8n\'s built-in actions are refused, never silently skipped)', () => {
	it('no operation uses a built-in action, and the check catches one', () => {
		expect(builtInPostReceive(new Sakari().description)).toEqual([]);
		expect(builtInPostReceive(withSetOnContactGet().description)).toEqual(['contact > get: set']);
	});

	describe('at run time', () => {
		let sandbox: Sandbox;
		let credentials: CredentialStore;
		useSandbox((started, fresh) => {
			sandbox = started;
			credentials = fresh;
		});

		it('an operation with one fails its item with a clear error instead of ignoring it', async () => {
			const [created] = await runSakari({ parameters: { resource: 'contact', operation: 'create', mobileNumber: '+13475550111' }, credentials });
			const parameters = { resource: 'contact', operation: 'get', contactId: byId(String(created.json.id)) };
			const [item] = await runSakari({ parameters, credentials, nodeType: withSetOnContactGet(), continueOnFail: true });
			expect(item.json).toEqual({});
			expect(item.error?.message).toBe('postReceive "set" is not run by the Sakari request path: write it as a function');
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(apiRequests(sandbox).map((request) => request.method)).toEqual(['POST', 'GET']);
		});
	});
});

describe('whether a request may be repeated is declared by its operation', () => {
	it('every POST operation says whether repeating it is harmless', () => {
		expect(undeclaredPosts(resources)).toEqual([]);
		const [first, ...others] = resources;
		const careless = { ...first, sending: {} };
		expect(undeclaredPosts([careless, ...others])).toEqual(['message > send']);
	});
});

describe('Return All / Limit come from the operations that declare `paged`', () => {
	it('show for exactly the paged operations, and an operation value is paged in every resource that has it or in none', () => {
		const show = loadedSakari().description.properties.find((property) => property.name === 'returnAll')?.displayOptions?.show;
		expect(show).toEqual({ operation: ['getAll', 'getConversions', 'getSources', 'getTemplates'] });
		const values = (each: (typeof resources)[number]) =>
			((each.description.find((property) => property.name === 'operation')?.options ?? []) as INodePropertyOptions[]).map(({ value }) => String(value));
		const mixed = resources.flatMap((each) => values(each).filter((value) => show!.operation!.includes(value) !== each.paged.includes(value)).map((value) => `${each.option.value} > ${value}`));
		expect(mixed).toEqual([]);
	});
});

describe('pacing settings live in Request Options', () => {
	let sandbox: Sandbox;
	let credentials: CredentialStore;
	useSandbox((started, fresh) => {
		sandbox = started;
		credentials = fresh;
	});

	const rows = Array.from({ length: 12 }, (_, index) => ({ json: { phone: `+1347555${String(2000 + index)}` } }));
	const create = { resource: 'contact', operation: 'create', mobileNumber: '={{ $json.phone }}', mobileCountry: 'US' };

	it('Request Options > Max Concurrent Requests bounds the requests in flight', async () => {
		sandbox.configure({ latencyMs: 20 });
		const output = await runSakari({ parameters: { ...create, requestOptions: { maxConcurrentRequests: 2 } }, items: rows, credentials });
		expect(output).toHaveLength(12);
		expect(sandbox.stats().maxInFlight).toBe(2);
	});

	it('a value Request Options cannot take is an error naming it, before any request', async () => {
		const output = await runSakari({
			parameters: { ...create, requestOptions: { maxConcurrentRequests: 1e9 } },
			items: rows.slice(0, 1),
			credentials,
			continueOnFail: true,
		});
		expect(output[0].error?.message).toBe(
			'Request Options > Max Concurrent Requests: must be a whole number from 1 to 100, got 1000000000',
		);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});
