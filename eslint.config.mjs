// @ts-check
// Two rule sets. The shipped TypeScript (nodes/, credentials/) and package.json get the rule set n8n's
// community-package scanner runs (what @n8n/node-cli's eslint config combines): community-nodes recommended +
// n8n-nodes-base community (package.json), credentials and nodes. The JavaScript tooling (scripts, JS tests,
// configs) gets a Node rule set: @eslint/js recommended, Node globals, and `// @ts-check` required so
// `npm run typecheck` (tsconfig.js.json) checks it; the community rules are about node code and stay off it.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const communityRecommended = n8nCommunityNodesPlugin.configs.recommended;

// The JavaScript that is linted and type-checked: every folder that holds some. A new folder of JS joins this
// list; any other .js/.mjs/.cjs file (build output, coverage) is ignored.
const CHECKED_JS = [
	'*.{js,mjs,cjs}',
	'scripts/**/*.{js,mjs,cjs}',
	'sandbox/**/*.js',
	'test/**/*.js',
];

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

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'coverage/**',
			'artifacts/**',
			'**/*.{js,mjs,cjs}',
			...CHECKED_JS.map((pattern) => `!${pattern}`),
		],
	},
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended, communityRecommended],
		rules: { 'prefer-spread': 'off', 'no-console': 'error' },
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		extends: [communityRecommended],
		rules: { ...n8nNodesBase.configs.community.rules },
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		// Tests, sandbox and scripts are not shipped: they may use Node's APIs and the console, and tests
		// hold the sandbox's fake client secrets on purpose.
		files: ['test/**/*.ts', 'sandbox/**', 'scripts/**'],
		rules: {
			'no-console': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
		},
	},
	{
		files: ['**/*.{js,mjs,cjs}'],
		extends: [js.configs.recommended],
		plugins: { local: { rules: { 'require-ts-check': requireTsCheck } } },
		languageOptions: { ecmaVersion: 2023, globals: { ...globals.node } },
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		rules: {
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
);
