// The installed `sachmadoc` command (package.json "bin") must run the CLI from a checkout.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const sachmadoc = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/sachmadoc.cjs', ...args], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('bin/sachmadoc.cjs', () => {
  it('runs the scan command and passes its exit status through', () => {
    const help = sachmadoc('scan', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('sachmadoc scan');
    const bad = sachmadoc('scan', '--no-such-option');
    expect(bad.status).toBe(2);
    expect(bad.stderr.split('\n')[0]).toContain("Unknown option '--no-such-option'");
  });

  it('runs the compiled bundle, built from the current sources, with no TypeScript at run time', () => {
    expect(sachmadoc('--help').status).toBe(0);
    const bundle = `${repo}dist/cli/sachmadoc.mjs`;
    // Built no earlier than the CLI's own entry file: an edit is never run stale.
    expect(statSync(bundle).mtimeMs).toBeGreaterThanOrEqual(statSync(`${repo}cli/main.ts`).mtimeMs);
    expect(readFileSync(bundle, 'utf8')).not.toMatch(/from ?["']tsx/);
    // The bundle runs by itself under plain Node (what an install without dev tools does).
    const direct = spawnSync(process.execPath, [bundle, 'scan', '--help'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, SACHMADOC_ASSETS_DIR: `${repo}assets` },
    });
    expect(direct.status).toBe(0);
    expect(direct.stdout).toContain('sachmadoc scan');
  });
});
