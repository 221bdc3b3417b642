// @ts-check
'use strict';
// Command line: node sandbox/server.js [--port N] [--host H] [--token-ttl S] [--rate-limit N] [--shapes current|1.0.1] [--check-contract] [--verbose]
const { DEFAULTS } = require('./config');

/**
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 */
function parseArgs(argv, env) {
	/** @type {Record<string, any>} */
	const opts = { port: env.SAKARI_SANDBOX_PORT ? Number(env.SAKARI_SANDBOX_PORT) : 4010, quiet: true };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		const value = () => (inline !== undefined ? inline : argv[++i]);
		if (flag === '--port') opts.port = Number(value());
		else if (flag === '--host') opts.host = value();
		else if (flag === '--token-ttl') opts.tokenTtlSeconds = Number(value());
		else if (flag === '--rate-limit') opts.rateLimit = { perSecond: Number(value()) };
		else if (flag === '--shapes') opts.shapes = value();
		else if (flag === '--check-contract') opts.checkContract = true;
		else if (flag === '--verbose') opts.quiet = false;
		else throw new Error(`Unknown argument ${argv[i]}`);
	}
	if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('--port must be 0..65535');
	return opts;
}

/** @param {(options: object) => Promise<{url: string, accountId: string, clientId: string, clientSecret: string, close: () => Promise<void>}>} startSandbox */
async function main(startSandbox) {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2), process.env);
	} catch (err) {
		console.error(err instanceof Error ? err.message : err);
		process.exit(2);
	}
	const sb = await startSandbox(opts);
	console.log(`Sakari sandbox listening on ${sb.url}`);
	console.log(`Account ID: ${sb.accountId}`);
	console.log(`Client ID: ${sb.clientId}`);
	// The default secret is a public test value; a custom one is never printed.
	if (sb.clientSecret === DEFAULTS.clientSecret) console.log(`Client secret: ${sb.clientSecret} (public sandbox default)`);
	const stop = () => sb.close().then(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

module.exports = { main, parseArgs };
