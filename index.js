// @ts-check
// n8n loads the package through the `n8n` section of package.json; this entry point only exists
// so that `require('n8n-nodes-sakari')` resolves.
module.exports = {};
