// The SQLite writer thread. Commits (and their fsync) happen here, so the HTTP thread keeps
// accepting requests meanwhile; those requests form the next batch: group commit.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { AnonymizedResult } from '../../shared/tally/result';
import type { SubmitOutcome } from './types';
import { configure, createBatchWriter } from './sqlite-writer';

export interface WriterInit {
  file: string;
  synchronous: 'FULL' | 'NORMAL';
}
export type WriterRequest = { id: number; batch: AnonymizedResult[] } | { id: number; close: true };
export type WriterReply =
  { id: number; outcomes: SubmitOutcome[] } | { id: number; error: string } | { id: number; closed: true };

const init = workerData as WriterInit;
const db = configure(new Database(init.file), init.synchronous);
const write = createBatchWriter(db);
const port = parentPort!;

port.on('message', (msg: WriterRequest) => {
  if ('close' in msg) {
    db.close();
    port.postMessage({ id: msg.id, closed: true } satisfies WriterReply);
    return;
  }
  try {
    port.postMessage({ id: msg.id, outcomes: write(msg.batch) } satisfies WriterReply);
  } catch (e) {
    port.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) } satisfies WriterReply);
  }
});
