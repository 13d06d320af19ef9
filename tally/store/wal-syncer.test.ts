// The WAL syncer answers a batch only after an fsync that began after its commit, shares one fsync
// among the commits that queued behind a running one, and never reports success after a failure.
import { existsSync, fsync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openWalSyncer } from './wal-syncer';
import { tempSqliteFiles } from '../../test/support/tally/helpers';

const dbFile = tempSqliteFiles('tally-wal-');

describe('WAL syncer', () => {
  it('answers every commit once, in commit order, never before an fsync ran', async () => {
    const file = dbFile();
    writeFileSync(`${file}-wal`, 'frames');
    let fsyncs = 0;
    const s = openWalSyncer(file, (fd, done) => {
      fsyncs += 1;
      fsync(fd, done);
    });
    const order: number[] = [];
    for (let i = 0; i < 5; i += 1)
      s.afterCommit(
        () => order.push(i),
        () => order.push(-1 - i),
      );
    // Nothing is durable until the asynchronous fsync has returned.
    expect(order).toEqual([]);
    await s.idle();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    // The first commit's fsync started at once; the four that queued behind it shared one more.
    expect(fsyncs).toBe(2);
    s.close();
  });

  it('says it is busy while an fsync runs and tells the store after its batches are answered', async () => {
    const file = dbFile();
    let release: () => void = () => undefined;
    const s = openWalSyncer(file, (fd, done) => {
      release = () => fsync(fd, done);
    });
    const events: string[] = [];
    s.onFlushed(() => events.push(`flushed, busy ${s.busy()}`));
    expect(s.busy()).toBe(false);
    s.afterCommit(
      () => events.push('durable'),
      () => events.push('failed'),
    );
    // The store holds the next commit while this is true (sqlite-store.ts).
    expect(s.busy()).toBe(true);
    release();
    await s.idle();
    expect(events).toEqual(['durable', 'flushed, busy false']);
    s.close();
  });

  it('creates a missing WAL so the first batch can be synced', async () => {
    const file = dbFile();
    const s = openWalSyncer(file);
    expect(existsSync(`${file}-wal`)).toBe(true);
    let durable = false;
    s.afterCommit(
      () => (durable = true),
      () => undefined,
    );
    await s.idle();
    expect(durable).toBe(true);
    s.close();
  });

  it('fails the batch, and every later one, when the fsync fails', async () => {
    const file = dbFile();
    // The first fsync fails as a failing disk would (EIO); the later ones would succeed.
    let calls = 0;
    const s = openWalSyncer(file, (_fd, done) =>
      setImmediate(() => done((calls += 1) === 1 ? new Error('EIO: i/o error, fsync') : null)),
    );
    const errors: string[] = [];
    let durable = 0;
    s.afterCommit(
      () => (durable += 1),
      (e) => errors.push(e.message),
    );
    await s.idle();
    s.afterCommit(
      () => (durable += 1),
      (e) => errors.push(e.message),
    );
    await s.idle();
    expect(durable).toBe(0);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/fsync of the SQLite WAL failed: EIO/);
    s.close();
  });
});
