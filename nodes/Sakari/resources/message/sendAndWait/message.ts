// n8n's HITL tool brings its own Message, "…Input:\n{{ $tool.parameters }}" (n8n's tool-generation/hitl-tools.ts),
// and n8n writes an object inside text as "[object Object]": the approver would read that instead of the input.
const TOOL_PARAMETERS = /\{\{\s*\$tool\.parameters\s*\}\}/g;

/**
 * Message, resolved, with `{{ $tool.parameters }}` read as the tool's input in JSON. `raw`: the parameter as
 * written; `evaluate`: n8n's evaluateExpression; `resolved`: the parameter as n8n resolves it.
 */
export function resolveMessage(raw: unknown, evaluate: (expression: string) => unknown, resolved: () => unknown): unknown {
	if (typeof raw !== 'string' || !raw.startsWith('=') || raw.search(TOOL_PARAMETERS) === -1) return resolved();
	return evaluate(raw.slice(1).replace(TOOL_PARAMETERS, '{{ JSON.stringify($tool.parameters) }}'));
}
