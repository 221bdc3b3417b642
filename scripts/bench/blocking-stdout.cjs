// @ts-check
'use strict';
// Preloaded into `n8n execute` (NODE_OPTIONS=--require): n8n prints the whole run as one JSON write and calls
// process.exit() right after. On a pipe whose reader is slow (a loaded machine, megabytes of rows), Node queues
// what the pipe did not take and process.exit() drops it; blocking writes make the whole run arrive.
const handle = /** @type {{ _handle?: { setBlocking?: (blocking: boolean) => void } }} */ (/** @type {unknown} */ (process.stdout))._handle;
handle?.setBlocking?.(true);
