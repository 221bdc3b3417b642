// @ts-check
'use strict';
// POST /v1/chat/completions (OpenAI Chat Completions): the conversation is `messages`; a tool-call round is an
// assistant message with `tool_calls`, its results are `role: "tool"` messages.
const { answerText, turnAt } = require('./script');

/** @param {any} body */
function readConversation(body) {
	const messages = Array.isArray(body?.messages) ? body.messages : [];
	return {
		rounds: messages.filter((message) => message.role === 'assistant' && Array.isArray(message.tool_calls) && message.tool_calls.length > 0).length,
		toolResults: messages.filter((message) => message.role === 'tool').map((message) => contentText(message.content)),
	};
}

const contentText = (content) =>
	typeof content === 'string' ? content : Array.isArray(content) ? content.map((part) => part?.text ?? '').join('') : JSON.stringify(content ?? '');

/**
 * The completion for this request's turn.
 * @param {import('./script').Turn[]} script
 * @param {any} body
 * @param {number} seq a number unique to this answer (ids)
 */
function complete(script, body, seq) {
	const { rounds, toolResults } = readConversation(body);
	const turn = turnAt(script, rounds);
	const message =
		'tools' in turn
			? {
					role: 'assistant',
					content: null,
					tool_calls: turn.tools.map((call, index) => ({
						id: `call_${seq}_${index}`,
						type: 'function',
						function: { name: call.name, arguments: JSON.stringify(call.arguments) },
					})),
				}
			: { role: 'assistant', content: answerText(turn, toolResults) };
	return {
		id: `chatcmpl-${seq}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: String(body?.model ?? 'gpt-4o-mini'),
		choices: [{ index: 0, message, logprobs: null, finish_reason: 'tools' in turn ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same completion as server-sent events (`stream: true`): one chunk with the whole delta, then [DONE]. */
function streamed(completion) {
	const [choice] = completion.choices;
	const delta = { role: 'assistant', content: choice.message.content ?? '' };
	if (choice.message.tool_calls) {
		Object.assign(delta, { tool_calls: choice.message.tool_calls.map((call, index) => ({ index, ...call })) });
	}
	const chunk = (choices, usage) => ({ id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: completion.model, choices, ...(usage && { usage }) });
	return [
		chunk([{ index: 0, delta, finish_reason: null }]),
		chunk([{ index: 0, delta: {}, finish_reason: choice.finish_reason }]),
		chunk([], completion.usage),
	];
}

module.exports = { complete, streamed, readConversation };
