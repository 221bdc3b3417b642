// @ts-check
'use strict';
// The scripted conversation: which turn a request is at, and what that turn answers. Stateless: the turn is read
// from the conversation the client sends back (how many tool-call rounds it already holds), so a retried request
// gets the same answer and several runs can talk to one fake at once.

/**
 * A turn of the script: call tools, or answer. `answer` may be a function of the conversation so far (e.g. to repeat
 * a tool's result in the final answer).
 * @typedef {{ tools: Array<{ name: string, arguments: object }> } | { answer: string | ((toolResults: string[]) => string) }} Turn
 */

/**
 * The turn for a conversation that already holds `rounds` tool-call rounds; past the script's end, the last turn.
 * @param {Turn[]} script
 * @param {number} rounds
 */
function turnAt(script, rounds) {
	if (script.length === 0) return { answer: 'The script is empty.' };
	return script[Math.min(rounds, script.length - 1)];
}

/** The final text of an answer turn. @param {Turn} turn @param {string[]} toolResults */
function answerText(turn, toolResults) {
	if (!('answer' in turn)) return '';
	return typeof turn.answer === 'function' ? turn.answer(toolResults) : turn.answer;
}

module.exports = { turnAt, answerText };
