// StrykerJS for the core modules (issue 19), one module per run: `npm run test:mutation` runs
// scripts/mutation.mjs, which sets MUTATION_MODULE and calls Stryker once per module. Not part of
// `npm test` (minutes per module). Incremental: each module keeps its own file under
// .reports/mutation/, so a re-run only tests mutants whose code or tests changed.
import { MODULES } from './scripts/mutation-modules.mjs';

const name = process.env.MUTATION_MODULE ?? 'result';
const mod = MODULES[name];
if (!mod) throw new Error(`unknown MUTATION_MODULE ${name}; one of ${Object.keys(MODULES).join(', ')}`);
process.env.MUTATION_TESTS = mod.tests.join(',');
// A module's own settings for its test runs (net-canon caps its property runs: PROPERTY_RUNS).
Object.assign(process.env, mod.env ?? {});

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  mutate: mod.mutate,
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
  incremental: true,
  incrementalFile: `.reports/mutation/${name}.incremental.json`,
  reporters: ['clear-text', 'json', 'progress-append-only'],
  jsonReporter: { fileName: `.reports/mutation/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // One sandbox folder per module, so two modules can run side by side without copying each other.
  tempDirName: `.stryker-tmp/${name}`,
  // Copied into each sandbox otherwise: a running PostgreSQL's socket cannot be copied at all.
  ignorePatterns: [
    '.stryker-tmp*',
    '.pgdata',
    'dist',
    '.reports',
    'test-results',
    'playwright-report',
    'coverage',
  ],
  cleanTempDir: 'always',
  timeoutMS: 20_000,
  thresholds: { high: 90, low: 85, break: null },
  ignoreStatic: true,
};
