/** Checks of the Sakari node's description that the request path relies on (request-path and new-operation tests). */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { sakariProperties } from '../../nodes/Sakari/Sakari.node';
import type { Resource } from '../../nodes/Sakari/shared/resource';

type Described = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/**
 * Every place in a description where RoutingNode would take a request function other than the node's own:
 * a `routing.operations` anywhere (RoutingNode merges it over the node's `requestOperations`), or a
 * `send.paginate` that is not `true` (without it RoutingNode sends the request itself).
 */
export function escapes(description: INodeTypeDescription): string[] {
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

/** Every operation option of the description with the resource it belongs to. */
export function operationsOf(description: INodeTypeDescription): Array<{ resource: string; option: INodePropertyOptions }> {
	return description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map((option) => ({ resource: String(property.displayOptions?.show?.resource?.[0]), option })),
		);
}

/** postReceive entries that are not functions: n8n's built-in actions, which the request path does not run. */
export function builtInPostReceive(description: INodeTypeDescription): string[] {
	return operationsOf(description).flatMap(({ resource, option }) =>
		(option.routing?.output?.postReceive ?? [])
			.filter((action) => typeof action !== 'function')
			.map((action) => `${resource} > ${option.value}: ${(action as { type: string }).type}`),
	);
}

/** The POST operations of these resources that do not say whether repeating them is harmless. */
export function undeclaredPosts(resources: Resource[]): string[] {
	const { properties } = sakariProperties(resources);
	const declared = (resource: string, operation: string) => resources.find(({ option }) => option.value === resource)?.sending[operation];
	return operationsOf({ properties } as INodeTypeDescription)
		.filter(({ option }) => option.routing?.request?.method === 'POST')
		.filter(({ resource, option }) => typeof declared(resource, String(option.value))?.repeatable !== 'boolean')
		.map(({ resource, option }) => `${resource} > ${option.value}`);
}
