// @ts-check
'use strict';
// sandbox/llm, the OpenAI-compatible fake the agent e2e test talks to: the scripted turn follows from the
// conversation the client sends back, for the Chat Completions and the Responses API.
const { startLlm } = require('../sandbox/llm/server');

const SCRIPT = [
	{ tools: [{ name: 'Text_customer', arguments: { phone: '+13475550123', text: 'Hi' } }] },
	{ answer: (results) => `Done: ${results.join(' | ')}` },
];

let llm;
beforeAll(async () => {
	llm = await startLlm({ script: SCRIPT });
});
afterAll(async () => await llm.close());

const post = async (path, body) =>
	await (await fetch(`${llm.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

test('lists models for the credential test', async () => {
	const models = await (await fetch(`${llm.url}/v1/models`)).json();
	expect(models.data.map((model) => model.id)).toContain('gpt-4o-mini');
});

test('Chat Completions: a tool call first, the answer once the conversation holds its result', async () => {
	const first = await post('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Text Ada' }] });
	const [call] = first.choices[0].message.tool_calls;
	expect(first.choices[0].finish_reason).toBe('tool_calls');
	expect({ name: call.function.name, arguments: JSON.parse(call.function.arguments) }).toEqual({ name: 'Text_customer', arguments: { phone: '+13475550123', text: 'Hi' } });
	const second = await post('/v1/chat/completions', {
		model: 'gpt-4o-mini',
		messages: [{ role: 'user', content: 'Text Ada' }, first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '{"status":"Queued"}' }],
	});
	expect(second.choices[0].message).toEqual({ role: 'assistant', content: 'Done: {"status":"Queued"}' });
});

test('Responses API: function_call items, then a message with the results', async () => {
	const first = await post('/v1/responses', { model: 'gpt-4o-mini', input: [{ role: 'user', content: 'Text Ada' }] });
	expect(first.output).toEqual([expect.objectContaining({ type: 'function_call', name: 'Text_customer', arguments: '{"phone":"+13475550123","text":"Hi"}' })]);
	const second = await post('/v1/responses', {
		model: 'gpt-4o-mini',
		input: [{ role: 'user', content: 'Text Ada' }, ...first.output, { type: 'function_call_output', call_id: first.output[0].call_id, output: 'CONT-001' }],
	});
	expect(second.output[0].content[0].text).toBe('Done: CONT-001');
	expect(llm.requests().map((request) => request.path)).toEqual(['/v1/models', '/v1/chat/completions', '/v1/chat/completions', '/v1/responses', '/v1/responses']);
});
