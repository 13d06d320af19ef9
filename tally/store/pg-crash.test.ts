// kill -9 of a tally on PostgreSQL while batches are being written (issue 18): every submission
// that got a 2xx is stored, the counts equal a recount from the results (a batch is one statement:
// all of it or nothing), and sending everything again stores each result once.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgStore } from './pg-store';
import { postResultTo, seedTestStore } from '../../test/support/tally/helpers';
import { killUnderLoad } from '../../test/support/tally/kill-under-load';
import {
  startTallyProcess,
  stopTallyProcess,
  type ServerProcess,
} from '../../test/support/tally/server-process';

const url = process.env.TEST_DATABASE_URL;
if (!url) throw new Error('TEST_DATABASE_URL is not set: run `source scripts/pg-test.sh && pg_start` first.');
const SLOW = 120_000;

describe('tally on PostgreSQL killed with SIGKILL mid-batch', () => {
  const schema = `t_crash_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-pg-crash-'));
  // The server's connections work in the test's schema.
  const databaseUrl = `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const env = { TALLY_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, TALLY_RATE_LIMIT_MAX: '1000000' };
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server) await stopTallyProcess(server, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  });

  it('keeps every acknowledged submission and counts none twice', { timeout: SLOW }, async () => {
    const seed = await openPgStore({ connectionString: url, schema });
    const tokens = await seedTestStore(seed);
    await seed.close();

    // 32 senders keep several batches in flight; the kill comes once 300 were acknowledged.
    server = await startTallyProcess(env);
    const { sent, acked } = await killUnderLoad(server, tokens, 32);

    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`SET search_path = ${schema}`);
    const stored = new Set(
      (await c.query<{ id: string }>('SELECT submission_id AS id FROM results')).rows.map((r) => r.id),
    );
    expect([...acked].filter((id) => !stored.has(id))).toEqual([]);
    const recount = async () =>
      (
        await c.query<Record<string, string>>(
          `SELECT (SELECT COUNT(*) FROM machines) AS machines,
             (SELECT COUNT(DISTINCT (campaign_id, install_id)) FROM results) AS machines_recount,
             (SELECT SUM(results) FROM day_counts) AS days, (SELECT COUNT(*) FROM results) AS results,
             (SELECT SUM(results) FROM indicator_counts) AS indicators,
             (SELECT COUNT(*) FROM results WHERE matched_ids <> '[]') AS indicators_recount`,
        )
      ).rows[0];
    const k = await recount();
    expect([k.machines, k.days, k.indicators]).toEqual([k.machines_recount, k.results, k.indicators_recount]);

    // Everything again, through a new server: each result stored once, acknowledged ones as repeats.
    server = await startTallyProcess(env);
    for (const r of sent) {
      const status = (await postResultTo(server.url, tokens, r)).status;
      expect(acked.has(r.submissionId) ? [200] : [200, 201]).toContain(status);
    }
    const after = await recount();
    expect(Number(after.results)).toBe(new Set(sent.map((r) => r.submissionId)).size);
    expect([after.machines, after.days, after.indicators]).toEqual([
      after.machines_recount,
      after.results,
      after.indicators_recount,
    ]);
    await c.end();
  });
});
