import type { IExecuteFunctions } from 'n8n-workflow';

/** n8n 1.x names for signing links; n8n 2.x signs every send-and-wait link and dropped the flag. */
interface SigningContext {
	getSignedResumeUrl?: (parameters?: Record<string, string>) => string;
	setSignatureValidationRequired?: () => void;
}

/**
 * The URL that resumes this waiting execution at this node: `{webhook-waiting}/{execution}/{node id}`, signed
 * (`?signature=` and 64 hex characters) where n8n can sign it, so that n8n refuses a changed or guessed link.
 * `query` adds signed parameters (nothing in a link a person gets: it must stay short). n8n versions without
 * `getSignedResumeUrl` get the plain resume URL: the node's ID in it is the only secret then.
 */
export function resumeUrl(context: IExecuteFunctions, query: Record<string, string> = {}): string {
	const signing = context as IExecuteFunctions & SigningContext;
	if (typeof signing.getSignedResumeUrl === 'function') {
		// n8n 1.x checks the signature only for executions marked so; 2.x checks every send-and-wait node's.
		signing.setSignatureValidationRequired?.();
		return signing.getSignedResumeUrl(query);
	}
	const base = new URL(String(context.evaluateExpression('{{ $execution.resumeUrl }}', 0)));
	base.pathname = `${base.pathname.replace(/\/$/, '')}/${encodeURIComponent(context.getNode().id)}`;
	for (const [key, value] of Object.entries(query)) base.searchParams.set(key, value);
	return base.toString();
}
