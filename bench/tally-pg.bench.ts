// `npm run bench:tally -- pg` (issue 18): PostgreSQL ingestion against SQLite FULL in the same run,
// where its latency goes, and two tally processes on one database. Prints figures only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { hashUnitToken, newUnitToken } from '../tally/server/unit-auth';
import { openPgStore } from '../tally/store/pg-store';
import { openSqliteStore } from '../tally/store/sqlite-store';
import {
  body,
  CAMPAIGN,
  clusterCpuMs,
  cpuMeter,
  cpuMs,
  here,
  load,
  paced,
  peakRssMb,
  root,
  startProcess,
  stop,
  tokens,
  unitCode,
} from './tally-common';

type LoadResult = Pick<Awaited<ReturnType<typeof load>>, 'answered' | 'perSecond' | 'non2xx' | 'p50' | 'p99'>;

const line = (name: string, r: LoadResult, extra = '') =>
  console.log(
    `${name.padEnd(40)} ${r.perSecond.toFixed(0)}/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}${extra}`,
  );
const mean = (xs: { perSecond: number }[]) => xs.reduce((a, x) => a + x.perSecond, 0) / xs.length;

/**
 * PostgreSQL ingestion against SQLite FULL in the same run (issue 18: ≥ 50 %, p99 ≤ 50 ms, durable:
 * synchronous_commit on), at full load (64 connections sending as fast as answered) and at a fixed
 * rate both stores sustain; the latency breakdown of a PostgreSQL submission; then two tally
 * processes on the same database, 32 connections each, against one with 64: throughput, the CPU of
 * each process, and exactly-once (rows = 2xx answered as created, counts equal a recount from the
 * results). Needs TALLY_BENCH_DATABASE_URL or TEST_DATABASE_URL (a server where it may create and
 * drop a database).
 */
export async function pgSubmissions(): Promise<void> {
  const adminUrl = process.env.TALLY_BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log(
      'PostgreSQL: skipped (set TALLY_BENCH_DATABASE_URL or TEST_DATABASE_URL; scripts/pg-test.sh starts one)',
    );
    return;
  }
  const dbName = `tally_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-bench-pg-'));
  const units = Array.from({ length: 50 }, (_, i) => unitCode(i));
  try {
    const sync = await admin.query<{ synchronous_commit: string; fsync: string }>(
      'SELECT current_setting($1) AS synchronous_commit, current_setting($2) AS fsync',
      ['synchronous_commit', 'fsync'],
    );
    console.log(
      `PostgreSQL ${(await admin.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version}: synchronous_commit ${sync.rows[0].synchronous_commit}, fsync ${sync.rows[0].fsync}`,
    );
    // The PostgreSQL server's own CPU, when it runs on this machine (its processes are in /proc).
    const backend = (await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const pgCpu = () => clusterCpuMs(backend);
    for (const open of [
      () => openSqliteStore({ file: join(dataDir, 'tally.sqlite') }),
      () => openPgStore({ connectionString: databaseUrl }),
    ]) {
      const seed = await open();
      await seed.upsertUnits(units.map((code) => ({ code, name: `Đơn vị ${code}` })));
      await seed.recordCampaign(CAMPAIGN, ['ioc-0001']);
      for (const code of units) {
        if (!tokens.has(code)) tokens.set(code, newUnitToken());
        await seed.setUnitTokenHash(code, hashUnitToken(tokens.get(code) ?? ''), true);
      }
      await seed.close();
    }
    const env = (extra: Record<string, string>) => ({
      TALLY_RATE_LIMIT_MAX: '100000000',
      TALLY_ADMIN_TOKEN: 'bench',
      TALLY_SQLITE_SYNC: 'FULL',
      ...extra,
    });
    const sqliteEnv = env({ TALLY_DATA_DIR: dataDir, DATABASE_URL: '' });
    const pgEnv = env({
      TALLY_DATA_DIR: mkdtempSync(join(tmpdir(), 'tally-bench-pg-a-')),
      DATABASE_URL: databaseUrl,
    });
    const pgEnvB = env({
      TALLY_DATA_DIR: mkdtempSync(join(tmpdir(), 'tally-bench-pg-b-')),
      DATABASE_URL: databaseUrl,
    });
    const serve = [join(root, 'tally', 'cli.ts'), 'serve', '--port', '0'];
    /** One server under load: `tally serve`, or the same app with timers (tally-timed-server.ts). */
    const run = async (
      name: string,
      e: NodeJS.ProcessEnv,
      o: { rate?: number; timed?: boolean; script?: string[] } = {},
    ) => {
      const t = await startProcess(o.script ?? (o.timed ? [join(here, 'tally-timed-server.ts')] : serve), e);
      const meter = cpuMeter({ tally: () => cpuMs(t.child.pid), postgres: pgCpu });
      const r = o.rate ? await paced(t.port, units, o.rate) : await load(t.port, units, t.child.pid);
      const cpu = meter(r.answered);
      const peak = peakRssMb(t.child.pid);
      await stop(t.child);
      line(name, r, `, peak RSS ${peak}`);
      console.log(`  ${cpu}`);
      const timings = /^timings (.*)$/m.exec(t.output())?.[1];
      if (timings) console.log(`  breakdown (ms; n, p50, p99, max): ${timings}`);
      return r;
    };

    // At full load, interleaved: SQLite, PostgreSQL, SQLite, PostgreSQL; ratios from the means.
    const sq: LoadResult[] = [];
    const pgr: LoadResult[] = [];
    for (let i = 0; i < 2; i += 1) {
      sq.push(await run('tally + SQLite FULL, 64 connections:', sqliteEnv));
      pgr.push(await run('tally + PostgreSQL, 64 connections:', pgEnv));
    }
    // With 64 connections each sending as soon as it is answered, a request waits behind the 63
    // others: the mean latency is 64 / throughput (Little's law), whatever the store does.
    const noop = await run(
      'no-op Fastify route, 64 connections:',
      {},
      {
        script: [join(here, 'tally-noop-server.ts'), '0'],
      },
    );
    console.log(
      `  PostgreSQL / SQLite FULL: ${((100 * mean(pgr)) / mean(sq)).toFixed(1)}% (target ≥ 50 %); ` +
        `p99 PostgreSQL ${pgr.map((r) => r.p99).join(', ')} ms, SQLite ${sq.map((r) => r.p99).join(', ')} ms, ` +
        `no-op ${noop.p99} ms (target ≤ 50 ms); 64 / throughput: PostgreSQL ${(64_000 / mean(pgr)).toFixed(0)} ms, ` +
        `SQLite ${(64_000 / mean(sq)).toFixed(0)} ms, no-op ${(64_000 / noop.perSecond).toFixed(0)} ms`,
    );
    // The latency a submission sees when the server is not saturated: a fixed rate, half of what
    // the slower store managed above, the same for both.
    const rate = Math.max(50, Math.round(Math.min(mean(sq), mean(pgr)) / 2 / 10) * 10);
    const noopRate = await run(
      `no-op Fastify route, ${rate}/s:`,
      {},
      {
        rate,
        script: [join(here, 'tally-noop-server.ts'), '0'],
      },
    );
    const sqRate = await run(`tally + SQLite FULL, ${rate}/s:`, sqliteEnv, { rate });
    const pgRate = await run(`tally + PostgreSQL, ${rate}/s:`, pgEnv, { rate });
    console.log(
      `  at ${rate}/s: p99 PostgreSQL ${pgRate.p99} ms, SQLite FULL ${sqRate.p99} ms, no-op ${noopRate.p99} ms (target ≤ 50 ms)`,
    );
    // Where a PostgreSQL submission's time goes: in the route (reply.elapsedTime), the indicator
    // check, the store (queue + write), the queue, one batch's statement, event-loop delay, GC.
    await run('timed PostgreSQL server, 64 connections:', pgEnv, { timed: true });
    await run(`timed PostgreSQL server, ${rate}/s:`, pgEnv, { timed: true, rate });

    // Two servers on the same database, each half the connections, both fed at once.
    const a = await startProcess(serve, pgEnv);
    const b = await startProcess(serve, pgEnvB);
    const meter = cpuMeter({
      'tally A': () => cpuMs(a.child.pid),
      'tally B': () => cpuMs(b.child.pid),
      postgres: pgCpu,
    });
    const [ra, rb] = await Promise.all([
      load(a.port, units, a.child.pid, 32),
      load(b.port, units, b.child.pid, 32),
    ]);
    const cpu = meter(ra.answered + rb.answered);
    // The same results sent to both at once: each must count once.
    const shared = Array.from({ length: 2000 }, (_, i) => body(units[i % units.length]));
    const sharedStatus = await Promise.all(
      [a.port, b.port].map(async (port) => {
        const statuses: number[] = [];
        for (let i = 0; i < shared.length; i += 50)
          statuses.push(
            ...(await Promise.all(
              shared.slice(i, i + 50).map(async (text) => {
                const unit = (JSON.parse(text) as { unitCode: string }).unitCode;
                const res = await fetch(`http://127.0.0.1:${port}/api/v1/results`, {
                  method: 'POST',
                  headers: {
                    'content-type': 'application/json',
                    authorization: `Bearer ${tokens.get(unit)}`,
                  },
                  body: text,
                });
                return res.status;
              }),
            )),
          );
        return statuses;
      }),
    );
    await stop(a.child);
    await stop(b.child);
    const two = ra.perSecond + rb.perSecond;
    console.log(
      `tally + PostgreSQL, 2 servers: ${two.toFixed(0)} submissions/s (${ra.perSecond.toFixed(0)} + ${rb.perSecond.toFixed(0)}), p99 ${ra.p99} / ${rb.p99} ms: ${(two / mean(pgr)).toFixed(2)}× one server`,
    );
    console.log(`  ${cpu}`);
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    const check = await c.query<{
      results: string;
      distinct_ids: string;
      shared: string;
      machines: string;
      recount: string;
      days: string;
    }>(
      `SELECT (SELECT COUNT(*) FROM results) AS results,
        (SELECT COUNT(DISTINCT submission_id) FROM results) AS distinct_ids,
        (SELECT COUNT(*) FROM results WHERE submission_id = ANY($1::text[])) AS shared,
        (SELECT COUNT(*) FROM machines) AS machines,
        (SELECT COUNT(DISTINCT (campaign_id, install_id)) FROM results) AS recount,
        (SELECT SUM(results) FROM day_counts) AS days`,
      [shared.map((t) => (JSON.parse(t) as { submissionId: string }).submissionId)],
    );
    await c.end();
    const k = check.rows[0];
    const created = sharedStatus.flat().filter((st) => st === 201).length;
    const repeats = sharedStatus.flat().filter((st) => st === 200).length;
    console.log(
      `  exactly-once: ${shared.length} results sent to both servers at once: stored ${k.shared}, answered created ${created} and repeat ${repeats}; ` +
        `rows ${k.results}, distinct ids ${k.distinct_ids}, machines ${k.machines} (recount ${k.recount}), day counts ${k.days}: ${k.shared === String(shared.length) && created === shared.length && repeats === shared.length && k.results === k.distinct_ids && k.machines === k.recount && k.days === k.results ? 'ok' : 'MISMATCH'}`,
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
