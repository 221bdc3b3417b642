import { openBatches } from '../../nodes/Sakari/shared/bulk';
import { activeLimiters } from '../../nodes/Sakari/shared/run';
import { backoff } from '../../nodes/Sakari/shared/retryPolicy';
import { clearTokenCache } from '../../nodes/Sakari/shared/token';
import { tokenTiming } from '../../nodes/Sakari/shared/tokenRequest';
import { CredentialStore } from './routing';
import { SANDBOX_ACCOUNT, contractViolations, startSandbox, type Sandbox, type SandboxOptions } from './sandbox';

/**
 * One sandbox for the test file: started before the first test, emptied before each (with a fresh credential
 * and no cached token, so no test sees another's contacts or token), closed after the last. A test whose
 * requests or answers break Sakari's documented contract (sandbox/contract) fails, listing each problem.
 */
export function useSandbox(
	onEachTest: (sandbox: Sandbox, credentials: CredentialStore) => void,
	options: SandboxOptions = {},
): void {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.reset();
		clearTokenCache();
		onEachTest(sandbox, new CredentialStore({ ...SANDBOX_ACCOUNT, baseUrl: sandbox.url }));
	});
	afterEach(async () => {
		const violations = await contractViolations();
		if (violations) throw new Error(violations);
	});
}

/**
 * Retries at a fiftieth of production's backoff for the test file (`maxMs` caps a wait), and after each test
 * a check that the run left nothing behind: no limiter, no batch still waiting for rows.
 */
export function useQuickRetries({ maxMs = 100 }: { maxMs?: number } = {}): void {
	beforeAll(() => Object.assign(backoff, { baseMs: 10, maxMs }));
	afterAll(restoreTiming);
	afterEach(() => {
		expect(activeLimiters()).toBe(0);
		expect(openBatches()).toBe(0);
	});
}

const production = { backoff: { ...backoff }, tokenTiming: { ...tokenTiming } };

/** Puts production's timing back (retry backoff, token request limits) after a test shortened it. */
export function restoreTiming(): void {
	Object.assign(backoff, production.backoff);
	Object.assign(tokenTiming, production.tokenTiming);
}
