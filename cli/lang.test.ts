// `sachmadoc --lang vi|en` (or SACHMADOC_LANG): error messages from the catalogue in one language;
// without it, both as before.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { memoryIo } from './io';
import { runCli } from './main';
import { setProcessWording } from '../shared/i18n';
import { LOGS } from '../test/support/hunt/helpers';

const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-lang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => setProcessWording('both'));
cpSync(join(LOGS, 'feed.txt'), join(dir, 'feed.txt'));

async function run(argv: string[], env: Record<string, string> = {}) {
  const io = memoryIo({ cwd: dir, env: { SACHMADOC_DATA_DIR: join(dir, 'data'), ...env } });
  const code = await runCli(argv, io);
  return { code, err: io.err.join('') };
}

describe('the language of the command line', () => {
  it('says both languages by default', async () => {
    const r = await run(['hunt', '--feed', 'feed.txt', 'no-such-folder']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Không đọc được \S*no-such-folder\. \/ Cannot read \S*no-such-folder\./);
  });

  it('says only English with --lang en, anywhere on the line', async () => {
    const r = await run(['hunt', '--lang', 'en', '--feed', 'feed.txt', 'no-such-folder']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Cannot read \S*no-such-folder\./);
    expect(r.err).toContain('Check the log file or folder path.');
    expect(r.err).not.toContain('Không đọc được');
  });

  it('says only Vietnamese with SACHMADOC_LANG=vi, and --lang wins over it', async () => {
    const vi = await run(['hunt', '--feed', 'feed.txt', 'no-such-folder'], { SACHMADOC_LANG: 'vi' });
    expect(vi.err).toMatch(/Không đọc được \S*no-such-folder\./);
    expect(vi.err).not.toContain('Cannot read');
    const en = await run(['--lang=en', 'hunt', '--feed', 'feed.txt', 'no-such-folder'], {
      SACHMADOC_LANG: 'vi',
    });
    expect(en.err).not.toContain('Không đọc được');
  });

  it('refuses a language it does not have, in one line with exit 2', async () => {
    const r = await run(['--lang', 'fr', 'hunt']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'sachmadoc: --lang nhận vi hoặc en, không nhận “fr” / --lang takes vi or en, not “fr”\n',
    );
  });
});
