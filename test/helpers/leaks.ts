/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: util.inspect shows an error as a log would */
import { inspect } from 'node:util';

/** Everything an error could show a user or a log: its message, description, context, cause chain, JSON form. */
export function everythingShownOf(error: unknown): string {
	const parts = [inspect(error, { depth: 12, showHidden: true })];
	try {
		parts.push(JSON.stringify(error, Object.getOwnPropertyNames(error ?? {})));
		parts.push(JSON.stringify((error as { toJSON?: () => unknown })?.toJSON?.() ?? null));
	} catch {
		parts.push('[not serialisable]');
	}
	return parts.join('\n');
}

/** Fails the test when any secret shows up in `text`. */
export function expectNoSecrets(text: string, secrets: string[]): void {
	for (const secret of secrets.filter((value) => value.length >= 6)) {
		expect(text.includes(secret) ? `leaked: ${secret.slice(0, 4)}…` : 'clean').toBe('clean');
	}
}

/** The promise's rejection, or a failure when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
	try {
		await promise;
	} catch (error) {
		return error as Error & Record<string, unknown>;
	}
	throw new Error('expected the run to fail, but it succeeded');
}
