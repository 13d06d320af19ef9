// ESLint flat config: type-aware rules, react-hooks as errors, and the layering of DESIGN.md enforced
// by eslint-plugin-boundaries (every direction between the products) and by import restrictions
// (shared/ and the renderer never touch Node or Electron; services never import Electron).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'url'];
// Anchored: a gitignore-style pattern 'net' would also forbid our own '../net/ip' (shared/net).
const nodeBuiltinsRegex = `^(electron|node:.*|${nodeBuiltins.filter((b) => b !== 'node:*').join('|')})(/.*)?$`;

/** Products and layers (DESIGN.md "The shape"), matched on paths from the repository's root. */
const ELEMENTS = [
  { type: 'electron', pattern: 'electron/**', partialMatch: false },
  { type: 'services', pattern: 'services/**', partialMatch: false },
  { type: 'node-shared', pattern: 'node-shared/**', partialMatch: false },
  { type: 'cli', pattern: 'cli/**', partialMatch: false },
  { type: 'harness', pattern: 'harness/**', partialMatch: false },
  { type: 'renderer', pattern: 'renderer/**', partialMatch: false },
  { type: 'shared', pattern: 'shared/**', partialMatch: false },
  { type: 'tally', pattern: 'tally/**', partialMatch: false },
];
/** What each element may import besides itself: the arrows point down, never sideways or up. */
const ALLOWED = {
  electron: ['services', 'node-shared', 'shared'],
  harness: ['services', 'node-shared', 'shared'],
  cli: ['services', 'node-shared', 'shared'],
  services: ['node-shared', 'shared'],
  'node-shared': ['shared'],
  renderer: ['shared'],
  tally: ['node-shared', 'shared'],
  shared: [],
};
/** One line per direction: what the rule protects, for the person who hits it. */
const WHY = {
  electron:
    'electron/ is the Electron glue: it uses services/, node-shared/ and shared/ only (never the renderer, the CLI or the tally).',
  harness: 'harness/ (the browser harness) uses services/, node-shared/ and shared/ only.',
  cli: 'cli/ (the command line) uses services/, node-shared/ and shared/ only.',
  services:
    'services/ are plain Node modules shared by the app, the CLI and the harness: they use node-shared/ and shared/ only (never the CLI, Electron or the renderer).',
  'node-shared': 'node-shared/ is Node code the desktop and the tally share: it uses shared/ only.',
  renderer: 'The renderer imports only shared/ and its own files; it talks to main through window.api.',
  tally: 'tally/ (the agency server) uses node-shared/ and shared/ only, never the desktop code.',
  shared: 'shared/ is pure TypeScript used by every side: it imports only shared/.',
};

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
  {
    // The layering. Tests may reach across (a handler test registers through electron/ipc/register.ts), so they
    // are left out; production files of every product are in.
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    ignores: [
      '**/*.test.ts',
      '**/*.test.tsx',
      'test/**',
      'bench/**',
      'scripts/**',
      '*.config.*',
      'eslint.config.js',
    ],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ELEMENTS,
      'boundaries/include': ELEMENTS.map((e) => e.pattern),
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          // Per element: what it may import, and everything else refused with the reason.
          policies: Object.entries(ALLOWED).flatMap(([from, to]) => [
            {
              from: { element: { type: from } },
              allow: { to: { element: { types: { anyOf: [from, ...to] } } } },
            },
            {
              from: { element: { type: from } },
              disallow: {
                to: {
                  element: {
                    types: {
                      anyOf: ELEMENTS.map((e) => e.type).filter((t) => t !== from && !to.includes(t)),
                    },
                  },
                },
              },
              message: WHY[from],
            },
          ]),
        },
      ],
      'boundaries/no-unknown': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: nodeBuiltinsRegex, message: 'shared/ is pure TypeScript: no Node, no Electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: nodeBuiltinsRegex, message: 'The renderer talks to main only through window.api.' },
          ],
        },
      ],
    },
  },
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
    // This file is plain JavaScript outside the TypeScript project: no type-aware rules for it.
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain-JavaScript scripts (.mjs) sit outside the TypeScript project: linted with the recommended
    // JavaScript rules, without the type-aware ones (they would need a tsconfig for them).
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Command-line entry points, scripts and benchmarks print to the terminal by design.
    files: [
      'scripts/**',
      'bench/**',
      'cli/**',
      'harness/dev-web.ts',
      'tally/cli.ts',
      'test/**',
      '**/*.test.ts',
    ],
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
