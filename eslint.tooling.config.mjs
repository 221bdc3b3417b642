// @ts-check
// The project's own lint of its JavaScript tooling (scripts, sandbox, JS tests, configs), run by `npm run lint`
// after `eslint .`. eslint.config.mjs stays exactly n8n-node's default (n8n Cloud eligibility: `npx n8n-node
// cloud-support`) and lints the TypeScript and package.json with the rules n8n's scanner runs; it gives
// JavaScript no rules, so they live here: @eslint/js recommended, Node globals, and `// @ts-check` required so
// `npm run typecheck` (tsconfig.js.json) checks the file.
import js from '@eslint/js';
import globals from 'globals';

// The JavaScript that is linted and type-checked: every folder that holds some. A new folder of JS joins this
// list; any other .js/.mjs/.cjs file (build output, coverage) is ignored.
const CHECKED_JS = ['*.{js,mjs,cjs}', 'scripts/**/*.{js,mjs,cjs}', 'sandbox/**/*.js', 'test/**/*.js'];

/** `// @ts-check` at the top of a JS file: tsconfig.js.json type-checks exactly the files that carry it. */
const requireTsCheck = {
	meta: { type: 'problem', messages: { missing: 'Start the file with `// @ts-check` so `npm run typecheck` checks it.' } },
	create(context) {
		return {
			Program(program) {
				const first = context.sourceCode.getAllComments().find((comment) => comment.type !== 'Shebang');
				const beforeCode = first && (!program.body[0] || first.range[0] < program.body[0].range[0]);
				if (!beforeCode || !/^\s*@ts-check\s*$/.test(first.value)) {
					context.report({ loc: { line: 1, column: 0 }, messageId: 'missing' });
				}
			},
		};
	},
};

/** @type {import('eslint').Linter.Config[]} */
export default [
	{
		ignores: [
			'dist/**',
			'coverage/**',
			'artifacts/**',
			'**/*.{js,mjs,cjs}',
			...CHECKED_JS.map((pattern) => `!${pattern}`),
			// n8n-node's default, byte for byte (cloud-support compares it): not ours to lint.
			'eslint.config.mjs',
		],
	},
	{
		files: ['**/*.{js,mjs,cjs}'],
		plugins: { local: /** @type {import('eslint').ESLint.Plugin} */ ({ rules: { 'require-ts-check': requireTsCheck } }) },
		languageOptions: { ecmaVersion: 2023, globals: { ...globals.node } },
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		rules: {
			...js.configs.recommended.rules,
			'local/require-ts-check': 'error',
			'no-unused-vars': ['error', { args: 'after-used', ignoreRestSiblings: true, caughtErrors: 'none' }],
			eqeqeq: ['error', 'always', { null: 'ignore' }],
			'no-var': 'error',
			'prefer-const': 'error',
		},
	},
	// CommonJS: .js (the package has no "type": "module") and .cjs; .mjs are ES modules.
	{ files: ['**/*.{js,cjs}'], languageOptions: { sourceType: 'commonjs' } },
	{ files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
	{ files: ['test/**/*.js'], languageOptions: { globals: { ...globals.jest } } },
];
