/**
 * Message → Send and Wait for Response, the parts that run without n8n around them: the wait limit, the link
 * on n8n versions that cannot sign it, the pages, and where the operation sits in the node's description (n8n
 * generates its human-in-the-loop tool from it). The whole operation runs in real n8n: test/e2e/send-and-wait.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION, WAIT_INDEFINITELY, Workflow } from 'n8n-workflow';

import { Sakari } from '../nodes/Sakari/Sakari.node';
import { resumeUrl } from '../nodes/Sakari/resources/message/sendAndWait/link';
import { resolveMessage } from '../nodes/Sakari/resources/message/sendAndWait/message';
import { approvalPage, freeTextPage } from '../nodes/Sakari/resources/message/sendAndWait/pages';
import { waitTill } from '../nodes/Sakari/resources/message/sendAndWait/waitTill';

describe('Limit Wait Time', () => {
	const now = Date.parse('2026-05-04T10:00:00Z');

	it('waits indefinitely without a limit, as n8n does', () => {
		expect(waitTill(undefined, 'UTC', now)).toBe(WAIT_INDEFINITELY);
		expect(waitTill({}, 'UTC', now)).toBe(WAIT_INDEFINITELY);
	});

	it.each([
		[{ limitType: 'afterTimeInterval', resumeAmount: 1.5, resumeUnit: 'minutes' }, '2026-05-04T10:01:30.000Z'],
		[{ limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' }, '2026-05-04T12:00:00.000Z'],
		[{ limitType: 'afterTimeInterval', resumeAmount: '3', resumeUnit: 'days' }, '2026-05-07T10:00:00.000Z'],
		[{ limitType: 'atSpecifiedTime', maxDateAndTime: '2026-05-05T08:30:00+02:00' }, '2026-05-05T06:30:00.000Z'],
	])('%j → %s', (limit, expected) => {
		expect(waitTill(limit, 'Asia/Tokyo', now).toISOString()).toBe(expected);
	});

	// n8n's date picker saves a wall time without a zone (2026-05-05T09:00:00): n8n's Wait node reads it in the
	// workflow's time zone (tryToParseDateTime with getTimezone()), and so does Limit Wait Time.
	it.each([
		['Asia/Tokyo', '2026-05-05T09:00:00', '2026-05-05T00:00:00.000Z'],
		['America/New_York', '2026-05-05T08:30:00', '2026-05-05T12:30:00.000Z'],
		['America/New_York', '2026-12-24T17:00:00', '2026-12-24T22:00:00.000Z'],
		['Europe/Berlin', '2026-10-26T12:00:00', '2026-10-26T11:00:00.000Z'],
		['UTC', '2026-05-04 18:00', '2026-05-04T18:00:00.000Z'],
		['Asia/Kolkata', '2026-05-05', '2026-05-04T18:30:00.000Z'],
	])('a picked wall time is the time in the workflow\'s zone: %s %s → %s', (timeZone, maxDateAndTime, expected) => {
		expect(waitTill({ limitType: 'atSpecifiedTime', maxDateAndTime }, timeZone, now).toISOString()).toBe(expected);
	});

	it('an instant from an expression (a Date, an ISO time with Z) is taken as it is, whatever the zone', () => {
		const at = new Date('2026-05-06T07:00:00Z');
		expect(waitTill({ limitType: 'atSpecifiedTime', maxDateAndTime: at as never }, 'Asia/Tokyo', now)).toEqual(at);
		expect(waitTill({ limitType: 'atSpecifiedTime', maxDateAndTime: '2026-05-06T07:00:00Z' }, 'Pacific/Auckland', now)).toEqual(at);
	});

	it.each([
		[{ limitType: 'afterTimeInterval', resumeAmount: 0, resumeUnit: 'hours' }, 'Limit Wait Time > Amount: must be a number above 0, got "0"'],
		[{ limitType: 'afterTimeInterval', resumeAmount: 'soon', resumeUnit: 'hours' }, 'Limit Wait Time > Amount: must be a number above 0, got "soon"'],
		[{ limitType: 'afterTimeInterval', resumeAmount: 1, resumeUnit: 'weeks' }, 'Limit Wait Time > Unit: "weeks" is not minutes, hours or days'],
		[{ limitType: 'atSpecifiedTime', maxDateAndTime: 'next friday' }, 'Limit Wait Time > Max Date and Time: "next friday" is not a date and time such as 2024-05-01T09:00:00'],
		[{ limitType: 'atSpecifiedTime', maxDateAndTime: '' }, 'Limit Wait Time > Max Date and Time: "" is not a date and time such as 2024-05-01T09:00:00'],
		[{ limitType: 'atSpecifiedTime', maxDateAndTime: '2026-05-04T09:59:00Z' }, 'Limit Wait Time > Max Date and Time: 2026-05-04T09:59:00.000Z has passed; pick a time in the future'],
		// 05:30 in Tokyo on 4 May is 20:30 UTC on 3 May: passed, though 05:30 UTC on 4 May would be too.
		[{ limitType: 'atSpecifiedTime', maxDateAndTime: '2026-05-04T05:30:00' }, 'Limit Wait Time > Max Date and Time: 2026-05-03T20:30:00.000Z has passed; pick a time in the future'],
	])('refuses %j before anything is sent', (limit, message) => {
		expect(() => waitTill(limit, 'Asia/Tokyo', now)).toThrow(message);
	});
});

describe("the message of n8n's HITL tool", () => {
	// n8n's expressions, with the tool call n8n's agent hands the HITL tool as `$tool`.
	const workflow = new Workflow({
		nodes: [{ id: '1', name: 'Approve by SMS', type: 'n8n-nodes-sakari.sakariHitlTool', typeVersion: 1, position: [0, 0], parameters: {} }],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as never,
	});
	const $tool = { name: 'Text_customer', parameters: { phone: '+447700900123', text: 'Refund: £40, "today"' } };
	const evaluate = (value: string) =>
		workflow.expression.resolveSimpleParameterValue(value, {}, null, 0, 0, 'Approve by SMS', [], 'manual', { $tool } as never);
	const read = (raw: string) => resolveMessage(raw, (expression) => evaluate(`=${expression}`), () => evaluate(raw));
	// hitl-tools.ts, filterHitlToolProperties: the Message n8n gives every HITL tool.
	const n8nDefault = '=The agent wants to run this tool: {{ $tool.name }}\n\nInput:\n{{ $tool.parameters }}';

	it('n8n alone writes the input of its default message as [object Object]', () => {
		expect(evaluate(n8nDefault)).toBe('The agent wants to run this tool: Text_customer\n\nInput:\n[object Object]');
	});

	it('reads {{ $tool.parameters }} as the input in JSON, in the default message and in one of the user\'s', () => {
		const input = '{"phone":"+447700900123","text":"Refund: £40, \\"today\\""}';
		expect(read(n8nDefault)).toBe(`The agent wants to run this tool: Text_customer\n\nInput:\n${input}`);
		expect(read('=OK? {{$tool.parameters}} ({{ $tool.name }})')).toBe(`OK? ${input} (Text_customer)`);
		expect(read('={{ $tool.parameters }}')).toBe(input);
	});

	it('leaves every other message as n8n resolves it', () => {
		expect(read('=Run {{ $tool.name }} with {{ $tool.parameters.text }}?')).toBe('Run Text_customer with Refund: £40, "today"?');
		expect(read('Fixed text with {{ $tool.parameters }} in it')).toBe('Fixed text with {{ $tool.parameters }} in it');
	});
});

describe('the link', () => {
	const node = { id: '1f0c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e', name: 'Ask' };

	it("is n8n's signed resume URL where n8n can sign, marking the execution for the signature check (n8n 1.x)", () => {
		const calls: string[] = [];
		const context = {
			getNode: () => node,
			getSignedResumeUrl: (query: Record<string, string>) => `https://n8n.example.com/webhook-waiting/7/${node.id}?signature=${'a'.repeat(64)}&q=${Object.keys(query).length}`,
			setSignatureValidationRequired: () => calls.push('validate'),
		} as unknown as IExecuteFunctions;
		expect(resumeUrl(context)).toBe(`https://n8n.example.com/webhook-waiting/7/${node.id}?signature=${'a'.repeat(64)}&q=0`);
		expect(calls).toEqual(['validate']);
	});

	it('is the plain resume URL plus the node ID on an n8n that cannot sign links', () => {
		const context = {
			getNode: () => node,
			evaluateExpression: (expression: string) => (expression === '{{ $execution.resumeUrl }}' ? 'https://n8n.example.com/webhook-waiting/7' : ''),
		} as unknown as IExecuteFunctions;
		expect(resumeUrl(context)).toBe(`https://n8n.example.com/webhook-waiting/7/${node.id}`);
	});
});

describe('the pages', () => {
	it('show the message and labels as text, never as markup', () => {
		const page = approvalPage('Refund <b>all</b> & "close"?', 'Yes <script>', "No 'thanks'");
		expect(page).toContain('<p>Refund &lt;b&gt;all&lt;/b&gt; &amp; &quot;close&quot;?</p>');
		expect(page).toContain('>Yes &lt;script&gt;</button>');
		expect(page).toContain('>No &#39;thanks&#39;</button>');
		expect(page).not.toContain('<script>');
		const form = freeTextPage('<img src=x>', '<Send>', '<bad>');
		expect(form).toContain('&lt;img src=x&gt;');
		expect(form).toContain('&lt;Send&gt;</button>');
		expect(form).toContain('<p class="error">&lt;bad&gt;</p>');
	});

	it('answer only by POST from their own form (opening the link answers nothing)', () => {
		expect(approvalPage('Ok?', 'Approve', 'Decline')).toMatch(/<form method="post">.*name="approved" value="true".*name="approved" value="false"/);
		expect(approvalPage('Ok?', 'Approve')).not.toContain('value="false"');
		expect(freeTextPage('Which day?', 'Send')).toMatch(/<form method="post"><textarea name="text" required maxlength="5000"/);
	});
});

describe('in the node description', () => {
	const { description } = new Sakari();

	it("Message's Operation list is the first property named operation, and it offers sendAndWait", () => {
		// n8n's human-in-the-loop tool generation reads the first property named `operation` (some versions).
		const operation = description.properties.find((property) => property.name === 'operation') as INodeProperties;
		expect(operation.displayOptions).toEqual({ show: { resource: ['message'] } });
		expect(operation.options).toEqual(expect.arrayContaining([expect.objectContaining({ value: SEND_AND_WAIT_OPERATION })]));
	});

	it('declares the waiting webhooks n8n resumes it through, and runs the operation itself', () => {
		expect(description.webhooks).toEqual(
			['GET', 'POST'].map((httpMethod) => ({
				name: 'default',
				httpMethod,
				responseMode: 'onReceived',
				responseData: '',
				path: '={{ $nodeId }}',
				restartWebhook: true,
				isFullPath: true,
			})),
		);
		const sakari = new Sakari();
		expect(typeof sakari.webhook).toBe('function');
		expect(typeof sakari.customOperations.message[SEND_AND_WAIT_OPERATION]).toBe('function');
	});
});
