// SQLite store (better-sqlite3, WAL). Writes are group-committed: submissions that arrive while
// the event loop is busy are written in one transaction, and every caller's promise resolves after
// that transaction commits, so a 2xx always follows a durable write and one fsync serves many.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AnonymizedResult } from '../../shared/tally/result';
import { resultHash } from './hash';
import { MACHINE_CONFLICT_SET, machineParams } from './machine-rules';
import { loadMigrations, SCHEMA_MIGRATIONS_DDL } from './migrations';
import type { AggregateQuery, Aggregates, SubmitOutcome, TallyStore, UnitRow } from './types';

interface Pending {
  result: AnonymizedResult;
  resolve: (o: SubmitOutcome) => void;
  reject: (e: unknown) => void;
}

export interface SqliteStoreOptions {
  /** Path of the database file (":memory:" for throwaway use). */
  file: string;
  /** FULL (default) survives power loss; NORMAL survives a crash of the process only. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Largest number of submissions in one transaction. */
  maxBatch?: number;
}

/** Opens (creating and migrating on first start) the SQLite store. */
export function openSqliteStore(options: SqliteStoreOptions): TallyStore {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const maxBatch = options.maxBatch ?? 2000;

  const unitExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM units WHERE code = ?');
  const existing = db.prepare<[string], { payload_hash: string }>(
    'SELECT payload_hash FROM results WHERE submission_id = ?',
  );
  const insertResult =
    db.prepare(`INSERT INTO results (submission_id, payload_hash, install_id, campaign_id, unit_code, day,
      app_version, os_family, os_major, connections_checked, findings_ip, findings_cidr, findings_domain, cracked_signs,
      clean_rescan, matched_ids, received_at)
    VALUES (@submissionId, @hash, @installId, @campaignId, @unitCode, @day, @appVersion, @osFamily, @osMajor, @conn,
      @ip, @cidr, @domain, @cracked, @clean, @ids, @receivedAt)`);
  const upsertMachine =
    db.prepare(`INSERT INTO machines (campaign_id, install_id, unit_code, had_finding, cracked, last_day,
      last_seq, last_clean) VALUES (@campaignId, @installId, @unitCode, @hadFinding, @cracked, @day, @seq, @clean)
    ${MACHINE_CONFLICT_SET}`);
  const bumpDay =
    db.prepare(`INSERT INTO day_counts (campaign_id, unit_code, day, results) VALUES (?, ?, ?, 1)
    ON CONFLICT (campaign_id, unit_code, day) DO UPDATE SET results = day_counts.results + 1`);
  const bumpIndicator =
    db.prepare(`INSERT INTO indicator_counts (campaign_id, unit_code, indicator_id, results)
    VALUES (?, ?, ?, 1) ON CONFLICT (campaign_id, unit_code, indicator_id) DO UPDATE SET results = indicator_counts.results + 1`);

  const writeOne = (r: AnonymizedResult, receivedAt: string): SubmitOutcome => {
    if (!unitExists.get(r.unitCode)) return { status: 'unknown-unit' };
    const hash = resultHash(r);
    const prior = existing.get(r.submissionId);
    if (prior) return prior.payload_hash === hash ? { status: 'duplicate' } : { status: 'conflict' };
    const info = insertResult.run({
      submissionId: r.submissionId,
      hash,
      installId: r.installId,
      campaignId: r.campaignId,
      unitCode: r.unitCode,
      day: r.day,
      appVersion: r.appVersion,
      osFamily: r.os.family,
      osMajor: r.os.major,
      conn: r.counts.connectionsChecked,
      ip: r.counts.findings.ip,
      cidr: r.counts.findings.cidr,
      domain: r.counts.findings.domain,
      cracked: r.counts.crackedSoftwareSigns,
      clean: r.cleanRescan === null ? null : r.cleanRescan ? 1 : 0,
      ids: JSON.stringify(r.matchedIndicatorIds),
      receivedAt,
    });
    upsertMachine.run(machineParams(r, Number(info.lastInsertRowid)));
    bumpDay.run(r.campaignId, r.unitCode, r.day);
    for (const id of r.matchedIndicatorIds) bumpIndicator.run(r.campaignId, r.unitCode, id);
    return { status: 'created' };
  };

  const writeBatch = db.transaction((batch: Pending[]) => {
    const receivedAt = new Date().toISOString();
    return batch.map((p) => writeOne(p.result, receivedAt));
  });

  let queue: Pending[] = [];
  let scheduled = false;
  let closed = false;
  const drain = () => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      let outcomes: SubmitOutcome[];
      try {
        outcomes = writeBatch(batch);
      } catch (e) {
        for (const p of batch) p.reject(e);
        continue;
      }
      batch.forEach((p, i) => p.resolve(outcomes[i]));
    }
  };

  const upsertUnit = db.prepare(`INSERT INTO units (code, name, created_at) VALUES (?, ?, ?)
    ON CONFLICT (code) DO UPDATE SET name = excluded.name`);

  return {
    kind: 'sqlite',
    submit(result) {
      if (closed) return Promise.reject(new Error('the tally store is closed'));
      return new Promise((resolve, reject) => {
        queue.push({ result, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          // setImmediate lets every request already parsed in this turn join the same commit.
          setImmediate(drain);
        }
      });
    },
    upsertUnits(units) {
      const now = new Date().toISOString();
      const run = db.transaction((rows: UnitRow[]) => {
        let inserted = 0;
        for (const u of rows) {
          if (!unitExists.get(u.code)) inserted += 1;
          upsertUnit.run(u.code, u.name, now);
        }
        return { inserted, updated: rows.length - inserted };
      });
      return Promise.resolve(run(units));
    },
    listUnits() {
      return Promise.resolve(db.prepare<[], UnitRow>('SELECT code, name FROM units ORDER BY code').all());
    },
    aggregates(query) {
      return Promise.resolve(sqliteAggregates(db, query));
    },
    resultCount() {
      return Promise.resolve(db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM results').get()!.n);
    },
    close() {
      drain();
      closed = true;
      db.close();
      return Promise.resolve();
    },
  };
}

function migrate(db: Database.Database): void {
  db.exec(SCHEMA_MIGRATIONS_DDL);
  const applied = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((r) => r.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of loadMigrations('sqlite')) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
}

function sqliteAggregates(db: Database.Database, q: AggregateQuery): Aggregates {
  const p = { campaign: q.campaignId ?? null, unit: q.unitCode ?? null, top: q.topN ?? 10 };
  const where = '(@campaign IS NULL OR campaign_id = @campaign) AND (@unit IS NULL OR unit_code = @unit)';
  const totals = db
    .prepare(
      `SELECT unit_code AS unitCode, COUNT(*) AS machines, SUM(had_finding) AS withFindings,
        SUM(had_finding * last_clean) AS cleaned, SUM(cracked) AS cracked
      FROM machines WHERE ${where} GROUP BY unit_code`,
    )
    .all(p) as Omit<Aggregates['totals'][number], 'results'>[];
  const byDay = db
    .prepare(
      `SELECT day, unit_code AS unitCode, SUM(results) AS results FROM day_counts WHERE ${where}
      GROUP BY day, unit_code ORDER BY day, unit_code`,
    )
    .all(p) as Aggregates['byDay'];
  const topIndicators = db
    .prepare(
      `SELECT indicator_id AS indicatorId, SUM(results) AS results FROM indicator_counts WHERE ${where}
      GROUP BY indicator_id ORDER BY results DESC, indicator_id LIMIT @top`,
    )
    .all(p) as Aggregates['topIndicators'];
  const units = db.prepare<[], UnitRow>('SELECT code, name FROM units ORDER BY code').all();
  return { units, totals: withResults(totals, byDay), byDay, topIndicators };
}

/** Adds each unit's number of results (from the per-day counters) to its machine totals. */
export function withResults(
  totals: Omit<Aggregates['totals'][number], 'results'>[],
  byDay: Aggregates['byDay'],
): Aggregates['totals'] {
  const results = new Map<string, number>();
  for (const d of byDay) results.set(d.unitCode, (results.get(d.unitCode) ?? 0) + Number(d.results));
  return totals.map((t) => ({
    unitCode: t.unitCode,
    results: results.get(t.unitCode) ?? 0,
    machines: Number(t.machines),
    withFindings: Number(t.withFindings),
    cleaned: Number(t.cleaned),
    cracked: Number(t.cracked),
  }));
}
