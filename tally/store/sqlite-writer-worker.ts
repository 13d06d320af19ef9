// The SQLite writer thread. Commits (and their fsync) happen here, so the HTTP thread keeps
// accepting requests meanwhile; those requests form the next batch: group commit.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { AnonymizedResult } from '../../shared/tally/result';
import { attachCounts, countsFileFor, createFolder, sqliteAggregates } from './sqlite-counts';
import type { AggregateQuery, Aggregates, SubmitOutcome } from './types';
import { errorText } from './error-text';
import { configure, createBatchWriter } from './sqlite-writer';
import { pipelineSyncs, walSafetyNet, type WalSyncer } from './wal-syncer';

export interface WriterInit {
  file: string;
  synchronous: 'FULL' | 'NORMAL';
  /**
   * "reader": a second thread that copies the WAL back into the database file, folds new
   * results into the counts and answers the aggregate reads.
   */
  role: 'writer' | 'reader';
}
export type WriterRequest =
  | { id: number; batch: AnonymizedResult[] }
  | { id: number; aggregates: AggregateQuery }
  | { id: number; close: true };
export type WriterReply =
  /** The batch is committed (not yet durable): the writer is free to take the next one. */
  | { id: number; committed: true }
  /** The batch is durable: answer its requests. */
  | { id: number; outcomes: SubmitOutcome[] }
  | { id: number; aggregates: Aggregates }
  | { id: number; error: string }
  | { id: number; closed: true }
  /** Unprompted (id 0): the reader's background work started failing (error) or recovered. */
  | { id: 0; health: { ok: true } | { ok: false; error: string } };

const init = workerData as WriterInit;
const db = configure(new Database(init.file), init.synchronous);
const port = parentPort!;

function serveWrites(walSyncer: WalSyncer | undefined): void {
  if (!walSyncer) db.pragma('wal_autocheckpoint = 50000');
  const write = createBatchWriter(db);
  const safetyNet = walSafetyNet(db, init.file, walSyncer ? 'OFF' : init.synchronous);
  const fail = (id: number, e: unknown) =>
    port.postMessage({ id, error: errorText(e) } satisfies WriterReply);

  port.on('message', (msg: WriterRequest) => {
    if ('close' in msg) {
      void (walSyncer?.idle() ?? Promise.resolve()).then(() => {
        walSyncer?.close();
        db.close();
        port.postMessage({ id: msg.id, closed: true } satisfies WriterReply);
      });
      return;
    }
    if (!('batch' in msg)) {
      port.postMessage({ id: msg.id, error: 'the writer thread only writes' } satisfies WriterReply);
      return;
    }
    let outcomes: SubmitOutcome[];
    try {
      outcomes = write(msg.batch);
      safetyNet();
    } catch (e) {
      fail(msg.id, e);
      return;
    }
    if (!walSyncer) {
      port.postMessage({ id: msg.id, outcomes } satisfies WriterReply);
      return;
    }
    port.postMessage({ id: msg.id, committed: true } satisfies WriterReply);
    walSyncer.afterCommit(
      () => port.postMessage({ id: msg.id, outcomes } satisfies WriterReply),
      (e) => {
        fail(msg.id, e);
        // Nothing more can be promised durable: stop, and the store fails every later submit.
        process.exit(1);
      },
    );
  });
}

// Checkpoints read and fsync many pages; done on the writer they stall every request waiting on
// the next commit. A separate thread runs them PASSIVE (never blocking the writer) instead, folds
// the results appended since its last turn into the counts (sqlite-counts.ts), and answers the
// aggregate reads after a last fold, so a report includes every answered submission and never
// stalls the HTTP thread.
if (init.role === 'reader') {
  attachCounts(db, countsFileFor(init.file));
  const checkpoint = () => db.pragma('main.wal_checkpoint(PASSIVE)');
  // A long fold (counts rebuilt from many results) checkpoints between its steps.
  const fold = createFolder(db, { afterChunk: checkpoint });
  // Every SQLite error of a turn (busy, disk full, I/O) is caught: the thread must outlive a full
  // disk and carry on once space is freed. The main thread hears of the first failure and of the
  // recovery (for /healthz and the log); the turns in between retry quietly.
  let failing: string | undefined;
  const turn = () => {
    const errors: string[] = [];
    // The counts stay behind while the fold fails; reads fold again anyway.
    for (const work of [fold, checkpoint]) {
      try {
        work();
      } catch (e) {
        errors.push(errorText(e));
      }
    }
    const now = errors.length > 0 ? errors.join('; ') : undefined;
    if (now === failing) return;
    failing = now;
    port.postMessage({
      id: 0,
      health: now === undefined ? { ok: true } : { ok: false, error: now },
    } satisfies WriterReply);
  };
  const timer = setInterval(turn, 200);
  port.on('message', (msg: WriterRequest) => {
    if ('aggregates' in msg) {
      try {
        fold();
        port.postMessage({
          id: msg.id,
          aggregates: sqliteAggregates(db, msg.aggregates),
        } satisfies WriterReply);
      } catch (e) {
        port.postMessage({ id: msg.id, error: errorText(e) } satisfies WriterReply);
      }
      return;
    }
    clearInterval(timer);
    try {
      checkpoint();
    } catch {
      // The WAL is kept and copied back at the next start.
    }
    db.close();
    port.postMessage({ id: msg.id, closed: true } satisfies WriterReply);
  });
} else {
  db.pragma('cache_size = -65536');
  serveWrites(init.synchronous === 'FULL' ? pipelineSyncs(db, init.file) : undefined);
}
