import { defineConfig } from 'vitest/config';

// Unit and component tests. Component tests opt into jsdom with `// @vitest-environment jsdom`.
// Playwright specs (test/e2e) are not vitest's.
export default defineConfig({
  test: {
    include: ['{shared,electron,renderer,tally,test}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'dist/**', 'test/e2e/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
