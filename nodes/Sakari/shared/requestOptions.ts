// The node's Request Options: n8n's own (Batching, Proxy, Timeout…) beside the node's pacing settings, with their
// defaults (a run reads them in run.ts).
import type { INodeProperties } from 'n8n-workflow';

export const DEFAULT_MAX_CONCURRENT_REQUESTS = 5;
export const DEFAULT_MAX_RETRIES = 5;
// Each attempt must be answered completely within this (or Request Options > Timeout): a server that trickles
// its answer byte by byte beats the HTTP library's timeout, which only bounds the gaps between bytes.
export const DEFAULT_DEADLINE_MS = 60_000;

/**
 * The node's "Request Options". n8n's loader adds Batching, Ignore SSL Issues, Proxy and Timeout to a declarative
 * node only when it has no `webhook` method (n8n-core `DirectoryLoader.applyDeclarativeNodeOptionParameters`);
 * Send and Wait gives the node one, so they are declared here as n8n declares them (same names, types and
 * defaults, so saved values keep working and n8n's RoutingNode applies them), beside the node's own pacing settings.
 */
export const requestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	isNodeSetting: true,
	placeholder: 'Add Option',
	default: {},
	// Send and Wait sends one message outside n8n's routing: none of these apply to it.
	displayOptions: { hide: { operation: ['sendAndWait'] } },
	options: [
		{
			displayName: 'Batching',
			name: 'batching',
			placeholder: 'Add Batching',
			type: 'fixedCollection',
			typeOptions: { multipleValues: false },
			default: { batch: {} },
			// Measured with `npm run bench` (docs/performance.md): 2,000 rows at 50 requests/s.
			description:
				"Many rows sent one by one: 1 item per batch, 1 ms interval is fastest when Sakari's rate limit sets the pace (requests leave while n8n prepares the next rows); without a limit its pauses cost time. Import in Bulk and Send in Bulk are faster still.",
			options: [
				{
					displayName: 'Batching',
					name: 'batch',
					values: [
						{
							displayName: 'Items per Batch',
							name: 'batchSize',
							type: 'number',
							typeOptions: { minValue: -1 },
							default: 50,
							description: 'Input will be split in batches to throttle requests. -1 for disabled. 0 will be treated as 1.',
						},
						{
							displayName: 'Batch Interval (Milliseconds)',
							name: 'batchInterval',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 1000,
							description: 'Time (in milliseconds) between each batch of requests. 0 for disabled.',
						},
					],
				},
			],
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			noDataExpression: true,
			default: false,
			description: 'Whether to connect even if SSL certificate validation is not possible',
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrentRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: DEFAULT_MAX_CONCURRENT_REQUESTS,
			description:
				"How many requests this node has in flight at once, whatever the number of input items. Sakari answers HTTP 429 beyond its (undocumented) rate limits; after a 429 the node also paces itself.",
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: DEFAULT_MAX_RETRIES,
			description:
				"How often a request is retried after a 429 (waiting for Sakari's Retry-After) or, when repeating it is harmless, after a server error or a lost connection",
		},
		{
			displayName: 'Proxy',
			name: 'proxy',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://myproxy:3128',
			description: 'HTTP proxy to use. If authentication is required it can be defined as follow: http://username:password@myproxy:3128.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10000,
			description: 'Time in ms to wait for the server to send response headers (and start the response body) before aborting the request',
		},
	],
};
