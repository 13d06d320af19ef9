import { defineConfig } from 'vitest/config';

// Unit and component tests. Component tests opt into jsdom with `// @vitest-environment jsdom`.
// Playwright specs (test/e2e) are not vitest's. `*.windows.test.ts` drive real Windows programs
// (PowerShell, netstat, tasklist): they are collected only on Windows (the Windows workflow), so a
// Linux run neither skips nor fakes them.
const windowsOnly = process.platform === 'win32' ? [] : ['**/*.windows.test.ts'];
export default defineConfig({
  test: {
    include: ['{shared,electron,node-shared,services,cli,harness,renderer,tally,test}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'dist/**', 'test/e2e/**', ...windowsOnly],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
