// The SQLite store's counts are derived from the results, in a file of their own: they follow the
// counting rules, survive a restart, are rebuilt when lost or when an older layout is upgraded,
// never count a result twice (two folders on one file, steps of any size), and are thrown away
// when they cover results the results file lost.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AnonymizedResult } from '../../shared/tally/result';
import { loadMigrations, SCHEMA_MIGRATIONS_DDL } from './migrations';
import { attachCounts, countsFileFor, createFolder, sqliteAggregates } from './sqlite-counts';
import { openSqliteStore } from './sqlite-store';
import { createBatchWriter } from './sqlite-writer';
import type { Aggregates } from './types';
import { makeResult, tempSqliteFiles, UNITS, withFindings } from '../../test/support/tally/helpers';

const tempFile = tempSqliteFiles('tally-counts-');
const removeDb = (file: string) => ['', '-wal', '-shm'].forEach((s) => rmSync(file + s, { force: true }));

const [SO, HUYEN] = [UNITS[0].code, UNITS[1].code];
const m = Array.from({ length: 4 }, () => crypto.randomUUID());
/**
 * m0: a finding on day 20, no finding on day 21 (cleaned); m1: a finding, never clean; m2: clean
 * re-scan without a finding (not cleaned), cracked; m3: sent from HUYEN, then from SO (received
 * later, though its client wrote an earlier day): it is SO's, and HUYEN keeps its one result.
 */
const scenario = (): AnonymizedResult[] => [
  withFindings(makeResult({ installId: m[0], unitCode: SO, day: '2026-11-20' }), ['ioc-a', 'ioc-a']),
  makeResult({ installId: m[0], unitCode: SO, day: '2026-11-21', cleanRescan: true }),
  withFindings(makeResult({ installId: m[1], unitCode: SO, day: '2026-11-20' }), ['ioc-a', 'ioc-b']),
  makeResult({
    installId: m[2],
    unitCode: SO,
    day: '2026-11-21',
    cleanRescan: true,
    counts: { connectionsChecked: 3, findings: { ip: 0, cidr: 0, domain: 0 }, crackedSoftwareSigns: 2 },
  }),
  makeResult({ installId: m[3], unitCode: HUYEN, day: '2026-11-22' }),
  makeResult({ installId: m[3], unitCode: SO, day: '2026-11-20' }),
];
const expected: Pick<Aggregates, 'totals' | 'topIndicators'> = {
  totals: [
    { unitCode: SO, results: 5, machines: 4, withFindings: 2, cleaned: 1, cracked: 1 },
    { unitCode: HUYEN, results: 1, machines: 0, withFindings: 0, cleaned: 0, cracked: 0 },
  ] as Aggregates['totals'],
  topIndicators: [
    { indicatorId: 'ioc-a', results: 2 },
    { indicatorId: 'ioc-b', results: 1 },
  ],
};
/** The totals without the receive times (they differ per run), which must all be set. */
const sorted = (a: Aggregates) => ({
  totals: [...a.totals]
    .sort((x, y) => x.unitCode.localeCompare(y.unitCode))
    .map(({ lastResultAt, ...t }) => {
      expect(lastResultAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      return t;
    }),
  topIndicators: a.topIndicators,
});

describe('SQLite counts', () => {
  it('follow the counting rules, are kept in tally-counts.sqlite and rebuilt from the results when it is lost', async () => {
    const file = tempFile();
    const store = openSqliteStore({ file, writer: 'main' });
    await store.upsertUnits(UNITS);
    // One at a time: each result in a batch of its own, folded by the reader thread in between.
    for (const r of scenario()) expect(await store.submit(r)).toEqual({ status: 'created' });
    const first = await store.aggregates({ campaignId: 'cd-2026' });
    expect(sorted(first)).toEqual(expected);
    expect(first.byDay).toEqual([
      { day: '2026-11-20', unitCode: SO, results: 3 },
      { day: '2026-11-21', unitCode: SO, results: 2 },
      { day: '2026-11-22', unitCode: HUYEN, results: 1 },
    ]);
    await store.close();

    expect(countsFileFor(file)).toBe(file.replace(/tally\.sqlite$/, 'tally-counts.sqlite'));
    expect(existsSync(countsFileFor(file))).toBe(true);
    const main = new Database(file, { readonly: true });
    const tables = main
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    main.close();
    expect(tables).toEqual([
      'campaign_indicators',
      'campaigns',
      'hunt_summaries',
      'results',
      'schema_migrations',
      'unit_tokens',
      'units',
    ]);

    // After a restart, then without the counts file at all: the same picture.
    const again = openSqliteStore({ file, writer: 'main' });
    expect(sorted(await again.aggregates({ campaignId: 'cd-2026' }))).toEqual(expected);
    await again.close();
    removeDb(countsFileFor(file));
    const rebuilt = openSqliteStore({ file, writer: 'worker' });
    expect(sorted(await rebuilt.aggregates({ campaignId: 'cd-2026' }))).toEqual(expected);
    await rebuilt.close();
  });

  it('fold in steps of any size, and two folders on one file count each result once', async () => {
    const file = tempFile();
    await openSqliteStore({ file, writer: 'inline' }).close();
    const writer = new Database(file);
    writer.prepare('INSERT INTO units (code, name, created_at) VALUES (?, ?, ?)').run(SO, 'Sở', '');
    writer.prepare('INSERT INTO units (code, name, created_at) VALUES (?, ?, ?)').run(HUYEN, 'Huyện', '');
    const write = createBatchWriter(writer);
    const open = () => {
      const db = new Database(file);
      db.pragma('busy_timeout = 5000');
      attachCounts(db, countsFileFor(file));
      return db;
    };
    const [a, b] = [open(), open()];
    const foldA = createFolder(a, { chunk: 2 });
    const foldB = createFolder(b, { chunk: 3 });
    const results = scenario();
    write(results.slice(0, 3));
    expect(foldA()).toBe(3);
    expect(foldB()).toBe(0);
    write(results.slice(3));
    expect(foldB()).toBe(3);
    expect(foldA()).toBe(0);
    expect(sorted(sqliteAggregates(a, { campaignId: 'cd-2026' }))).toEqual(expected);
    // Nothing new: a fold writes nothing (the reader thread runs one five times a second).
    const changes = () => a.prepare('SELECT total_changes()').pluck().get();
    const before = changes();
    expect(foldA()).toBe(0);
    expect(changes()).toBe(before);
    expect(sorted(sqliteAggregates(b, { campaignId: 'cd-2026' }))).toEqual(expected);
    [a, b, writer].forEach((db) => db.close());
  });

  it('are thrown away and rebuilt when they cover results the results file lost', async () => {
    const file = tempFile();
    const store = openSqliteStore({ file, writer: 'main', synchronous: 'FULL' });
    await store.upsertUnits(UNITS);
    const [kept, lost] = [scenario().slice(0, 3), scenario().slice(3)];
    await Promise.all(kept.map((r) => store.submit(r)));
    await store.close();
    // The results file as a power loss could leave it: without what was written after this copy.
    copyFileSync(file, `${file}.before`);
    const later = openSqliteStore({ file, writer: 'main', synchronous: 'FULL' });
    await Promise.all(lost.map((r) => later.submit(r)));
    expect((await later.aggregates({ campaignId: 'cd-2026' })).byDay.reduce((n, d) => n + d.results, 0)).toBe(
      6,
    );
    await later.close();
    removeDb(file);
    copyFileSync(`${file}.before`, file);

    const reopened = openSqliteStore({ file, writer: 'main' });
    const after = await reopened.aggregates({ campaignId: 'cd-2026' });
    expect(sorted(after).totals).toEqual([
      { unitCode: SO, results: 3, machines: 2, withFindings: 2, cleaned: 1, cracked: 0 },
    ]);
    // New results take the lost results' row numbers: they are counted, the lost ones are not.
    const fresh = makeResult({ unitCode: HUYEN });
    expect(await reopened.submit(fresh)).toEqual({ status: 'created' });
    expect(sorted(await reopened.aggregates({ campaignId: 'cd-2026', unitCode: HUYEN })).totals).toEqual([
      { unitCode: HUYEN, results: 1, machines: 1, withFindings: 0, cleaned: 0, cracked: 0 },
    ]);
    await reopened.close();
  });

  it('are rebuilt from the results of a database written before migration 003', async () => {
    const file = tempFile();
    const old = new Database(file);
    old.exec(SCHEMA_MIGRATIONS_DDL);
    for (const mig of loadMigrations('sqlite').filter((x) => x.version <= 2)) {
      old.exec(mig.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(mig.version, mig.name, '');
    }
    for (const u of UNITS) old.prepare('INSERT INTO units VALUES (?, ?, ?)').run(u.code, u.name, '');
    // The old layout's own counters, left stale on purpose: the upgrade must not trust them.
    old.prepare("INSERT INTO day_counts VALUES ('cd-2026', ?, '2026-11-20', 999)").run(SO);
    createBatchWriter(old)(scenario());
    old.close();

    const store = openSqliteStore({ file, writer: 'main' });
    expect(sorted(await store.aggregates({ campaignId: 'cd-2026' }))).toEqual(expected);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(
      Math.max(...loadMigrations('sqlite').map((m) => m.version)),
    );
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'machines'").pluck().get()).toBe(0);
    db.close();
  });
});
