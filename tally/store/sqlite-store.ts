// SQLite store (better-sqlite3, WAL). Writes are group-committed: while one batch commits (and
// fsyncs), requests keep arriving and queue up as the next batch, and every caller's promise
// resolves only after its batch is durable, so a 2xx always follows a durable write. By default
// the inserts run on this thread (a batch of 15 takes well under a millisecond, less than handing
// it to another thread and back), the fsync of FULL on the thread pool, pipelined: the next batch
// is written while this one syncs (wal-syncer.ts). A second thread runs the checkpoints, folds
// the new results into the counts (their own file, sqlite-counts.ts) and answers aggregate reads.
// Unit writes and row counts use this thread's own connection.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createLogger } from '../../shared/logger';
import type { AnonymizedResult } from '../../shared/tally/result';
import { loadMigrations, SCHEMA_MIGRATIONS_DDL } from './migrations';
import { checkCountsNotAhead, countsFileFor, createFolder, sqliteAggregates } from './sqlite-counts';
import { configure, createBatchWriter } from './sqlite-writer';
import { pipelineSyncs, walSafetyNet } from './wal-syncer';
import { errorText } from './error-text';
import { checkResultsBeforeOpen, openCountsOf, unreadable } from './sqlite-startup';
import type { WriterInit, WriterReply, WriterRequest } from './sqlite-writer-worker';
import { CAMPAIGN_COLUMNS, CAMPAIGN_UPDATE, campaignFromRow, campaignValues } from './campaign-rows';
import { HUNT_SUMMARY_COLUMNS, huntSummaryFromRow, type HuntSummaryRow } from './hunt-summary-rows';
import type {
  AggregateQuery,
  Aggregates,
  CampaignRecord,
  HuntSummaryOutcome,
  SubmitOutcome,
  TallyStore,
  UnitRow,
} from './types';

const log = createLogger('tally-store');

interface Pending {
  result: AnonymizedResult;
  resolve: (o: SubmitOutcome) => void;
  reject: (e: unknown) => void;
}

export interface SqliteStoreOptions {
  /** Path of the database file (":memory:" for throwaway use, written inline). */
  file: string;
  /** FULL (default) survives power loss; NORMAL survives a crash of the process only. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Largest number of submissions in one transaction. */
  maxBatch?: number;
  /**
   * "main" (default for files): inserts on this thread, fsync pipelined, checkpoints on a thread;
   * "worker": inserts on a writer thread; "inline": all on this thread, SQLite's own syncs.
   */
  writer?: 'main' | 'worker' | 'inline';
}

/** Runs batches either inline or on the writer thread; resolves with one outcome per result. */
type BatchRunner = {
  /** `committed` fires when the writer can take the next batch (it may still be syncing this one). */
  run(batch: AnonymizedResult[], committed: () => void): Promise<SubmitOutcome[]>;
  /** True when `queued` submissions should wait for the next batch; `wake` is called when not. */
  hold?(queued: number): boolean;
  aggregates(query: AggregateQuery): Promise<Aggregates>;
  /** Problems of the threads behind this runner (none when all is well). */
  problems(): string[];
  close(): Promise<void>;
};

/** `db` must have the counts attached (openSqliteStore does). */
function inlineRunner(db: Database.Database): BatchRunner {
  const write = createBatchWriter(db);
  const fold = createFolder(db);
  return {
    run: (batch, committed) =>
      // setImmediate lets every request already parsed in this turn join the same commit.
      new Promise((resolve, reject) =>
        setImmediate(() => {
          try {
            resolve(write(batch));
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          } finally {
            committed();
          }
        }),
      ),
    aggregates: (query) => {
      fold();
      return Promise.resolve(sqliteAggregates(db, query));
    },
    problems: () => [],
    close: () => Promise.resolve(),
  };
}

/**
 * While an fsync runs, fewer than this many waiting submissions are held back for one commit after
 * it (they could not be answered before the fsync after it anyway); more are committed at once, so
 * the next batch's inserts overlap the running fsync.
 */
const HOLD_WHILE_SYNCING = 256;

function mainThreadRunner(file: string, synchronous: 'FULL' | 'NORMAL', wake: () => void): BatchRunner {
  const wdb = configure(new Database(file), synchronous);
  wdb.pragma('cache_size = -65536');
  const syncer = synchronous === 'FULL' ? pipelineSyncs(wdb, file) : undefined;
  // One commit per fsync instead of one per event-loop turn: half the commits, bigger batches.
  syncer?.onFlushed(wake);
  if (!syncer) wdb.pragma('wal_autocheckpoint = 50000');
  const write = createBatchWriter(wdb);
  const safetyNet = walSafetyNet(wdb, file, syncer ? 'OFF' : synchronous);
  const reader = startThread({ file, synchronous, role: 'reader' });
  // Its timer must not keep a finished process alive.
  reader.worker.unref();
  let reading = 0;
  return {
    run: (batch, committed) =>
      // setImmediate lets every request already parsed in this turn join the same commit.
      new Promise((resolve, reject) =>
        setImmediate(() => {
          let outcomes: SubmitOutcome[];
          try {
            outcomes = write(batch);
            safetyNet();
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
            return;
          } finally {
            committed();
          }
          if (syncer) syncer.afterCommit(() => resolve(outcomes), reject);
          else resolve(outcomes);
        }),
      ),
    hold: (queued) => syncer !== undefined && syncer.busy() && queued < HOLD_WHILE_SYNCING,
    async aggregates(query) {
      // An awaited reply must keep the process alive (a CLI report has nothing else running).
      if (reading++ === 0) reader.worker.ref();
      try {
        const reply = await reader.call({ aggregates: query });
        if ('aggregates' in reply) return reply.aggregates;
        throw new Error('error' in reply ? reply.error : 'unexpected reply from the reader thread');
      } finally {
        if (--reading === 0) reader.worker.unref();
      }
    },
    problems: () => reader.problems(),
    async close() {
      await syncer?.idle();
      syncer?.close();
      wdb.close();
      // Waiting on an unref'd thread's reply would let the process exit in the middle.
      reader.worker.ref();
      if (!reader.failed()) await reader.call({ close: true }).catch(() => undefined);
      await reader.worker.terminate();
    },
  };
}

/**
 * Set by scripts/build-tally.mjs: the compiled worker beside the bundle, as a path relative to this
 * source file. Without it (tests, tsx) the worker loads its TypeScript through tsx, which costs
 * about a second of start-up in the thread.
 */
declare const TALLY_BUNDLED_WORKER: string | undefined;
const workerUrl =
  typeof TALLY_BUNDLED_WORKER === 'string'
    ? new URL(TALLY_BUNDLED_WORKER, import.meta.url)
    : new URL('./sqlite-writer-worker.mjs', import.meta.url);

function startThread(init: WriterInit) {
  const worker = new Worker(workerUrl, { workerData: init });
  const waiting = new Map<
    number,
    { resolve: (r: WriterReply) => void; reject: (e: Error) => void; committed?: () => void }
  >();
  let next = 1;
  let failure: Error | undefined;
  let closing = false;
  // The last background failure the thread reported, until it reports recovery.
  let failingWith: string | undefined;
  const failAll = (e: Error) => {
    failure = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on('message', (reply: WriterReply) => {
    if ('health' in reply) {
      if (reply.health.ok) {
        log.info(`SQLite ${init.role} thread recovered`, { previousError: failingWith });
        failingWith = undefined;
      } else {
        failingWith = reply.health.error;
        log.error(`SQLite ${init.role} thread failing; retrying`, { error: failingWith });
      }
      return;
    }
    const w = waiting.get(reply.id);
    if ('committed' in reply) {
      w?.committed?.();
      return;
    }
    waiting.delete(reply.id);
    w?.resolve(reply);
  });
  worker.on('error', (e) => {
    log.error(`SQLite ${init.role} thread died`, { error: errorText(e) });
    failAll(new Error(`the SQLite ${init.role} thread died: ${errorText(e)}`));
  });
  worker.on('exit', (code) => {
    if (!closing && !failure) log.error(`SQLite ${init.role} thread stopped`, { exitCode: code });
    failAll(failure ?? new Error(`the SQLite ${init.role} thread has stopped (exit code ${code})`));
  });
  const call = (msg: Omit<WriterRequest, 'id'>, committed?: () => void) =>
    new Promise<WriterReply>((resolve, reject) => {
      if (failure) return reject(failure);
      if ('close' in msg) closing = true;
      const id = next++;
      waiting.set(id, { resolve, reject, committed });
      worker.postMessage({ ...msg, id });
    });
  const problems = (): string[] =>
    failure && !closing
      ? [failure.message]
      : failingWith !== undefined
        ? [`the SQLite ${init.role} thread is failing: ${failingWith}`]
        : [];
  return { worker, call, failed: () => failure, problems };
}

function workerRunner(init: Omit<WriterInit, 'role'>): BatchRunner {
  const writer = startThread({ ...init, role: 'writer' });
  const reader = startThread({ ...init, role: 'reader' });
  // Its timer must not keep a finished process alive.
  reader.worker.unref();
  return {
    async run(batch, committed) {
      const reply = await writer.call({ batch }, committed);
      if ('outcomes' in reply) return reply.outcomes;
      throw new Error('error' in reply ? reply.error : 'unexpected reply from the writer thread');
    },
    async aggregates(query) {
      const reply = await reader.call({ aggregates: query });
      if ('aggregates' in reply) return reply.aggregates;
      throw new Error('error' in reply ? reply.error : 'unexpected reply from the reader thread');
    },
    problems: () => [...writer.problems(), ...reader.problems()],
    async close() {
      for (const t of [writer, reader]) {
        // Waiting on an unref'd thread's reply would let the process exit in the middle.
        t.worker.ref();
        if (!t.failed()) await t.call({ close: true }).catch(() => undefined);
        await t.worker.terminate();
      }
    },
  };
}

/** Opens (creating and migrating on first start) the SQLite store. */
export function openSqliteStore(options: SqliteStoreOptions): TallyStore {
  const memory = options.file === ':memory:';
  const countsFile = countsFileFor(options.file);
  if (!memory) {
    mkdirSync(dirname(options.file), { recursive: true });
    // Before SQLite creates a fresh file where the results were (sqlite-startup.ts).
    checkResultsBeforeOpen(options.file, countsFile);
  }
  const synchronous = options.synchronous ?? 'FULL';
  let db: Database.Database;
  try {
    db = configure(new Database(options.file), synchronous);
    migrate(db);
  } catch (e) {
    throw unreadable(options.file, e);
  }
  const inline = memory || options.writer === 'inline';
  // A damaged counts file is rebuilt; results lost while counts remain stop the start.
  openCountsOf(db, options.file, countsFile, memory);
  // Before anything is written: counts ahead of the results are thrown away (sqlite-counts.ts).
  if (checkCountsNotAhead(db))
    log.warn('the counts covered results this database no longer has; they are rebuilt from the results');
  // The reader thread keeps the counts; this connection writes units, which must not lock them.
  if (!inline) db.exec('DETACH DATABASE counts');
  // The previous run's last connection checkpointed the WAL away; the next commit creates it again
  // and syncs its new header (SQLite does, even with NORMAL): up to 80 ms on a busy disk. Done here,
  // before the server listens, not in the first submission's commit (issue 18). Rewriting
  // user_version (unused in this file) with its own value is the smallest commit that does it.
  // Best effort: on a full disk the server still starts, and the first commit reports the error.
  if (!memory)
    try {
      db.pragma(`user_version = ${Number(db.pragma('user_version', { simple: true }))}`);
    } catch {
      // The first submission's commit starts it instead, or fails with the reason.
    }
  const maxBatch = options.maxBatch ?? 2000;
  const runner = inline
    ? inlineRunner(db)
    : options.writer === 'worker'
      ? workerRunner({ file: options.file, synchronous })
      : mainThreadRunner(options.file, synchronous, () => pump());

  let queue: Pending[] = [];
  // The batch the writer is inserting; batches already committed may still be syncing.
  let writing = false;
  const unanswered = new Set<Promise<void>>();
  let closed = false;
  // The last write's error until a write succeeds again (disk full: 5xx, then recovery).
  let writeFailure: string | undefined;
  // One batch written at a time: whatever queued while the last one was written goes in the next.
  const pump = () => {
    if (writing || queue.length === 0 || runner.hold?.(queue.length)) return;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    writing = true;
    let freed = false;
    const free = () => {
      if (freed) return;
      freed = true;
      writing = false;
      pump();
    };
    const answered: Promise<void> = runner
      .run(
        batch.map((p) => p.result),
        free,
      )
      .then(
        (outcomes) => {
          writeFailure = undefined;
          batch.forEach((p, i) => p.resolve(outcomes[i]));
        },
        (e: unknown) => {
          writeFailure = errorText(e);
          batch.forEach((p) => p.reject(e));
        },
      )
      .finally(() => {
        unanswered.delete(answered);
        free();
      });
    unanswered.add(answered);
  };

  const unitExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM units WHERE code = ?');
  const upsertUnit = db.prepare(`INSERT INTO units (code, name, created_at) VALUES (?, ?, ?)
    ON CONFLICT (code) DO UPDATE SET name = excluded.name`);

  const campaignExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM campaigns WHERE id = ?');
  const huntSummaryExists = db.prepare<[string, string], { one: number }>(
    'SELECT 1 AS one FROM hunt_summaries WHERE campaign_id = ? AND unit_code = ?',
  );
  const upsertHuntSummary = db.prepare(
    `INSERT INTO hunt_summaries (campaign_id, unit_code, devices, period_start, period_end, received_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (campaign_id, unit_code) DO UPDATE SET devices = excluded.devices,
       period_start = excluded.period_start, period_end = excluded.period_end, received_at = excluded.received_at`,
  );
  const upsertCampaign = db.prepare(
    `INSERT INTO campaigns (${CAMPAIGN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET ${CAMPAIGN_UPDATE}`,
  );
  const addIndicator = db.prepare(
    'INSERT OR IGNORE INTO campaign_indicators (campaign_id, indicator_key) VALUES (?, ?)',
  );
  const indicatorKnown = db
    .prepare<[string, string], number>(
      'SELECT 1 FROM campaign_indicators WHERE campaign_id = ? AND indicator_key = ?',
    )
    .pluck();

  return {
    kind: 'sqlite',
    submit(result) {
      if (closed) return Promise.reject(new Error('the tally store is closed'));
      return new Promise((resolve, reject) => {
        queue.push({ result, resolve, reject });
        pump();
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
      return Promise.resolve(run.immediate(units));
    },
    listUnits() {
      return Promise.resolve(db.prepare<[], UnitRow>('SELECT code, name FROM units ORDER BY code').all());
    },
    recordCampaign(campaign: CampaignRecord, keys: string[]) {
      const run = db.transaction(() => {
        const existed = campaignExists.get(campaign.id) !== undefined;
        upsertCampaign.run(...campaignValues(campaign));
        for (const k of keys) addIndicator.run(campaign.id, k);
        return existed ? ('updated' as const) : ('created' as const);
      });
      return Promise.resolve(run.immediate());
    },
    listCampaigns() {
      const rows = db
        .prepare<[], Record<string, unknown>>(
          `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns ORDER BY recorded_at DESC, id`,
        )
        .all();
      return Promise.resolve(rows.map(campaignFromRow));
    },
    unknownIndicators(campaignId, ids) {
      return Promise.resolve(
        [...new Set(ids)].filter((k) => indicatorKnown.get(campaignId, k) === undefined).sort(),
      );
    },
    setUnitTokenHash(unitCode, tokenHash, rotate) {
      const run = db.transaction((): 'set' | 'exists' | 'unknown-unit' => {
        if (!unitExists.get(unitCode)) return 'unknown-unit';
        const had = db.prepare('SELECT 1 FROM unit_tokens WHERE unit_code = ?').get(unitCode);
        if (had && !rotate) return 'exists';
        db.prepare(
          `INSERT INTO unit_tokens (unit_code, token_hash, created_at) VALUES (?, ?, ?)
           ON CONFLICT (unit_code) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
        ).run(unitCode, tokenHash, new Date().toISOString());
        return 'set';
      });
      return Promise.resolve(run.immediate());
    },
    revokeUnitToken(unitCode) {
      return Promise.resolve(
        db.prepare('DELETE FROM unit_tokens WHERE unit_code = ?').run(unitCode).changes > 0,
      );
    },
    unitTokenHashes() {
      const rows = db
        .prepare<[], { token_hash: string; unit_code: string }>(
          'SELECT token_hash, unit_code FROM unit_tokens',
        )
        .all();
      return Promise.resolve(new Map(rows.map((r) => [r.token_hash, r.unit_code])));
    },
    aggregates(query) {
      return runner.aggregates(query);
    },
    health() {
      const problems = [
        ...(writeFailure !== undefined ? [`writing results fails: ${writeFailure}`] : []),
        ...runner.problems(),
      ];
      return { ok: problems.length === 0, problems };
    },
    submitHuntSummary(h, receivedAt) {
      const run = db.transaction((): HuntSummaryOutcome => {
        if (!campaignExists.get(h.campaignId)) return 'unknown-campaign';
        if (!unitExists.get(h.unitCode)) return 'unknown-unit';
        const existed = huntSummaryExists.get(h.campaignId, h.unitCode) !== undefined;
        upsertHuntSummary.run(h.campaignId, h.unitCode, h.devices, h.periodStart, h.periodEnd, receivedAt);
        return existed ? 'replaced' : 'created';
      });
      return Promise.resolve(run.immediate());
    },
    huntSummaries(campaignId) {
      const rows = db
        .prepare<[string], HuntSummaryRow>(
          `SELECT ${HUNT_SUMMARY_COLUMNS} FROM hunt_summaries WHERE campaign_id = ? ORDER BY unit_code`,
        )
        .all(campaignId);
      return Promise.resolve(rows.map(huntSummaryFromRow));
    },
    resultCount() {
      return Promise.resolve(db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM results').get()!.n);
    },
    async close() {
      closed = true;
      while (unanswered.size > 0 || queue.length > 0) {
        pump();
        await Promise.all(unanswered);
      }
      await runner.close();
      db.close();
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
