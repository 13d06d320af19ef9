// The write path of the SQLite store: one transaction per batch of submissions, and nothing in it
// but appending to `results`. The counts (machines, per day, per indicator) are derived from the
// results afterwards, off this path, by the reader thread (sqlite-counts.ts).
//
// Exactly-once: each batch holds the write lock (IMMEDIATE) while it looks every submission id up
// in the results_by_submission index (migration 013) and appends the new ones, so a repeat is
// found whether it was stored by an earlier batch, by this one, or by another connection. Nothing
// per result is kept in memory and nothing is loaded at start (issue 18: it was every id, about
// 160 MB per million results, read before the first submission after a restart).
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
  const storedSeq = db
    .prepare<[string], number>('SELECT seq FROM results WHERE submission_id = ? ORDER BY seq LIMIT 1')
    .pluck();
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
    const receivedAt = new Date().toISOString();
    return batch.map((r): SubmitOutcome => {
      if (!unitKnown(r.unitCode)) return { status: 'unknown-unit' };
      const seq = storedSeq.get(r.submissionId);
      if (seq !== undefined) {
        const row = prior.get(seq);
        return row && sameAsStored(row, r) ? { status: 'duplicate' } : { status: 'conflict' };
      }
      // Positional parameters: binding from an object costs a lookup per name per row.
      // Hash left empty: rows are compared column by column on a repeat (see stored-result.ts).
      insertResult.run(...resultColumns(r, '', receivedAt));
      return { status: 'created' };
    });
  });
  // IMMEDIATE: the write lock is held before any id is looked up.
  return (batch) => run.immediate(batch);
}

/** Opens a connection with the pragmas every tally connection uses. */
export function configure(db: Database.Database, synchronous: 'FULL' | 'NORMAL'): Database.Database {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}
