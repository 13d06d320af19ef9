// SQLite store (better-sqlite3, WAL). Writes are group-committed on a writer thread: while one
// batch commits (and fsyncs), requests keep arriving and queue up as the next batch, and every
// caller's promise resolves only after its batch committed, so a 2xx always follows a durable write.
// With FULL the fsync is pipelined (wal-syncer.ts): the next batch is written while this one syncs.
// Reads (dashboard, reports) use this thread's own connection; WAL lets them run beside the writer.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createLogger } from '../../shared/logger';
import type { AnonymizedResult } from '../../shared/tally/result';
import { loadMigrations, SCHEMA_MIGRATIONS_DDL } from './migrations';
import { sqliteAggregates } from './sqlite-aggregates';
import { configure, createBatchWriter } from './sqlite-writer';
import type { WriterInit, WriterReply, WriterRequest } from './sqlite-writer-worker';
import type { AggregateQuery, Aggregates, SubmitOutcome, TallyStore, UnitRow } from './types';

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
  /** "worker" (default for files) commits on a writer thread; "inline" on this thread. */
  writer?: 'worker' | 'inline';
}

/** Runs batches either inline or on the writer thread; resolves with one outcome per result. */
type BatchRunner = {
  /** `committed` fires when the writer can take the next batch (it may still be syncing this one). */
  run(batch: AnonymizedResult[], committed: () => void): Promise<SubmitOutcome[]>;
  aggregates(query: AggregateQuery): Promise<Aggregates>;
  close(): Promise<void>;
};

function inlineRunner(db: Database.Database): BatchRunner {
  const write = createBatchWriter(db);
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
    aggregates: (query) => Promise.resolve(sqliteAggregates(db, query)),
    close: () => Promise.resolve(),
  };
}

function startThread(init: WriterInit) {
  const worker = new Worker(new URL('./sqlite-writer-worker.mjs', import.meta.url), { workerData: init });
  const waiting = new Map<
    number,
    { resolve: (r: WriterReply) => void; reject: (e: Error) => void; committed?: () => void }
  >();
  let next = 1;
  let failure: Error | undefined;
  const failAll = (e: Error) => {
    failure = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on('message', (reply: WriterReply) => {
    const w = waiting.get(reply.id);
    if ('committed' in reply) {
      w?.committed?.();
      return;
    }
    waiting.delete(reply.id);
    w?.resolve(reply);
  });
  worker.on('error', (e) => {
    log.error('SQLite writer thread failed', { error: String(e) });
    failAll(e);
  });
  worker.on('exit', () => failAll(new Error('the SQLite writer thread has stopped')));
  const call = (msg: Omit<WriterRequest, 'id'>, committed?: () => void) =>
    new Promise<WriterReply>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = next++;
      waiting.set(id, { resolve, reject, committed });
      worker.postMessage({ ...msg, id });
    });
  return { worker, call, failed: () => failure };
}

function workerRunner(init: Omit<WriterInit, 'role'>): BatchRunner {
  const writer = startThread({ ...init, role: 'writer' });
  const checkpointer = startThread({ ...init, role: 'checkpointer' });
  // Its timer must not keep a finished process alive.
  checkpointer.worker.unref();
  return {
    async run(batch, committed) {
      const reply = await writer.call({ batch }, committed);
      if ('outcomes' in reply) return reply.outcomes;
      throw new Error('error' in reply ? reply.error : 'unexpected reply from the writer thread');
    },
    async aggregates(query) {
      const reply = await checkpointer.call({ aggregates: query });
      if ('aggregates' in reply) return reply.aggregates;
      throw new Error('error' in reply ? reply.error : 'unexpected reply from the reader thread');
    },
    async close() {
      for (const t of [writer, checkpointer]) {
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
  if (!memory) mkdirSync(dirname(options.file), { recursive: true });
  const synchronous = options.synchronous ?? 'FULL';
  const db = configure(new Database(options.file), synchronous);
  migrate(db);
  const maxBatch = options.maxBatch ?? 2000;
  const runner =
    memory || options.writer === 'inline'
      ? inlineRunner(db)
      : workerRunner({ file: options.file, synchronous });

  let queue: Pending[] = [];
  // The batch the writer is inserting; batches already committed may still be syncing.
  let writing = false;
  const unanswered = new Set<Promise<void>>();
  let closed = false;
  // One batch written at a time: whatever queued while the last one was written goes in the next.
  const pump = () => {
    if (writing || queue.length === 0) return;
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
        (outcomes) => batch.forEach((p, i) => p.resolve(outcomes[i])),
        (e: unknown) => batch.forEach((p) => p.reject(e)),
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
    aggregates(query) {
      return runner.aggregates(query);
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
