// @ts-check
'use strict';
// POST /v1/responses (OpenAI Responses API, what n8n's OpenAI Chat Model uses by default from version 1.3): the
// conversation is `input`; a tool-call round is a run of `function_call` items, its results `function_call_output`.
const { answerText, turnAt } = require('./script');

/** @param {any} body */
function readConversation(body) {
	const input = Array.isArray(body?.input) ? body.input : [];
	let rounds = 0;
	input.forEach((item, index) => {
		if (item?.type === 'function_call' && input[index - 1]?.type !== 'function_call') rounds += 1;
	});
	const toolResults = input.filter((item) => item?.type === 'function_call_output').map((item) => String(item.output ?? ''));
	return { rounds, toolResults };
}

/**
 * The response for this request's turn.
 * @param {import('./script').Turn[]} script
 * @param {any} body
 * @param {number} seq a number unique to this answer (ids)
 */
function respond(script, body, seq) {
	const { rounds, toolResults } = readConversation(body);
	const turn = turnAt(script, rounds);
	const output =
		'tools' in turn
			? turn.tools.map((call, index) => ({
					type: 'function_call',
					id: `fc_${seq}_${index}`,
					call_id: `call_${seq}_${index}`,
					name: call.name,
					arguments: JSON.stringify(call.arguments),
					status: 'completed',
				}))
			: [
					{
						type: 'message',
						id: `msg_${seq}`,
						role: 'assistant',
						status: 'completed',
						content: [{ type: 'output_text', text: answerText(turn, toolResults), annotations: [] }],
					},
				];
	return {
		id: `resp_${seq}`,
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		status: 'completed',
		model: String(body?.model ?? 'gpt-4o-mini'),
		output,
		parallel_tool_calls: true,
		tool_choice: 'auto',
		tools: [],
		usage: { input_tokens: 10, output_tokens: 10, total_tokens: 20 },
	};
}

module.exports = { respond, readConversation };
