// The counts behind the dashboard and the reports, for the SQLite store: machines per campaign
// (the counting rules of issue 5), results per unit and day, results per indicator. They are
// derived from the append-only `results` table and kept in a file of their own beside it
// (`tally-counts.sqlite`), written only by the reader thread, which folds the results appended
// since its last fold in a few set-based statements.
//
// Why not in the submit transaction, as before: the machines upsert touched one random B-tree page
// per result and, with the counters, cost about two thirds of a write on the HTTP thread. Why a
// file of its own: a second writer on the results file would take its write lock and stall the
// submit path; this file has one writer, the reader thread, and the results file one, the server.
//
// Consistency: every fold records, in the same transaction, the last result it covers
// (`folded_seq`). Aggregates are read after a fold up to the newest committed result, so the
// dashboard always includes every answered submission. The counts can be deleted at any time:
// they are rebuilt from `results`. Should they ever be ahead of `results` (a power loss that took
// the last unsynced results with it), `checkCountsNotAhead` throws them away before any write.
import type Database from 'better-sqlite3';
import {
  MACHINE_COLUMNS,
  MACHINE_CONFLICT_SET,
  MACHINE_SELECT,
  machinesDdl,
  machineTotalsSql,
} from './machine-rules';
import { withResults } from './totals';
import type { AggregateQuery, Aggregates, UnitRow } from './types';

/**
 * Bumped when the layout or the counting rules change: counts of another version are rebuilt, not
 * migrated. 2: latest by receive time, row 5 from the latest result's findings, last result time.
 */
const COUNTS_VERSION = 2;
/**
 * Results folded per transaction by default. Each step rewrites every machines page it touches, so
 * steps must be large for a rebuild: a million results fold in about 4 s in steps of 100,000 and
 * 9 s in steps of 25,000 (bench/tally.bench.ts prints it).
 */
const FOLD_CHUNK = 100_000;

const COUNTS_TABLES = ['machines', 'day_counts', 'indicator_counts', 'fold_state'] as const;
const COUNTS_DDL = `
${machinesDdl('counts.machines')} WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counts.day_counts (
  campaign_id TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  day TEXT NOT NULL,
  results INTEGER NOT NULL,
  last_received TEXT NOT NULL,
  PRIMARY KEY (campaign_id, unit_code, day)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counts.indicator_counts (
  campaign_id TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  indicator_id TEXT NOT NULL,
  results INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, unit_code, indicator_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counts.fold_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  folded_seq INTEGER NOT NULL
);
INSERT OR IGNORE INTO counts.fold_state (id, folded_seq) VALUES (1, 0);
`;

/** Where the counts of the results file `dbFile` live (":memory:" for an in-memory store). */
export function countsFileFor(dbFile: string): string {
  return dbFile === ':memory:' ? ':memory:' : dbFile.replace(/(\.sqlite)?$/, '-counts.sqlite');
}

/**
 * Attaches the counts file to `db` as schema `counts`, creating its tables; counts of another
 * version are dropped (they are rebuilt from the results by the next fold).
 */
export function attachCounts(db: Database.Database, countsFile: string): void {
  db.prepare('ATTACH DATABASE ? AS counts').run(countsFile);
  if (countsFile !== ':memory:') {
    db.pragma('counts.journal_mode = WAL');
    // A cache: a power loss may cost the last folds, never their consistency; they are redone.
    db.pragma('counts.synchronous = NORMAL');
    // 64 MB: the machines of a province (500,000 take about 50 MB) stay in memory while folding.
    db.pragma('counts.cache_size = -65536');
  }
  const version = db.pragma('counts.user_version', { simple: true }) as number;
  // Deferred, like every transaction here: IMMEDIATE would also take the results file's write lock.
  db.transaction(() => {
    if (version !== COUNTS_VERSION) {
      for (const t of COUNTS_TABLES) db.exec(`DROP TABLE IF EXISTS counts.${t}`);
      db.pragma(`counts.user_version = ${COUNTS_VERSION}`);
    }
    db.exec(COUNTS_DDL);
  })();
}

/** The last result the counts cover, and the last result stored (0 when none). */
function foldPosition(db: Database.Database): { folded: () => number; last: () => number } {
  const folded = db.prepare<[], number>('SELECT folded_seq FROM counts.fold_state').pluck();
  const last = db.prepare<[], number | null>('SELECT max(seq) FROM main.results').pluck();
  return { folded: () => folded.get() ?? 0, last: () => last.get() ?? 0 };
}

/**
 * Throws the counts away when they cover results the results file no longer has (see the file
 * comment). Call before anything is written to the results file.
 */
export function checkCountsNotAhead(db: Database.Database): boolean {
  const position = foldPosition(db);
  if (position.folded() <= position.last()) return false;
  db.transaction(() => {
    for (const t of ['machines', 'day_counts', 'indicator_counts'] as const)
      db.exec(`DELETE FROM counts.${t}`);
    db.exec('UPDATE counts.fold_state SET folded_seq = 0');
  })();
  return true;
}

// The same column expressions the PostgreSQL store computes per result (machine-rules.ts). In key
// order: the upserts then walk the machines B-tree once instead of jumping about it (a quarter
// faster on a rebuild); the order of a machine's own results does not matter to the rules.
const FOLD_MACHINES = `INSERT INTO counts.machines (${MACHINE_COLUMNS})
  SELECT ${MACHINE_SELECT}
  FROM main.results WHERE seq > @from AND seq <= @to
  ORDER BY campaign_id, install_id
  ${MACHINE_CONFLICT_SET}`;
const FOLD_DAYS = `INSERT INTO counts.day_counts (campaign_id, unit_code, day, results, last_received)
  SELECT campaign_id, unit_code, day, COUNT(*), max(received_at) FROM main.results WHERE seq > @from AND seq <= @to
  GROUP BY campaign_id, unit_code, day
  ON CONFLICT (campaign_id, unit_code, day) DO UPDATE SET results = day_counts.results + excluded.results,
    last_received = max(day_counts.last_received, excluded.last_received)`;
// An indicator listed twice in one result counts once for that result.
const FOLD_INDICATORS = `INSERT INTO counts.indicator_counts (campaign_id, unit_code, indicator_id, results)
  SELECT r.campaign_id, r.unit_code, j.value, COUNT(DISTINCT r.seq)
  FROM main.results AS r, json_each(r.matched_ids) AS j WHERE r.seq > @from AND r.seq <= @to
  GROUP BY r.campaign_id, r.unit_code, j.value
  ON CONFLICT (campaign_id, unit_code, indicator_id) DO UPDATE SET results = indicator_counts.results + excluded.results`;

export interface FoldOptions {
  /** Results per transaction. */
  chunk?: number;
  /** Called after each committed step (the reader thread checkpoints there). */
  afterChunk?: () => void;
}

/** Returns a function that folds every committed result not yet counted; it returns how many. */
export function createFolder(db: Database.Database, options: FoldOptions = {}): () => number {
  const chunk = options.chunk ?? FOLD_CHUNK;
  const machines = db.prepare(FOLD_MACHINES);
  const days = db.prepare(FOLD_DAYS);
  const indicators = db.prepare(FOLD_INDICATORS);
  const { folded, last } = foldPosition(db);
  const record = db.prepare<[number]>('UPDATE counts.fold_state SET folded_seq = ?');
  const lockCounts = db.prepare('UPDATE counts.fold_state SET folded_seq = folded_seq');
  // One transaction per chunk: the read of `results` and the write of the counts see one snapshot.
  // Deferred, and its first statement takes the counts' write lock only: the results file is only
  // read, so the server's writer is never held up, and a second folder (the CLI beside a running
  // server) waits its turn instead of counting the same results twice.
  const step = db.transaction((): number => {
    lockCounts.run();
    const from = folded();
    const newest = last();
    if (newest <= from) return 0;
    const to = Math.min(newest, from + chunk);
    const range = { from, to };
    machines.run(range);
    days.run(range);
    indicators.run(range);
    record.run(to);
    return to - from;
  });
  // Read without a transaction or a lock: an idle server's folds (five a second) write nothing.
  const pending = () => last() > folded();
  return () => {
    let total = 0;
    while (pending()) {
      // Another folder may have taken these results meanwhile: the step checks again under the lock.
      const n = step();
      if (n === 0) break;
      total += n;
      options.afterChunk?.();
    }
    return total;
  };
}

/** Aggregates for the dashboard and the reports, read from the counts (fold first). */
export function sqliteAggregates(db: Database.Database, q: AggregateQuery): Aggregates {
  const p = { campaign: q.campaignId, unit: q.unitCode ?? null, top: q.topN ?? 10 };
  const where = 'campaign_id = @campaign AND (@unit IS NULL OR unit_code = @unit)';
  // One read transaction: the three tables and the units are one consistent picture.
  return db.transaction(() => {
    const totals = db.prepare(machineTotalsSql('counts.machines', where)).all(p) as Parameters<
      typeof withResults
    >[0];
    const days = db
      .prepare(
        `SELECT day, unit_code AS unitCode, SUM(results) AS results, max(last_received) AS lastReceived
        FROM counts.day_counts WHERE ${where} GROUP BY day, unit_code ORDER BY day, unit_code`,
      )
      .all(p) as Parameters<typeof withResults>[1];
    const topIndicators = db
      .prepare(
        `SELECT indicator_id AS indicatorId, SUM(results) AS results FROM counts.indicator_counts WHERE ${where}
        GROUP BY indicator_id ORDER BY results DESC, indicator_id LIMIT @top`,
      )
      .all(p) as Aggregates['topIndicators'];
    const units = db.prepare<[], UnitRow>('SELECT code, name FROM main.units ORDER BY code').all();
    const byDay = days.map((d) => ({ day: d.day, unitCode: d.unitCode, results: d.results }));
    return { units, totals: withResults(totals, days), byDay, topIndicators };
  })();
}
