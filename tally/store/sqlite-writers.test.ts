// Every SQLite write path (this thread with pipelined fsync, the writer thread, inline) and both
// commit modes store each submission once and answer repeats and conflicts the same way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store';
import { makeResult, UNITS } from '../../test/support/tally/helpers';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const cases = (['main', 'worker', 'inline'] as const).flatMap((writer) =>
  (['FULL', 'NORMAL'] as const).map((synchronous) => ({ writer, synchronous })),
);

describe.each(cases)('SQLite store, writer $writer, synchronous $synchronous', ({ writer, synchronous }) => {
  it(
    'stores concurrent submissions once each and keeps them after a reopen',
    { timeout: 30_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tally-writers-'));
      dirs.push(dir);
      const file = join(dir, 'tally.sqlite');
      const store = openSqliteStore({ file, writer, synchronous, maxBatch: 7 });
      await store.upsertUnits(UNITS);
      const results = Array.from({ length: 40 }, (_, i) =>
        makeResult({ unitCode: UNITS[i % UNITS.length].code }),
      );
      const first = await Promise.all(results.map((r) => store.submit(r)));
      expect(first.map((o) => o.status)).toEqual(results.map(() => 'created'));
      // The same 40 again, plus one id reused for other content and one unknown unit, all at once.
      const again = await Promise.all([
        ...results.map((r) => store.submit(r)),
        store.submit({ ...results[0], appVersion: '9.9.9' }),
        store.submit(makeResult({ unitCode: 'NO-SUCH-UNIT' })),
      ]);
      expect(again.map((o) => o.status)).toEqual([
        ...results.map(() => 'duplicate'),
        'conflict',
        'unknown-unit',
      ]);
      await store.close();

      const reopened = openSqliteStore({ file, writer: 'inline' });
      expect(await reopened.resultCount()).toBe(40);
      await reopened.close();
    },
  );
});
