// The CI summary line ("N passed, N failed") must count a test file that fails to load: vitest
// reports it as a failed suite with no failed test, which the line used to read as all green.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(__dirname, '../..');
const summarize = join(repo, 'scripts/summarize-tests.mjs');
let dir: string;

function runVitest(files: Record<string, string>): string {
  const root = mkdtempSync(join(dir, 'suite-'));
  mkdirSync(join(root, 't'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 't', name), text);
  const out = join(root, 'vitest.json');
  // Exit status 1 is expected when a file fails; the JSON report is what is read.
  spawnSync(
    process.execPath,
    [
      join(repo, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--root',
      root,
      '--reporter=json',
      `--outputFile.json=${out}`,
    ],
    { cwd: repo, encoding: 'utf8' },
  );
  return out;
}

function summary(report: string, playwright: string, checks: string): { line: string; status: number } {
  const r = spawnSync(process.execPath, [summarize, report, playwright, checks], { encoding: 'utf8' });
  return { line: r.stdout.trim(), status: r.status ?? -1 };
}

const ok = `import { test, expect } from 'vitest';\ntest('adds', () => expect(1 + 1).toBe(2));\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'summarize-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('summarize-tests', () => {
  it('counts a test file that fails to load as a failure', () => {
    const report = runVitest({
      'ok.test.ts': ok,
      'broken.test.ts': `import { nothing } from './missing-module';\nimport { test } from 'vitest';\ntest('b', () => nothing());\n`,
    });
    const checks = join(dir, 'checks-a.json');
    writeFileSync(checks, '[]');
    const { line, status } = summary(report, join(dir, 'no-playwright.json'), checks);
    // The missing Playwright report is one more failure: the line reads 1 passed, 2 failed.
    expect(line).toBe('1 passed, 2 failed');
    expect(status).toBe(1);
  });

  it('counts passing and failing tests of a healthy suite exactly', () => {
    const report = runVitest({
      'ok.test.ts': ok,
      'bad.test.ts': `import { test, expect } from 'vitest';\ntest('x', () => expect(1).toBe(2));\ntest('y', () => expect(2).toBe(2));\n`,
    });
    const checks = join(dir, 'checks-b.json');
    writeFileSync(checks, JSON.stringify([{ name: 'lint', ok: true }]));
    const pw = join(dir, 'pw.json');
    writeFileSync(
      pw,
      JSON.stringify({ stats: { expected: 3, unexpected: 0, skipped: 0, flaky: 0 }, errors: [] }),
    );
    const { line, status } = summary(report, pw, checks);
    expect(line).toBe('6 passed, 1 failed');
    expect(status).toBe(1);
  });
});
