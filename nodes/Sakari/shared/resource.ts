// A resource of the node put together from its operation files: its Operation parameter, each field shown for
// exactly the operations that list it (a locator too), and what each operation declares for the request path.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationHandlers, OperationSending } from './dispatch';
import { sendPages } from './pages';

/** One operation, as its own file defines it. */
export interface Operation extends OperationSending {
	/** Its entry in the Operation list: name, value, action, description and routing (request, preSend, postReceive). */
	option: INodePropertyOptions & { value: string };
	/**
	 * Its fields, in the order the editor shows them. A field object several operations list (e.g. the resource's
	 * locator) is defined once and shown for all of them.
	 */
	fields?: INodeProperties[];
	/**
	 * It lists pages of records (Get Many and the like): the node's Return All / Limit show for it, and `sendPages`
	 * sends it unless it has its own `send`.
	 */
	paged?: boolean;
}

export interface Resource {
	/** Its entry in the Resource list: name, value, description. */
	option: INodePropertyOptions & { value: string };
	/** The resource's Operation parameter and fields, for the node's properties. */
	description: INodeProperties[];
	/** What its operations declare for the request path (`sakariRequestPath`). */
	sending: OperationHandlers;
	/** The values of its paged operations (Return All / Limit show for them). */
	paged: string[];
}

/** A resource with these operations (listed in the editor's order); `defaultOperation` is preselected. */
export function resource(option: Resource['option'], operations: Operation[], defaultOperation: string): Resource {
	const name = option.value;
	const shownFor = new Map<INodeProperties, string[]>();
	for (const { option, fields = [] } of operations) {
		for (const field of fields) shownFor.set(field, [...(shownFor.get(field) ?? []), option.value]);
	}
	const fields = [...shownFor].map(([field, values]) => ({
		...field,
		displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, resource: [name], operation: values } },
	}));
	const sending: OperationHandlers = {};
	for (const { option, send, repeatable, paged } of operations) {
		const handler = send ?? (paged ? sendPages : undefined);
		if (handler || repeatable !== undefined) sending[option.value] = { send: handler, repeatable };
	}
	const operation: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [name] } },
		options: operations.map(({ option }) => option),
		default: defaultOperation,
	};
	const paged = operations.filter((each) => each.paged === true).map((each) => each.option.value);
	return { option, description: [operation, ...fields], sending, paged };
}
