// The tally server as `tally serve` builds it (same app, same store), with timers around the parts
// of a submission, for the latency breakdown of `npm run bench:tally -- pg` (issue 18): time in
// the route before the store, the indicator check, the store's queue and its write, event-loop
// delay and GC pauses. On SIGTERM it prints one line `timings {json}` on stdout, then exits.
import { monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { readSettings } from '../tally/config';
import { buildTallyApp } from '../tally/server/app';
import { openPgStore } from '../tally/store/pg-store';
import type { BatchTiming } from '../tally/store/pg-writer';
import { openSqliteStore } from '../tally/store/sqlite-store';
import type { TallyStore } from '../tally/store/types';

const settings = readSettings();
const batches: BatchTiming[] = [];
const raw: TallyStore = settings.databaseUrl
  ? await openPgStore({
      connectionString: settings.databaseUrl,
      onBatch: (b) => batches.push(b),
      // To compare queue depths (batches written at once) in one run; the store's default otherwise.
      ...(process.env.TALLY_BENCH_IN_FLIGHT
        ? { batchesInFlight: Number(process.env.TALLY_BENCH_IN_FLIGHT) }
        : {}),
    })
  : openSqliteStore({
      file: join(settings.dataDir, 'tally.sqlite'),
      synchronous: settings.sqliteSynchronous,
    });

const submitMs: number[] = [];
const indicatorMs: number[] = [];
const store: TallyStore = {
  ...raw,
  async submit(r) {
    const t = performance.now();
    const o = await raw.submit(r);
    submitMs.push(performance.now() - t);
    return o;
  },
  async unknownIndicators(campaignId, ids) {
    const t = performance.now();
    const u = await raw.unknownIndicators(campaignId, ids);
    indicatorMs.push(performance.now() - t);
    return u;
  },
};

const app = await buildTallyApp({
  store,
  adminToken: settings.adminToken,
  dataDir: settings.dataDir,
  bundledFeed: join(import.meta.dirname, '..', 'assets', 'feed', 'sample-feed.json'),
  rateLimit: { max: settings.rateLimitMax, timeWindowMs: settings.rateLimitWindowMs },
  unitRateLimit: { max: settings.unitRateLimitMax, timeWindowMs: settings.rateLimitWindowMs },
});
const routeMs: number[] = [];
app.addHook('onResponse', (_req, reply, done) => {
  routeMs.push(reply.elapsedTime);
  done();
});
const loop = monitorEventLoopDelay({ resolution: 2 });
loop.enable();
// Pauses by kind (perf_hooks constants: 1 minor/scavenge, 4 major, 8 incremental, 16 weak callbacks).
const GC_KINDS: Record<number, string> = { 1: 'minor', 4: 'major', 8: 'incremental', 16: 'weak' };
const gc: { kind: number; ms: number }[] = [];
new PerformanceObserver((list) =>
  gc.push(
    ...list
      .getEntries()
      .map((e) => ({ kind: (e as { detail?: { kind?: number } }).detail?.kind ?? 0, ms: e.duration })),
  ),
).observe({ entryTypes: ['gc'] });

const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`tally listening on ${address}`);

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(1));
};
const dist = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 50), p99: pct(xs, 99), max: pct(xs, 100) });

process.once('SIGTERM', () => {
  loop.disable();
  const timings = {
    route: dist(routeMs),
    indicators: dist(indicatorMs),
    submit: dist(submitMs),
    queued: dist(batches.flatMap((b) => b.queuedMs)),
    write: dist(batches.map((b) => b.writeMs)),
    batchSize: dist(batches.map((b) => b.size)),
    loopDelay: {
      p50: Number((loop.percentile(50) / 1e6).toFixed(1)),
      p99: Number((loop.percentile(99) / 1e6).toFixed(1)),
      max: Number((loop.max / 1e6).toFixed(1)),
    },
    gc: Object.fromEntries(
      [...new Set(gc.map((g) => g.kind))].map((kind) => {
        const ms = gc.filter((g) => g.kind === kind).map((g) => g.ms);
        return [
          GC_KINDS[kind] ?? `kind${kind}`,
          { n: ms.length, totalMs: Number(ms.reduce((a, x) => a + x, 0).toFixed(0)), max: pct(ms, 100) },
        ];
      }),
    ),
  };
  console.log(`timings ${JSON.stringify(timings)}`);
  void app
    .close()
    .then(() => store.close())
    .then(() => process.exit(0));
});
