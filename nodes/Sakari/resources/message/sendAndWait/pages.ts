/**
 * The small pages behind the link of a Send and Wait text, made for a phone. Opening the link only shows a page:
 * the answer is a POST from its button, so a link preview or a spam scanner that fetches the link answers nothing.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

const STYLE = [
	'body{font-family:system-ui,-apple-system,sans-serif;margin:0;padding:24px;background:#f5f6f8;color:#1f2328}',
	'main{max-width:480px;margin:0 auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 3px #0002}',
	'p{white-space:pre-wrap;line-height:1.45}',
	'button{font-size:17px;padding:12px 20px;border-radius:8px;border:0;margin:6px 8px 0 0;cursor:pointer}',
	'.yes{background:#2e7d32;color:#fff}.no{background:#e0e0e0;color:#1f2328}',
	'textarea{width:100%;box-sizing:border-box;min-height:120px;font:inherit;padding:8px}',
	'.error{color:#b00020}',
].join('');

function page(title: string, body: string): string {
	return [
		'<!doctype html><html lang="en"><head><meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width,initial-scale=1">',
		`<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>`,
		`<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
	].join('');
}

const paragraph = (text: string) => (text.trim() === '' ? '' : `<p>${escapeHtml(text.trim())}</p>`);

/** Approve (and Decline) buttons; each posts `approved=true|false` to the page's own URL (its signature included). */
export function approvalPage(message: string, approveLabel: string, declineLabel?: string): string {
	const decline = declineLabel === undefined ? '' : `<button class="no" name="approved" value="false">${escapeHtml(declineLabel)}</button>`;
	const form = `<form method="post"><button class="yes" name="approved" value="true">${escapeHtml(approveLabel)}</button>${decline}</form>`;
	return page('Your answer', `${paragraph(message)}${form}`);
}

/** One answer field; posts `text` to the page's own URL. */
export function freeTextPage(message: string, buttonLabel: string, problem?: string): string {
	const error = problem ? `<p class="error">${escapeHtml(problem)}</p>` : '';
	const form = `<form method="post"><textarea name="text" required maxlength="${MAX_ANSWER_LENGTH}" aria-label="Your answer"></textarea><button class="yes">${escapeHtml(buttonLabel)}</button></form>`;
	return page('Your answer', `${paragraph(message)}${error}${form}`);
}

export function answeredPage(): string {
	return page('Thank you', '<p>Your answer was sent. You can close this page.</p>');
}

// A typed answer longer than this is refused with the page shown again (an SMS answer is short; a page is not a file upload).
export const MAX_ANSWER_LENGTH = 5000;
