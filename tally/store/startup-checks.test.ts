// Start-up of the SQLite store over damaged data: the results file missing, emptied or unreadable
// while the counts say results existed stops the start and leaves the counts as they were; a
// damaged counts file (derived data) is set aside and rebuilt from the results.
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store';
import { CAMPAIGN, makeResult, UNITS, withFindings } from '../../test/support/tally/helpers';

describe('SQLite store start-up checks', () => {
  let dir: string;
  let file: string;
  let countsFile: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-startup-'));
    file = join(dir, 'tally.sqlite');
    countsFile = join(dir, 'tally-counts.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Stores three results and lets the second thread fold them into the counts. */
  const seed = async () => {
    const store = openSqliteStore({ file });
    await store.upsertUnits(UNITS);
    for (const r of [makeResult(), withFindings(makeResult(), ['ioc-1']), makeResult()])
      await store.submit(r);
    const agg = await store.aggregates({ campaignId: CAMPAIGN.id }); // folds
    expect(agg.totals.reduce((a, t) => a + t.results, 0)).toBe(3);
    await store.close();
    for (const s of ['-wal', '-shm']) if (existsSync(file + s)) unlinkSync(file + s);
    return readFileSync(countsFile);
  };

  it.each([
    ['missing', () => unlinkSync(file), /is missing while .*tally-counts\.sqlite says 3 results were stored/],
    ['empty', () => truncateSync(file, 0), /is empty while .*says 3 results/],
  ])('refuses to start when the results file is %s, and keeps the counts', async (_what, damage, message) => {
    const counts = await seed();
    damage();
    expect(() => openSqliteStore({ file })).toThrow(message);
    expect(readFileSync(countsFile).equals(counts)).toBe(true);
    // Nothing new was created where the results were.
    expect(existsSync(file) ? readFileSync(file).length : 0).toBe(0);
  });

  it('refuses when the results file is a fresh database with no results while the counts covered some', async () => {
    const counts = await seed();
    unlinkSync(file);
    const fresh = openSqliteStore({ file: join(dir, 'other.sqlite'), writer: 'inline' });
    await fresh.close();
    writeFileSync(file, readFileSync(join(dir, 'other.sqlite')));
    expect(() => openSqliteStore({ file })).toThrow(/holds no results while .*says 3 results/);
    expect(readFileSync(countsFile).equals(counts)).toBe(true);
  });

  it('refuses an unreadable results file with its name and what to do, and does not overwrite it', async () => {
    await seed();
    writeFileSync(file, 'this is not a database, it is a note someone saved over it\n'.repeat(100));
    const before = readFileSync(file);
    expect(() => openSqliteStore({ file })).toThrow(
      /tally\.sqlite: cannot read the results file \(SQLITE_NOTADB/,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('rebuilds a damaged counts file from the results and keeps the damaged one aside', async () => {
    await seed();
    writeFileSync(countsFile, Buffer.alloc(8192, 0x5a));
    const store = openSqliteStore({ file });
    try {
      const agg = await store.aggregates({ campaignId: CAMPAIGN.id });
      expect(agg.totals.reduce((a, t) => a + t.results, 0)).toBe(3);
      expect(agg.topIndicators).toEqual([{ indicatorId: 'ioc-1', results: 1 }]);
    } finally {
      await store.close();
    }
    expect(readdirSync(dir).some((n) => n.startsWith('tally-counts.sqlite.corrupt-'))).toBe(true);
  });
});
