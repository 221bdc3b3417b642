import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { Sakari, operationSending } from '../nodes/Sakari/Sakari.node';
import { CredentialStore, byId, loadedSakari, runSakari } from './helpers/routing';
import { apiRequests, type Sandbox } from './helpers/sandbox';
import { useSandbox } from './helpers/suite';

type Described = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/**
 * Every place in a description where RoutingNode would take a request function other than the node's own:
 * a `routing.operations` anywhere (RoutingNode merges it over the node's `requestOperations`), or a
 * `send.paginate` that is not `true` (without it RoutingNode sends the request itself).
 */
function escapes(description: INodeTypeDescription): string[] {
	const found: string[] = [];
	const visit = (entry: Described, path: string) => {
		const routing = (entry as INodeProperties).routing;
		if (routing?.operations) found.push(`${path}: routing.operations`);
		if (routing?.send?.paginate !== undefined && routing.send.paginate !== true) found.push(`${path}: send.paginate`);
		for (const child of ((entry as INodeProperties).options ?? []) as Described[]) {
			visit(child, `${path} > ${String((child as INodePropertyOptions).value ?? child.name)}`);
		}
		for (const value of (entry as INodePropertyCollection).values ?? []) visit(value, `${path} > ${value.name}`);
	};
	for (const property of description.properties) visit(property, property.name);
	const resource = description.properties.find((property) => property.name === 'resource');
	if (resource?.routing?.send?.paginate !== true || resource.displayOptions) {
		found.push('resource: must set send.paginate for every operation');
	}
	if (typeof description.requestOperations?.pagination !== 'function') found.push('requestOperations.pagination: not a function');
	return found;
}

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

/** Every operation option of the description with the resource it belongs to. */
function operationsOf(description: INodeTypeDescription): Array<{ resource: string; option: INodePropertyOptions }> {
	return description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map((option) => ({ resource: String(property.displayOptions?.show?.resource?.[0]), option })),
		);
}

/** postReceive entries that are not functions: n8n's built-in actions, which the request path does not run. */
function builtInPostReceive(description: INodeTypeDescription): string[] {
	return operationsOf(description).flatMap(({ resource, option }) =>
		(option.routing?.output?.postReceive ?? [])
			.filter((action) => typeof action !== 'function')
			.map((action) => `${resource} > ${option.value}: ${(action as { type: string }).type}`),
	);
}

/** A copy of the node whose Contact → Get also has n8n's built-in `set` action after its own postReceive. */
function withSetOnContactGet(): Sakari {
	const node = new Sakari();
	const get = operationsOf(node.description).find(({ resource, option }) => resource === 'contact' && option.value === 'get')!.option;
	get.routing = { ...get.routing, output: { postReceive: [...get.routing!.output!.postReceive!, { type: 'set', properties: { value: '={{ { "set": true } }}' } }] } };
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
		const undeclared = operationsOf(new Sakari().description)
			.filter(({ option }) => option.routing?.request?.method === 'POST')
			.filter(({ resource, option }) => typeof operationSending[resource as keyof typeof operationSending]?.[String(option.value)]?.repeatable !== 'boolean')
			.map(({ resource, option }) => `${resource} > ${option.value}`);
		expect(undeclared).toEqual([]);
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
