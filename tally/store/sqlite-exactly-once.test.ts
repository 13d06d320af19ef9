// SQLite enforces exactly-once in its writer (no UNIQUE index since migration 002): a database
// written before the migration keeps its results and still answers their repeats, and repeats are
// recognised after a restart and within one batch.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, SCHEMA_MIGRATIONS_DDL } from './migrations';
import { createBatchWriter } from './sqlite-writer';
import { openSqliteStore } from './sqlite-store';
import { makeResult, tempSqliteFiles, UNITS } from '../../test/support/tally/helpers';

const tempFile = tempSqliteFiles('tally-once-');

describe('SQLite exactly-once without a unique index', () => {
  it('migrates a database written at version 1 and still answers its repeats and conflicts', async () => {
    const file = tempFile();
    const old = new Database(file);
    old.exec(SCHEMA_MIGRATIONS_DDL);
    old.exec(loadMigrations('sqlite')[0].sql);
    old
      .prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)')
      .run('001_initial', new Date().toISOString());
    old
      .prepare('INSERT INTO units (code, name, created_at) VALUES (?, ?, ?)')
      .run(UNITS[0].code, UNITS[0].name, '');
    const before = [makeResult({ unitCode: UNITS[0].code }), makeResult({ unitCode: UNITS[0].code })];
    expect(createBatchWriter(old)(before).map((o) => o.status)).toEqual(['created', 'created']);
    old.close();

    const store = openSqliteStore({ file, writer: 'inline' });
    expect(await store.resultCount()).toBe(2);
    expect(await store.submit(before[1])).toEqual({ status: 'duplicate' });
    expect(await store.submit({ ...before[0], day: '2026-11-21' })).toEqual({ status: 'conflict' });
    expect(await store.submit(makeResult({ unitCode: UNITS[0].code }))).toEqual({ status: 'created' });
    expect(await store.resultCount()).toBe(3);
    const agg = await store.aggregates({ campaignId: 'cd-2026' });
    expect(agg.totals.find((t) => t.unitCode === UNITS[0].code)?.machines).toBe(3);
    await store.close();

    const db = new Database(file, { readonly: true });
    // Migration 013's index finds a stored id; it is not UNIQUE: the writer decides.
    const indexes = db.prepare<[], { name: string; unique: number }>('PRAGMA index_list(results)').all();
    expect(indexes.map((i) => [i.name, i.unique])).toEqual([['results_by_submission', 0]]);
    db.close();
  });

  it('answers a repeat after a restart and a repeat inside the same batch, storing each result once', async () => {
    const file = tempFile();
    const first = openSqliteStore({ file, writer: 'main', synchronous: 'FULL' });
    await first.upsertUnits(UNITS);
    const r = makeResult({ unitCode: UNITS[1].code });
    // Submitted together, so both go in one batch.
    const [a, b, c] = await Promise.all([
      first.submit(r),
      first.submit(structuredClone(r)),
      first.submit({ ...r, appVersion: '9.9.9' }),
    ]);
    expect([a, b, c]).toEqual([{ status: 'created' }, { status: 'duplicate' }, { status: 'conflict' }]);
    await first.close();

    const second = openSqliteStore({ file, writer: 'main', synchronous: 'FULL' });
    expect(await second.submit(structuredClone(r))).toEqual({ status: 'duplicate' });
    expect(await second.submit({ ...r, cleanRescan: true })).toEqual({ status: 'conflict' });
    expect(await second.resultCount()).toBe(1);
    await second.close();
  });

  it('does not store a repeat twice when another connection appended results meanwhile', async () => {
    const file = tempFile();
    const one = openSqliteStore({ file, writer: 'inline' });
    await one.upsertUnits(UNITS);
    expect(await one.submit(makeResult({ unitCode: UNITS[0].code }))).toEqual({ status: 'created' });
    const other = openSqliteStore({ file, writer: 'inline' });
    const r = makeResult({ unitCode: UNITS[0].code });
    expect(await other.submit(r)).toEqual({ status: 'created' });
    // The first writer loaded its ids before `r` existed.
    expect(await one.submit(structuredClone(r))).toEqual({ status: 'duplicate' });
    expect(await one.resultCount()).toBe(2);
    await other.close();
    await one.close();
  });
});
