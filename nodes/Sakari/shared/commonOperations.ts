// Operations several resources have in the same shape: Get and Delete of one object by its locator, Update from
// an Update Fields collection, Create from the resource's fields, a list with filters (Get Many by name).
import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { objectById } from './descriptions';
import { givenFilters } from './descriptions';
import { operationRequest, requireChanges, requireValues } from './fieldChecks';
import type { Operation } from './resource';
import { outputData, pairToInput, readEnvelope } from './send';

type ById = ReturnType<typeof objectById>;
/** What an operation's list entry says: the action and a description of what it does and outputs. */
type Texts = { action: string; description: string };
/** A request body from the fields given; `creating`: every field of a create, not only those added. */
type BodyOf = (fields: IDataObject, creating: boolean) => IDataObject;

/** Get: `GET /{collection}/{id}`, the object as one item. */
export const getById = (byId: ById, texts: Texts): Operation => ({
	option: {
		name: 'Get',
		value: 'get',
		...texts,
		routing: { request: { method: 'GET' }, send: { preSend: [byId.request] }, output: { postReceive: [outputData] } },
	},
	fields: [byId.locator],
});

/** postReceive for answers without data (delete): `{ success: true }`, paired to the input item. */
export async function outputSuccess(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	// A 204 has no body at all; anything else must be Sakari's envelope.
	if (response.statusCode !== 204) readEnvelope.call(this, response.body, response.statusCode);
	return pairToInput.call(this, [{ success: true }]);
}

/** Delete: `DELETE /{collection}/{id}`, outputs `{success: true}`. */
export const deleteById = (byId: ById, texts: Texts): Operation => ({
	option: {
		name: 'Delete',
		value: 'delete',
		...texts,
		routing: { request: { method: 'DELETE' }, send: { preSend: [byId.request] }, output: { postReceive: [outputSuccess] } },
	},
	fields: [byId.locator],
});

/** Update: `PUT /{collection}/{id}` with only the fields added under Update Fields (`parameter`), each checked. */
export function updateById(byId: ById, texts: Texts, parameter: string, fields: INodeProperties[], body: BodyOf): Operation {
	return {
		option: {
			name: 'Update',
			value: 'update',
			...texts,
			routing: {
				request: { method: 'PUT' },
				send: {
					preSend: [
						operationRequest(function (options) {
							options.url = byId.path(this);
							const values = this.getNodeParameter(parameter, {}) as IDataObject;
							requireChanges(values, 'Update Fields');
							options.body = body(values, false);
							requireValues(options.body, 'Update Fields');
						}),
					],
				},
				output: { postReceive: [outputData] },
			},
		},
		fields: [
			byId.locator,
			{
				displayName: 'Update Fields',
				name: parameter,
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				description: 'Only the fields added here are sent to Sakari',
				options: fields,
			},
		],
	};
}

/**
 * Create: `POST {url}` with the body of every field (each read once, `required` ones marked so). Not repeatable:
 * a repeated create would make a second object.
 */
export function createFrom(texts: Texts, url: string, fields: INodeProperties[], required: string[], body: BodyOf): Operation {
	return {
		option: {
			name: 'Create',
			value: 'create',
			...texts,
			routing: {
				request: { method: 'POST', url },
				send: {
					preSend: [
						operationRequest(function (options) {
							const values = Object.fromEntries(fields.map((field) => [field.name, this.getNodeParameter(field.name, field.default)]));
							options.body = body(values as IDataObject, true);
						}),
					],
				},
				output: { postReceive: [outputData] },
			},
		},
		fields: fields.map((field) => (required.includes(field.name) ? { ...field, required: true } : field)),
		repeatable: false,
	};
}

/**
 * A list: `GET {url}` page by page, with the filters added to the `filters` collection (and not blank) as the
 * query. `option` without routing: its request is this one.
 */
export function listFiltered(option: Omit<Operation['option'], 'routing'>, url: string, filters: INodeProperties): Operation {
	return {
		option: {
			...option,
			routing: {
				request: { method: 'GET', url },
				send: {
					preSend: [
						operationRequest(function (options) {
							options.qs = givenFilters(this.getNodeParameter(filters.name, {}) as IDataObject, filters);
						}),
					],
				},
			},
		},
		fields: [filters],
		paged: true,
	};
}

/** Get Many: `GET {url}` page by page, optionally only the objects whose name matches (Filters → Name). */
export function getManyByName(texts: Texts, url: string, parameter: string, filter: { all: string; placeholder: string; description: string }): Operation {
	return listFiltered({ name: 'Get Many', value: 'getAll', ...texts }, url, {
		displayName: 'Filters',
		name: parameter,
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: filter.all,
		options: [{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: filter.placeholder, description: filter.description }],
	});
}
