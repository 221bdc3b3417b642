/** Typed access to the local Sakari sandbox (sandbox/server.js, plain JS so it runs without a build). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require('../../sandbox/server') as { startSandbox: (options?: SandboxOptions) => Promise<Sandbox> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const contract = require('../../sandbox/contract') as { formatViolations: (violations: ContractViolation[]) => string };

/** What one exchange did against sandbox/contract (see sandbox/README.md › The contract). */
export interface ContractViolation {
	seq?: number;
	method?: string;
	path?: string;
	status?: number;
	where: 'request' | 'answer' | 'delivery';
	endpoint: string | null;
	source: string | null;
	problems: string[];
}

export interface SandboxOptions {
	port?: number;
	accountId?: string;
	clientId?: string;
	clientSecret?: string;
	tokenTtlSeconds?: number;
	rateLimit?: { perSecond?: number; maxInFlight?: number } | null;
	/** Every /v1 answer carries the client secret in several places (sandbox/lib/echo.js). */
	echoSecret?: boolean;
	/** How many accounts besides the credential's `GET /v1/accounts` lists. */
	otherAccounts?: number;
	/** Which documented answer shapes the sandbox speaks (default 'current'). */
	shapes?: 'current' | '1.0.1';
	/** Hold every exchange against sandbox/contract (on for every sandbox the tests start). */
	checkContract?: boolean;
}

export interface RecordedRequest {
	seq: number;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string>;
	body: unknown;
	rawBody: string;
	/** 0 when no answer was sent (e.g. an injected connection reset). */
	status: number;
	startedAt: number;
	durationMs: number;
	/** The fault the sandbox applied to this request, if any. */
	fault?: string;
}

export interface Sandbox {
	url: string;
	port: number;
	clientId: string;
	clientSecret: string;
	close(): Promise<void>;
	reset(seed?: { seedContacts?: number }): void;
	configure(config: Record<string, unknown>): void;
	requests(): RecordedRequest[];
	clearRequests(): void;
	expireTokens(): void;
	injectFault(fault: Record<string, unknown>): void;
	seed(contacts: number, optedOutMobiles?: string[]): Array<Record<string, unknown>>;
	state(): { contacts: Array<Record<string, unknown>>; [key: string]: unknown };
	/** The exchanges that did not match the documented contract, each naming its problems and page. */
	violations(): ContractViolation[];
	clearViolations(): void;
	/** Adds `n` tracked links (Sakari's API has no create for them); each has three sources unless `sourceCount` says. */
	seedLinks(n: number, sourceCount?: number): Array<{ id: string; name: string; [key: string]: unknown }>;
	/** Adds `n` lead form templates ("Template 4", …) to the three every account lists. */
	seedFormTemplates(n: number): Array<{ id: string; name: string; [key: string]: unknown }>;
	/** Impressions and submissions of a lead form, as if people saw and filled it in; `at` is a date. */
	visitForm(formId: string, visits: { impressions?: number; submissions?: Array<Record<string, unknown>>; at?: string }): Record<string, unknown>;
	stats(): { requests: number; tokenRequests: number; maxInFlight: number; rateLimited: number; byStatus: Record<string, number> };
}

export const SANDBOX_ACCOUNT = { accountId: 'acc_sandbox', clientId: 'sandbox-client', clientSecret: 'sandbox-secret' };

const started = new Set<Sandbox>();

/** A sandbox that holds every request and answer against the contract; `contractViolations()` reads them. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const sandbox = await server.startSandbox({ port: 0, ...SANDBOX_ACCOUNT, checkContract: true, ...options });
	started.add(sandbox);
	return sandbox;
}

/**
 * What broke the contract since the last call, in every sandbox this test file started, as one message (empty
 * when nothing did). Waits a moment first: an exchange is checked when its response closes.
 */
export async function contractViolations(): Promise<string> {
	// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test code: lets the sandbox finish checking
	await new Promise((resolve) => setImmediate(resolve));
	const violations: ContractViolation[] = [];
	for (const sandbox of started) {
		violations.push(...sandbox.violations());
		sandbox.clearViolations();
	}
	return violations.length ? contract.formatViolations(violations) : '';
}

/** The requests a test made to Sakari's API (not the token endpoint). */
export function apiRequests(sandbox: Sandbox): RecordedRequest[] {
	return sandbox.requests().filter((request) => request.path.startsWith('/v1/'));
}

export function tokenRequests(sandbox: Sandbox): RecordedRequest[] {
	return sandbox.requests().filter((request) => request.path === '/oauth2/token');
}

/** What the sandbox answers another Sakari client (with a token of its own; both requests are recorded): the `data`. */
export async function sakariAnswer(sandbox: Sandbox, method: string, path: string): Promise<unknown> {
	const token = await fetch(`${sandbox.url}/oauth2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret }),
	});
	const { access_token: accessToken } = (await token.json()) as { access_token: string };
	const answer = await fetch(`${sandbox.url}${path}`, { method, headers: { authorization: `Bearer ${accessToken}` } });
	return ((await answer.json()) as { data?: unknown }).data;
}
