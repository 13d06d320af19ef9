// ESLint flat config: type-aware rules, react-hooks as errors, and the layering of DESIGN.md
// enforced by import restrictions (shared/ is pure; renderer/ never touches Node or Electron).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'url'];
// Anchored: a gitignore-style pattern 'net' would also forbid our own '../net/ip' (shared/net).
const nodeBuiltinsRegex = `^(electron|node:.*|${nodeBuiltins.filter((b) => b !== 'node:*').join('|')})(/.*)?$`;

/**
 * Import rules for the files of `top` (shared, renderer) at each folder depth: a relative import
 * that climbs out of `top` into one of `banned` top-level folders is refused. Written per depth,
 * because `../tally/x` from shared/ipc/ is shared/tally (fine) while from shared/ it is tally/.
 * @param {string} top
 * @param {string[]} banned
 * @param {string} extensions
 * @param {string} message
 * @param {string} builtinsMessage
 */
function layering(top, banned, extensions, message, builtinsMessage) {
  return [1, 2, 3, 4, 5].map((depth) => ({
    files: [`${top}/${'*/'.repeat(depth - 1)}*.${extensions}`],
    ignores: [`${top}/**/*.test.ts`, `${top}/**/*.test.tsx`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: nodeBuiltinsRegex, message: builtinsMessage },
            { regex: `^(\\.\\./){${depth}}(${banned.join('|')})(/|$)`, message },
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      '.reports/',
      'tally/data/',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  ...layering(
    'shared',
    ['electron', 'renderer', 'tally'],
    'ts',
    'shared/ never imports from the other folders.',
    'shared/ is pure TypeScript: no Node, no Electron.',
  ),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  ...layering(
    'renderer',
    ['electron', 'tally'],
    '{ts,tsx}',
    'The renderer imports only shared/ and its own files.',
    'The renderer talks to main only through window.api.',
  ),
  {
    files: ['services/**/*.ts'],
    ignores: ['services/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Services are plain Node modules; only electron/main.ts and preload.ts import Electron.',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain-JavaScript scripts (.mjs) sit outside the TypeScript project: linted with the recommended
    // JavaScript rules, without the type-aware ones (they would need a tsconfig for them).
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Command-line entry points, scripts and benchmarks print to the terminal by design.
    files: ['scripts/**', 'bench/**', 'cli/**', 'tally/cli.ts', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
