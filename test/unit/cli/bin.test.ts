// The installed `sachmadoc` command (package.json "bin") must run the CLI from a checkout.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
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
});
