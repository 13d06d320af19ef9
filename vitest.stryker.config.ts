import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// Mutation testing (scripts/mutation.mjs): only the test files of the module under mutation,
// named by MUTATION_TESTS (comma-separated globs), so each mutant runs seconds of tests.
// (mergeConfig would append to the base include list, so the lists are replaced here.)
const tests = (process.env.MUTATION_TESTS ?? '').split(',').filter(Boolean);

export default defineConfig({
  ...base,
  test: { ...base.test, include: tests.length > 0 ? tests : ['none-given/**'] },
});
