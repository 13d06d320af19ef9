// The write path of the SQLite store: one transaction per batch of submissions, and nothing in it
// but appending to `results`. The counts (machines, per day, per indicator) are derived from the
// results afterwards, off this path, by the reader thread (sqlite-counts.ts).
//
// Exactly-once without a UNIQUE index (migration 002): the index cost one random B-tree page per
// result. Every submission id is kept in memory with its row id, loaded when the writer takes its
// first batch, so results are appended in rowid order. Meant for one writer process (the server;
// the CLI only imports units and reads): each batch takes the write lock first and compares the
// last row id with the one it knows, so rows appended by any other connection (rows are never
// deleted) make it reload the ids instead of storing a repeat twice. Memory: about 100 bytes per
// stored result (1,000,000 results ≈ 100 MB), loaded in about a second.
import type Database from 'better-sqlite3';
import type { AnonymizedResult } from '../../shared/tally/result';
import { resultColumns, sameAsStored, type StoredResultRow } from './stored-result';
import type { SubmitOutcome } from './types';

/** Prepares the statements once and returns the batch writer for this connection. */
export function createBatchWriter(db: Database.Database): (batch: AnonymizedResult[]) => SubmitOutcome[] {
  // Units are never deleted, so a unit seen once stays valid; a miss asks the database, which
  // picks up units imported meanwhile by the CLI or the admin API on another connection.
  const knownUnits = new Set<string>();
  const unitExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM units WHERE code = ?');
  // A repeat is told apart from a conflict by comparing the stored columns on that rare path,
  // instead of hashing every result on the way in (about 6 µs each).
  const prior = db.prepare<
    [number],
    StoredResultRow
  >(`SELECT install_id, campaign_id, unit_code, day, app_version,
      os_family, os_major, connections_checked, findings_ip, findings_cidr, findings_domain, cracked_signs,
      clean_rescan, matched_ids FROM results WHERE seq = ?`);
  const allIds = db.prepare<[], [string, number]>('SELECT submission_id, seq FROM results').raw();
  const lastSeq = db.prepare<[], number | null>('SELECT max(seq) FROM results').pluck();
  let ids: { seqById: Map<string, number>; last: number } | undefined;
  const loadIds = (last: number) => {
    const seqById = new Map<string, number>();
    for (const [id, seq] of allIds.iterate()) seqById.set(id, seq);
    return { seqById, last };
  };
  const insertResult =
    db.prepare(`INSERT INTO results (submission_id, payload_hash, install_id, campaign_id, unit_code, day,
      app_version, os_family, os_major, connections_checked, findings_ip, findings_cidr, findings_domain, cracked_signs,
      clean_rescan, matched_ids, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const unitKnown = (code: string) => {
    if (knownUnits.has(code)) return true;
    if (!unitExists.get(code)) return false;
    knownUnits.add(code);
    return true;
  };

  const run = db.transaction((batch: AnonymizedResult[]): SubmitOutcome[] => {
    const last = lastSeq.get() ?? 0;
    if (ids?.last !== last) ids = loadIds(last);
    const known = ids;
    const receivedAt = new Date().toISOString();
    const outcomes = batch.map((r): SubmitOutcome => {
      if (!unitKnown(r.unitCode)) return { status: 'unknown-unit' };
      const storedSeq = known.seqById.get(r.submissionId);
      if (storedSeq !== undefined) {
        const row = prior.get(storedSeq);
        return row && sameAsStored(row, r) ? { status: 'duplicate' } : { status: 'conflict' };
      }
      // Positional parameters: binding from an object costs a lookup per name per row.
      // Hash left empty: rows are compared column by column on a repeat (see stored-result.ts).
      const info = insertResult.run(...resultColumns(r, '', receivedAt));
      const seq = Number(info.lastInsertRowid);
      known.seqById.set(r.submissionId, seq);
      known.last = seq;
      return { status: 'created' };
    });
    return outcomes;
  });
  return (batch) => {
    try {
      // IMMEDIATE: the write lock is held before the last row id is compared.
      return run.immediate(batch);
    } catch (e) {
      // Rolled back: the ids added in memory were never stored, so they are reloaded.
      ids = undefined;
      throw e;
    }
  };
}

/** Opens a connection with the pragmas every tally connection uses. */
export function configure(db: Database.Database, synchronous: 'FULL' | 'NORMAL'): Database.Database {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}
