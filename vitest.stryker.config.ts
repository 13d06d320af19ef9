import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// Mutation testing (scripts/mutation.mjs): only the test files of the module under mutation,
// named by MUTATION_TESTS (comma-separated globs), so each mutant runs seconds of tests.
// (mergeConfig would append to the base include list, so the lists are replaced here.)
const tests = (process.env.MUTATION_TESTS ?? '').split(',').filter(Boolean);

// A module of pure functions may run all its mutants in one reused test process
// (MUTATION_SHARED_WORKER, set from scripts/mutation-modules.mjs): a fresh process per mutant costs
// seconds of start-up and imports on the shared machine, and their tests keep no state between files.
// MUTATION_ISOLATE=1 turns it off for one run (to check that a survivor is not an artefact of the
// reused process).
const shared = process.env.MUTATION_SHARED_WORKER === '1' && process.env.MUTATION_ISOLATE !== '1';
// A module whose tests run longer under the dry run's per-test coverage counting than the usual
// 30 s may raise vitest's limit (MUTATION_TEST_TIMEOUT, ms); Stryker's own timeout still ends a
// mutant that loops.
const timeout = Number(process.env.MUTATION_TEST_TIMEOUT);

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: tests.length > 0 ? tests : ['none-given/**'],
    ...(shared ? { isolate: false } : {}),
    ...(timeout > 0 ? { testTimeout: timeout } : {}),
  },
});
