// PostgreSQL's group-commit path (issue 18): submissions that arrive together are written as one
// statement. A repeat inside a batch is answered exactly as a repeat across batches; a batch that
// fails answers every request in it with the error and stores nothing; two tally instances on one
// database count each result once, and their counts equal a recount from the stored results;
// closing the store writes what is still queued before the pool goes.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnonymizedResult } from '../../shared/tally/result';
import { openPgStore } from './pg-store';
import type { TallyStore } from './types';
import {
  insertResultRow,
  makeResult,
  recordTestCampaign,
  UNITS,
  withFindings,
} from '../../test/support/tally/helpers';

const url = process.env.TEST_DATABASE_URL;
if (!url) throw new Error('TEST_DATABASE_URL is not set: run `source scripts/pg-test.sh && pg_start` first.');

/** The counters as stored, and the same numbers recounted from the results rows. */
async function countsAndRecount(connectionString: string, schema: string) {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    await c.query(`SET search_path = ${schema}`);
    const q = async (sql: string) => (await c.query<{ n: string | null }>(sql)).rows[0].n ?? '0';
    return {
      stored: {
        machines: await q('SELECT COUNT(*) AS n FROM machines'),
        withFindings: await q('SELECT SUM(had_finding) AS n FROM machines'),
        dayResults: await q('SELECT SUM(results) AS n FROM day_counts'),
        indicatorResults: await q('SELECT SUM(results) AS n FROM indicator_counts'),
      },
      recount: {
        machines: await q('SELECT COUNT(DISTINCT (campaign_id, install_id)) AS n FROM results'),
        withFindings: await q(
          `SELECT COUNT(DISTINCT (campaign_id, install_id)) AS n FROM results
           WHERE findings_ip + findings_cidr + findings_domain > 0`,
        ),
        dayResults: await q('SELECT COUNT(*) AS n FROM results'),
        indicatorResults: await q(
          `SELECT COUNT(*) AS n FROM (SELECT DISTINCT seq, id FROM results,
             jsonb_array_elements_text(matched_ids::jsonb) AS id) AS x`,
        ),
      },
    };
  } finally {
    await c.end();
  }
}

describe('PostgreSQL batched submissions', () => {
  const schema = `t_batch_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let a: TallyStore;
  let b: TallyStore;
  beforeAll(async () => {
    // Two stores, two pools: what two tally processes on one database are to each other.
    a = await openPgStore({ connectionString: url, schema, maxConnections: 6 });
    b = await openPgStore({ connectionString: url, schema, maxConnections: 6 });
    await a.upsertUnits(UNITS);
    await recordTestCampaign(a);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  });

  it('answers repeats and conflicts inside one batch as across batches', async () => {
    const earlier = makeResult();
    expect(await a.submit(earlier)).toEqual({ status: 'created' });
    const before = await a.resultCount();
    const r = withFindings(makeResult({ unitCode: 'UB-HUYEN-A' }), ['ioc-1', 'ioc-2']);
    const changed = { ...r, counts: { ...r.counts, connectionsChecked: r.counts.connectionsChecked + 1 } };
    // All submitted in the same turn of the event loop: one batch, with the repeats deferred.
    const outcomes = await Promise.all([
      a.submit(r),
      a.submit(r),
      a.submit(changed),
      a.submit(earlier),
      a.submit({ ...earlier, appVersion: '9.9.9' }),
      a.submit(makeResult({ unitCode: 'NO-SUCH-UNIT' })),
      a.submit(makeResult({ installId: r.installId, unitCode: 'BV-TINH' })),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'created',
      'duplicate',
      'conflict',
      'duplicate',
      'conflict',
      'unknown-unit',
      'created',
    ]);
    expect(await a.resultCount()).toBe(before + 2);
    const agg = await a.aggregates({ campaignId: 'cd-2026' });
    // The machine of r moved to BV-TINH with its later result (same batch: arrival order decides).
    const unit = (code: string) => agg.totals.find((t) => t.unitCode === code);
    expect(unit('BV-TINH')).toMatchObject({ machines: 1, withFindings: 1, cleaned: 1 });
    expect(unit('UB-HUYEN-A')?.machines ?? 0).toBe(0);
    expect(agg.topIndicators).toEqual([
      { indicatorId: 'ioc-1', results: 1 },
      { indicatorId: 'ioc-2', results: 1 },
    ]);
    const k = await countsAndRecount(url, schema);
    expect(k.stored).toEqual(k.recount);
  });

  it('a failed batch answers every request in it with the error and stores nothing', async () => {
    const before = await a.resultCount();
    const countsBefore = await countsAndRecount(url, schema);
    const good = [makeResult(), withFindings(makeResult(), ['ioc-9'])];
    // PostgreSQL refuses a NUL character in text: the whole statement fails.
    const bad = makeResult({ appVersion: 'bad\u0000' });
    const settled = await Promise.allSettled([a.submit(good[0]), a.submit(bad), a.submit(good[1])]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await a.resultCount()).toBe(before);
    expect(await countsAndRecount(url, schema)).toEqual(countsBefore);
    // The next batch works, and the results refused before can be sent again.
    expect((await Promise.all(good.map((g) => a.submit(g)))).map((o) => o.status)).toEqual([
      'created',
      'created',
    ]);
  });

  it('a result another instance is committing right now: a repeat once it commits, stored if it rolls back', async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`SET search_path = ${schema}`);
      for (const end of ['COMMIT', 'ROLLBACK'] as const) {
        const r = makeResult({ unitCode: UNITS[2].code });
        await c.query('BEGIN');
        // What another tally's batch statement writes for r, not yet committed.
        await insertResultRow(c, r, '', new Date().toISOString());
        const answer = a.submit(r);
        // The store's statement waits on that row; it is answered only after the other side ends.
        let answered = false;
        void answer.then(() => (answered = true));
        // Until another backend is seen waiting for this transaction's row lock.
        while (
          (
            await c.query(
              `SELECT 1 FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted AND transactionid = txid_current()::text::xid`,
            )
          ).rowCount === 0
        )
          await new Promise((done) => setImmediate(done));
        expect(answered).toBe(false);
        await c.query(end);
        expect(await answer).toEqual({ status: end === 'COMMIT' ? 'duplicate' : 'created' });
        const stored = await c.query('SELECT 1 FROM results WHERE submission_id = $1', [r.submissionId]);
        expect(stored.rowCount).toBe(1);
        // The row written by hand has no counters: removed so that the recounts below stay exact.
        if (end === 'COMMIT') await c.query('DELETE FROM results WHERE submission_id = $1', [r.submissionId]);
      }
    } finally {
      await c.end();
    }
  });

  it('two instances sent the same results at once count each once; counts equal a recount', async () => {
    const machines = Array.from({ length: 30 }, () => randomUUID());
    const results: AnonymizedResult[] = Array.from({ length: 300 }, (_, i) => {
      const base = makeResult({
        unitCode: UNITS[i % UNITS.length].code,
        installId: machines[(i * 7) % machines.length],
      });
      return i % 4 === 0 ? withFindings(base, i % 8 === 0 ? ['ioc-1', 'ioc-a'] : ['ioc-b']) : base;
    });
    const before = await a.resultCount();
    // Both instances get every result, in opposite orders, all at once.
    const [fromA, fromB] = await Promise.all([
      Promise.all(results.map((r) => a.submit(r))),
      Promise.all([...results].reverse().map((r) => b.submit(r))),
    ]);
    fromB.reverse();
    for (let i = 0; i < results.length; i += 1)
      expect([fromA[i].status, fromB[i].status].sort()).toEqual(['created', 'duplicate']);
    expect(await a.resultCount()).toBe(before + results.length);
    const k = await countsAndRecount(url, schema);
    expect(k.stored).toEqual(k.recount);
  });

  it('close writes what is queued before it ends the pool', async () => {
    const closing = await openPgStore({ connectionString: url, schema, maxConnections: 2 });
    const before = await a.resultCount();
    // Queued in this turn, not yet written: close() comes before the batch starts.
    const pending = Array.from({ length: 40 }, (_, i) =>
      closing.submit(makeResult({ unitCode: UNITS[i % UNITS.length].code })),
    );
    await closing.close();
    expect((await Promise.all(pending)).map((o) => o.status)).toEqual(pending.map(() => 'created'));
    expect(await a.resultCount()).toBe(before + pending.length);
  });
});
