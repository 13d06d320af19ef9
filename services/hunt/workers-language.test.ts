// A hunt on worker threads words its warnings in the language the command line chose (`--lang`):
// each worker is a process-within-the-process whose catalogue wording starts at "both" unless told.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { IndicatorIndex } from '../../shared/indicators';
import { setProcessWording, type Wording } from '../../shared/i18n';
import { huntInWorkers } from './workers';

const dir = mkdtempSync(join(tmpdir(), 'workers-language-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => setProcessWording('both'));

// A BIND query log whose second line names a query in no documented form: one warning.
const path = join(dir, 'named.log');
writeFileSync(
  path,
  [
    '23-Nov-2026 08:15:02.123 queries: info: client @0x7f8b4c0a1b20 10.1.2.3#51514 (evil.example): query: evil.example IN A +E(0)K (10.1.1.1)',
    '23-Nov-2026 08:15:03.000 queries: info: query: nothing here',
    '',
  ].join('\n'),
);
const entry = { path, size: statSync(path).size, mtimeMs: statSync(path).mtimeMs };
const index = IndicatorIndex.build([{ id: 'd', kind: 'domain', value: 'evil.example', source: 't' }]);

async function warningIn(wording: Wording): Promise<string> {
  setProcessWording(wording);
  const partial = await huntInWorkers([[entry]], index, { format: 'bind', offsetMinutes: 0 });
  expect(partial.warnings).toHaveLength(1);
  return partial.warnings[0].message;
}

describe('hunt workers and --lang', () => {
  it('word a warning in the one language chosen, or in both by default', async () => {
    const vi = await warningIn('vi');
    const en = await warningIn('en');
    expect(vi).toMatch(/^dòng nhật ký truy vấn BIND không đọc được/);
    expect(vi).not.toMatch(/unreadable/);
    expect(en).toMatch(/^unreadable BIND query line/);
    expect(en).not.toMatch(/không đọc được/);
    expect(await warningIn('both')).toBe(`${vi} / ${en}`);
  }, 60_000);
});
