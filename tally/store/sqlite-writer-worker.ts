// The SQLite writer thread. Commits (and their fsync) happen here, so the HTTP thread keeps
// accepting requests meanwhile; those requests form the next batch: group commit.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { AnonymizedResult } from '../../shared/tally/result';
import { sqliteAggregates } from './sqlite-aggregates';
import type { AggregateQuery, Aggregates, SubmitOutcome } from './types';
import { configure, createBatchWriter } from './sqlite-writer';

export interface WriterInit {
  file: string;
  synchronous: 'FULL' | 'NORMAL';
  /** "checkpointer": a second thread that copies the WAL back into the database file. */
  role: 'writer' | 'checkpointer';
}
export type WriterRequest =
  | { id: number; batch: AnonymizedResult[] }
  | { id: number; aggregates: AggregateQuery }
  | { id: number; close: true };
export type WriterReply =
  | { id: number; outcomes: SubmitOutcome[] }
  | { id: number; aggregates: Aggregates }
  | { id: number; error: string }
  | { id: number; closed: true };

const init = workerData as WriterInit;
const db = configure(new Database(init.file), init.synchronous);
const port = parentPort!;

// Checkpoints read and fsync many pages; done on the writer they stall every request waiting on
// the next commit. A separate thread runs them PASSIVE (never blocking the writer) instead, and
// answers the aggregate reads, so a report over many machines never stalls the HTTP thread.
if (init.role === 'checkpointer') {
  const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), 200);
  port.on('message', (msg: WriterRequest) => {
    if ('aggregates' in msg) {
      try {
        port.postMessage({
          id: msg.id,
          aggregates: sqliteAggregates(db, msg.aggregates),
        } satisfies WriterReply);
      } catch (e) {
        port.postMessage({
          id: msg.id,
          error: e instanceof Error ? e.message : String(e),
        } satisfies WriterReply);
      }
      return;
    }
    clearInterval(timer);
    db.pragma('wal_checkpoint(PASSIVE)');
    db.close();
    port.postMessage({ id: msg.id, closed: true } satisfies WriterReply);
  });
} else {
  // A safety net only: should the checkpointer stop, the WAL still cannot grow without bound.
  db.pragma('wal_autocheckpoint = 50000');
  db.pragma('cache_size = -65536');
  serveWrites();
}

function serveWrites(): void {
  const write = createBatchWriter(db);

  port.on('message', (msg: WriterRequest) => {
    if ('close' in msg) {
      db.close();
      port.postMessage({ id: msg.id, closed: true } satisfies WriterReply);
      return;
    }
    if (!('batch' in msg)) {
      port.postMessage({ id: msg.id, error: 'the writer thread only writes' } satisfies WriterReply);
      return;
    }
    try {
      port.postMessage({ id: msg.id, outcomes: write(msg.batch) } satisfies WriterReply);
    } catch (e) {
      port.postMessage({
        id: msg.id,
        error: e instanceof Error ? e.message : String(e),
      } satisfies WriterReply);
    }
  });
}
