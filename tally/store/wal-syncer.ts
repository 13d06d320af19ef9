// Pipelined durability for synchronous=FULL. SQLite would fsync the WAL inside every COMMIT, so the
// writer thread sat idle while the disk flushed and the disk sat idle while the next batch was
// inserted. Instead the writer connection commits without syncing and this fsyncs the WAL file on
// libuv's thread pool: batch N+1 is inserted while batch N's fsync runs, and each batch is answered
// only after an fsync that started after its commit returned, i.e. once its WAL frames are on disk.
// One fsync at a time; every commit made while one runs shares the next (group sync).
import type Database from 'better-sqlite3';
import { closeSync, fsync, fsyncSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WalSyncer {
  /** Calls `durable` once everything committed before this call is on disk (or `failed`). */
  afterCommit(durable: () => void, failed: (e: Error) => void): void;
  /** Resolves when no fsync is running or waiting. */
  idle(): Promise<void>;
  /** True while an fsync runs. */
  busy(): boolean;
  /** Called after every fsync, once its batches are answered (the store's writer waits on it). */
  onFlushed(listener: () => void): void;
  close(): void;
}

/** Opens the WAL of `dbFile` for fsync (`flush` replaceable so tests can make it fail). */
export function openWalSyncer(
  dbFile: string,
  flush: (fd: number, done: (err: Error | null) => void) => void = fsync,
): WalSyncer {
  // Appending nothing creates a missing WAL (SQLite treats an empty one as new); the descriptor
  // kept is read-write because Windows flushes only a handle with full write access.
  closeSync(openSync(`${dbFile}-wal`, 'a'));
  const fd = openSync(`${dbFile}-wal`, 'r+');
  // The WAL's directory entry must be durable too, once; a directory cannot be flushed on Windows.
  if (process.platform !== 'win32') {
    const dir = openSync(dirname(dbFile), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
  let running = false;
  let broken: Error | undefined;
  let next: { durable: () => void; failed: (e: Error) => void }[] = [];
  let idleWaiters: (() => void)[] = [];
  let flushed = () => undefined as void;

  const start = () => {
    if (running) return;
    if (next.length === 0) {
      idleWaiters.forEach((w) => w());
      idleWaiters = [];
      return;
    }
    running = true;
    const covered = next;
    next = [];
    flush(fd, (err) => {
      running = false;
      // After a failed fsync the kernel may have dropped the dirty pages: nothing written since
      // can be promised durable, so every later batch fails too and the caller stops the writer.
      if (err && !broken) broken = new Error(`fsync of the SQLite WAL failed: ${err.message}`);
      for (const c of covered) {
        if (broken) c.failed(broken);
        else c.durable();
      }
      start();
      flushed();
    });
  };

  return {
    afterCommit(durable, failed) {
      if (broken) return failed(broken);
      next.push({ durable, failed });
      start();
    },
    idle: () =>
      running || next.length > 0 ? new Promise<void>((r) => idleWaiters.push(r)) : Promise.resolve(),
    busy: () => running,
    onFlushed(listener) {
      flushed = listener;
    },
    close: () => closeSync(fd),
  };
}

/** Switches a writer connection to pipelined syncs: no fsync in COMMIT, no checkpoint on it. */
export function pipelineSyncs(db: Database.Database, dbFile: string): WalSyncer {
  const syncer = openWalSyncer(dbFile);
  db.pragma('synchronous = OFF');
  // A checkpoint on this connection would copy pages without syncing the database file; the
  // reader thread (FULL) runs them instead.
  db.pragma('wal_autocheckpoint = 0');
  return syncer;
}

// Should the reader thread fall behind (a long report holding a snapshot), the WAL still cannot
// grow without bound: the writer checkpoints itself, with FULL so the database file is synced.
const WAL_SAFETY_BYTES = 256 * 1024 * 1024;

/** Returns a check to call after each commit; every 256th looks at the WAL's size. */
export function walSafetyNet(db: Database.Database, dbFile: string, mode: 'OFF' | 'NORMAL' | 'FULL') {
  let commits = 0;
  return (): void => {
    commits += 1;
    if (commits % 256 !== 0) return;
    let size: number;
    try {
      size = statSync(`${dbFile}-wal`).size;
    } catch {
      return;
    }
    if (size < WAL_SAFETY_BYTES) return;
    db.pragma('synchronous = FULL');
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      db.pragma(`synchronous = ${mode}`);
    }
  };
}
