// The app's tally client against the real tally server on loopback: offline then online, refusals
// kept with their reason, and exactly-once delivery across a restart of the client.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fetch from 'node-fetch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTallyClient, type FetchLike } from '../../services/tally-client/client';
import { getInstallId } from '../../services/tally-client/install-id';
import { fetchUnits } from '../../services/tally-client/units';
import { createProxiedFetch } from '../../services/http-fetch';
import { testTallyApp } from '../support/tally/app';
import {
  makeResult,
  seedTestStore,
  sqliteFactory,
  UNITS,
  withFindings,
  type StoreHandle,
} from '../support/tally/helpers';

const realFetch = fetch as unknown as FetchLike;

describe('tally client against the tally server', () => {
  let h: StoreHandle;
  let dir: string;
  let app: FastifyInstance | undefined;
  let port = 0;
  let tokens: Record<string, string> = {};
  const delays: number[] = [];
  const sleep = (ms: number) => {
    delays.push(ms);
    return Promise.resolve();
  };

  const startServer = async (rate = 100_000) => {
    app = await testTallyApp({
      store: h.store,
      adminToken: 'x',
      dataDir: dir,
      rateLimit: { max: rate, timeWindowMs: 60_000 },
    });
    await app.listen({ host: '127.0.0.1', port });
    port = (app.server.address() as { port: number }).port;
  };
  const stopServer = async () => {
    await app?.close();
    app = undefined;
  };
  const client = (f: FetchLike = realFetch, extra = {}) =>
    createTallyClient({
      dir: join(dir, 'client'),
      endpoint: `http://127.0.0.1:${port}/`,
      fetch: f,
      clock: () => new Date(),
      sleep,
      random: () => 0.5,
      maxAttempts: 3,
      unitToken: tokens['SO-TTTT'],
      ...extra,
    });

  beforeEach(async () => {
    h = await sqliteFactory();
    tokens = await seedTestStore(h.store);
    dir = mkdtempSync(join(tmpdir(), 'tally-client-'));
    delays.length = 0;
    port = 0;
  });
  afterEach(async () => {
    await stopServer();
    await h.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers the units the tally registered, for the unit picker in Settings', async () => {
    await startServer();
    const units = await fetchUnits(`http://127.0.0.1:${port}/`, createProxiedFetch({}));
    expect(units.map((u) => u.code).sort()).toEqual(UNITS.map((u) => u.code).sort());
  });

  it('keeps results while the tally is unreachable, with growing delays, and delivers them once it is back', async () => {
    await startServer();
    await stopServer(); // the port is now known and closed: the machine is "offline"
    const c = client();
    const results = [makeResult(), withFindings(makeResult(), ['ioc-1']), makeResult()];
    for (const r of results) await c.enqueue(r);
    const offline = await c.flush();
    expect(offline).toMatchObject({ delivered: 0, rejected: 0, remaining: 3 });
    expect(offline.lastError).toMatch(/ECONNREFUSED/);
    expect(delays).toHaveLength(2);
    expect(delays[1]).toBeGreaterThan(delays[0]);
    expect(await c.pending()).toHaveLength(3);

    // A button press asks for one attempt: an answer at once, no waiting on backoff.
    delays.length = 0;
    expect(await c.flush({ maxAttempts: 1 })).toMatchObject({ delivered: 0, remaining: 3 });
    expect(delays).toEqual([]);

    await startServer();
    expect(await c.flush()).toEqual({ delivered: 3, rejected: 0, remaining: 0 });
    expect(await c.pending()).toHaveLength(0);
    expect(await h.store.resultCount()).toBe(3);
  });

  it('delivers exactly once when the reply is lost and a new client restarts on the same directory', async () => {
    await startServer();
    const first = client(async (url, init) => {
      await realFetch(url, init); // the server commits…
      throw new Error('socket hang up'); // …but the app never hears back (crash, network cut)
    });
    const r1 = makeResult();
    const r2 = makeResult();
    await first.enqueue(r1);
    await first.enqueue(r2);
    expect(await first.flush()).toMatchObject({ delivered: 0, remaining: 2 });
    expect(await h.store.resultCount()).toBe(1);

    const restarted = client();
    expect((await restarted.pending()).map((r) => r.submissionId)).toEqual([
      r1.submissionId,
      r2.submissionId,
    ]);
    expect(await restarted.flush()).toEqual({ delivered: 2, rejected: 0, remaining: 0 });
    expect(await h.store.resultCount()).toBe(2);
    const s = await h.store.aggregates({ campaignId: 'cd-2026' });
    expect(s.totals.reduce((a, t) => a + t.results, 0)).toBe(2);
  });

  it('moves a result the server refuses for good to rejected/ with the reason, and goes on with the rest', async () => {
    await startServer();
    const c = client();
    // A day in the future by the server's clock: a documented refusal (422 with its reason).
    await c.enqueue(makeResult({ day: '2099-01-01' }));
    await c.enqueue(makeResult());
    expect(await c.flush()).toEqual({ delivered: 1, rejected: 1, remaining: 0 });
    const rejected = await c.rejected();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ status: 422, result: { day: '2099-01-01' } });
    expect(rejected[0].reason).toContain('in the future');
    // The tally's catalogue key and parameters are kept, for the page to word in one language.
    expect(rejected[0].text).toEqual({ code: 'msg.tally.refusal.future-day', params: { day: '2099-01-01' } });
    expect((await c.status()).refused[0].text).toEqual(rejected[0].text);
  });

  it('sends the unit enrolment token; without one (401) or with another unit’s (403) it keeps the result for later', async () => {
    await startServer();
    const none = client(realFetch, { unitToken: null });
    await none.enqueue(makeResult());
    await none.enqueue(makeResult());
    const s = await none.flush();
    expect(s).toMatchObject({ delivered: 0, rejected: 0, remaining: 2 });
    expect(s.problem).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(delays).toEqual([]); // no retry loop: nothing changes until Settings does
    const wrong = client(realFetch, { unitToken: tokens['SO-TTTT'], dir: join(dir, 'other') });
    await wrong.enqueue(makeResult({ unitCode: UNITS[1].code }));
    expect(await wrong.flush()).toMatchObject({
      delivered: 0,
      remaining: 1,
      problem: { code: 'unauthorized', status: 403 },
    });
    expect(await h.store.resultCount()).toBe(0);
    // The right token delivers what was kept.
    expect(await client().flush()).toMatchObject({ delivered: 2, remaining: 0 });
  });

  it('retries after 429 instead of dropping the result', async () => {
    await startServer(1);
    const c = client();
    await c.enqueue(makeResult());
    await c.enqueue(makeResult());
    const s = await c.flush();
    expect(s).toMatchObject({ delivered: 1, remaining: 1, problem: { code: 'server-error', status: 429 } });
    expect(s.lastError).toContain('HTTP 429');
    expect(delays.every((d) => d >= 1000)).toBe(true); // honours Retry-After
    expect(await c.rejected()).toHaveLength(0);
  });

  it('sets a corrupt queue file aside as rejected instead of losing it silently or looping on it', async () => {
    await startServer();
    const c = client();
    await c.enqueue(makeResult());
    const qdir = join(dir, 'client', 'queue');
    const name = readdirSync(qdir)[0];
    writeFileSync(join(qdir, name), '{"schema": 1, "trunc');
    expect(await c.flush()).toEqual({ delivered: 0, rejected: 1, remaining: 0 });
    expect((await c.rejected())[0]).toMatchObject({
      status: null,
      result: '{"schema": 1, "trunc',
      text: { code: 'msg.tally.corruptQueueFile' },
    });
  });

  it('queues a submission id once and refuses an invalid result up front', async () => {
    const c = client();
    const r = makeResult();
    await c.enqueue(r);
    await c.enqueue(r);
    expect(await c.pending()).toHaveLength(1);
    await expect(c.enqueue({ ...r, submissionId: 'not-a-uuid' })).rejects.toThrow();
  });

  it('keeps one random install id per campaign across restarts', async () => {
    const d = join(dir, 'ids');
    const a = await getInstallId(d, 'cd-2026');
    expect(await getInstallId(d, 'cd-2026')).toBe(a);
    const b = await getInstallId(d, 'cd-2027');
    expect(b).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
