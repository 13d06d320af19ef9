// The rename retry of the one crash-safe write: Windows refuses a rename for a moment while an
// antivirus or the indexer holds the target (EPERM/EACCES/EBUSY). Real files, an injected rename.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PRIVATE, writeFileAtomic } from './atomic-write';

const dir = mkdtempSync(join(tmpdir(), 'atomic-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A rename that fails with `code` the first `failures` times, then renames for real. */
function flakyRename(code: string, failures: number) {
  const calls: string[] = [];
  const fn = async (from: string, to: string) => {
    calls.push(from);
    if (calls.length <= failures)
      throw Object.assign(new Error(`${code}: operation not permitted`), { code });
    await rename(from, to);
  };
  return { fn, calls };
}

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file', async () => {
    const file = join(dir, 'plain.json');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir).filter((n) => n.startsWith('.plain.json'))).toEqual([]);
  });

  it('retries a rename Windows refuses for a moment (EPERM, EBUSY, EACCES), waiting longer each time', async () => {
    for (const code of ['EPERM', 'EBUSY', 'EACCES']) {
      const file = join(dir, `retry-${code}.json`);
      writeFileSync(file, 'old');
      const flaky = flakyRename(code, 3);
      const waits: number[] = [];
      await writeFileAtomic(file, 'new', {
        rename: flaky.fn,
        wait: (ms) => Promise.resolve(void waits.push(ms)),
      });
      expect(readFileSync(file, 'utf8')).toBe('new');
      expect(flaky.calls).toHaveLength(4);
      expect(waits).toEqual([25, 50, 100]);
    }
  });

  it('gives up after five attempts: the error surfaces, the old file stays, the temp file is removed', async () => {
    const file = join(dir, 'locked.json');
    writeFileSync(file, 'old');
    const flaky = flakyRename('EPERM', 99);
    await expect(
      writeFileAtomic(file, 'new', { rename: flaky.fn, wait: () => Promise.resolve() }),
    ).rejects.toMatchObject({
      code: 'EPERM',
    });
    expect(flaky.calls).toHaveLength(5);
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((n) => n.startsWith('.locked.json'))).toEqual([]);
  });

  it('does not retry other failures', async () => {
    const file = join(dir, 'gone.json');
    const flaky = flakyRename('EXDEV', 99);
    await expect(
      writeFileAtomic(file, 'x', { rename: flaky.fn, wait: () => Promise.resolve() }),
    ).rejects.toMatchObject({
      code: 'EXDEV',
    });
    expect(flaky.calls).toHaveLength(1);
  });

  it('creates private state readable by its owner only', async () => {
    if (process.platform === 'win32') return;
    const file = join(dir, 'private.json');
    await writeFileAtomic(file, '{}', PRIVATE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
