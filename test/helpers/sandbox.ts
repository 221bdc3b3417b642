/** Typed access to the local Sakari sandbox (sandbox/server.js, plain JS so it runs without a build). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require('../../sandbox/server') as { startSandbox: (options?: SandboxOptions) => Promise<Sandbox> };

export interface SandboxOptions {
	port?: number;
	accountId?: string;
	clientId?: string;
	clientSecret?: string;
	tokenTtlSeconds?: number;
	rateLimit?: { perSecond?: number; maxInFlight?: number } | null;
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
	close(): Promise<void>;
	reset(seed?: { seedContacts?: number }): void;
	configure(config: Record<string, unknown>): void;
	requests(): RecordedRequest[];
	clearRequests(): void;
	expireTokens(): void;
	injectFault(fault: Record<string, unknown>): void;
	state(): { contacts: Array<Record<string, unknown>>; [key: string]: unknown };
	stats(): { requests: number; tokenRequests: number; maxInFlight: number; rateLimited: number; byStatus: Record<string, number> };
}

export const SANDBOX_ACCOUNT = { accountId: 'acc_sandbox', clientId: 'sandbox-client', clientSecret: 'sandbox-secret' };

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return await server.startSandbox({ port: 0, ...SANDBOX_ACCOUNT, ...options });
}

/** The requests a test made to Sakari's API (not the token endpoint). */
export function apiRequests(sandbox: Sandbox): RecordedRequest[] {
	return sandbox.requests().filter((request) => request.path.startsWith('/v1/'));
}

export function tokenRequests(sandbox: Sandbox): RecordedRequest[] {
	return sandbox.requests().filter((request) => request.path === '/oauth2/token');
}
