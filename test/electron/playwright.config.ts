import { defineConfig } from '@playwright/test';

// Run only by .github/workflows/windows.yml (a machine that can download Electron). The Linux CI
// of this repository has no Electron binary and never loads this config.
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  timeout: 120_000,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  outputDir: '../../test-results/electron',
  reporter: [['list'], ['json', { outputFile: '../../.reports/playwright-electron.json' }]],
});
