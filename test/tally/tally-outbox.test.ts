// The app's outbox against answers that are not the tally's receipt, on real loopback sockets:
// a captive portal's 200 page, a receipt for another id, 401/403/404/405/410/400, a 422 that is not
// the tally's, an endless answer, a tally that never answers; then resend/delete of refused results
// and the background retries (driven by a recording scheduler, no sleeps).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fetch from 'node-fetch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TallyQueueStatus } from '../../shared/ipc/schemas';
import { createTallyClient, type FetchLike } from '../../services/tally-client/client';
import { createRetryLoop } from '../../services/tally-client/retry-loop';
import { makeResult } from '../support/tally/helpers';

const realFetch = fetch as unknown as FetchLike;
type Answer = (req: IncomingMessage, body: string, res: ServerResponse) => void;

describe('tally outbox: only the tally’s own receipt delivers', () => {
  let dir: string;
  let server: Server;
  let port: number;
  let answer: Answer;
  const seen: string[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tally-outbox-'));
    seen.length = 0;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push(body);
        answer(req, body, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const delays: number[] = [];
  const client = () =>
    createTallyClient({
      dir,
      endpoint: `http://127.0.0.1:${port}`,
      fetch: realFetch,
      clock: () => new Date('2026-11-20T08:00:00Z'),
      sleep: (ms) => (delays.push(ms), Promise.resolve()),
      random: () => 0.5,
      maxAttempts: 3,
    });
  const reply =
    (status: number, body: string, type = 'application/json'): Answer =>
    (_req, _body, res) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
  /** The tally's receipt for the id in the request. */
  const receipt: Answer = (_req, body, res) => {
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'stored',
        submissionId: (JSON.parse(body) as { submissionId: string }).submissionId,
      }),
    );
  };

  it('keeps results queued when a 2xx is not the tally’s receipt (login page, receipt for another id)', async () => {
    const c = client();
    await c.enqueue(makeResult());
    await c.enqueue(makeResult());
    answer = reply(200, '<html><title>Đăng nhập Wi-Fi</title><form>…</form></html>', 'text/html');
    const portal = await c.flush();
    expect(portal).toMatchObject({
      delivered: 0,
      rejected: 0,
      remaining: 2,
      problem: { code: 'not-a-tally', status: 200 },
    });
    expect(portal.lastError).toContain('did not answer like a tally');
    expect(delays).toEqual([]); // no pointless retries inside one flush
    answer = reply(
      200,
      JSON.stringify({ status: 'stored', submissionId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(await c.flush()).toMatchObject({ delivered: 0, remaining: 2, problem: { code: 'not-a-tally' } });
    answer = reply(204, '');
    expect(await c.flush()).toMatchObject({ delivered: 0, remaining: 2 });
    answer = receipt;
    expect(await c.flush()).toEqual({ delivered: 2, rejected: 0, remaining: 0 });
    expect(await c.rejected()).toEqual([]);
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [404, 'wrong-address'],
    [405, 'wrong-address'],
    [410, 'wrong-address'],
    [400, 'unexpected-answer'],
    [409, 'unexpected-answer'],
  ])('keeps results queued on HTTP %i and says why (%s)', async (status, code) => {
    const c = client();
    await c.enqueue(makeResult());
    answer = reply(status, JSON.stringify({ error: 'x', message: 'nope' }));
    const s = await c.flush();
    expect(s).toMatchObject({ delivered: 0, rejected: 0, remaining: 1, problem: { code, status } });
    expect(await c.rejected()).toEqual([]);
    expect((await c.status()).problem).toMatchObject({ code, status });
    if (code === 'unauthorized') expect(s.lastError).toContain('unit token');
  });

  it('moves only a documented 422 refusal to refused; a 422 that is not the tally’s keeps the result', async () => {
    const c = client();
    await c.enqueue(makeResult());
    answer = reply(422, '<h1>Unprocessable</h1>', 'text/html');
    expect(await c.flush()).toMatchObject({
      rejected: 0,
      remaining: 1,
      problem: { code: 'not-a-tally', status: 422 },
    });
    answer = reply(
      422,
      JSON.stringify({ error: 'unknown-unit', message: 'Unit "SO-TTTT" is not registered' }),
    );
    expect(await c.flush()).toEqual({ delivered: 0, rejected: 1, remaining: 0 });
    const status = await c.status();
    expect(status).toMatchObject({ pending: 0, problem: null });
    expect(status.refused).toEqual([
      expect.objectContaining({ status: 422, reason: 'Unit "SO-TTTT" is not registered' }),
    ]);
  });

  it('resends a refused result (delivered once the tally accepts it) and deletes another for good', async () => {
    const c = client();
    const a = makeResult();
    const b = makeResult();
    await c.enqueue(a);
    await c.enqueue(b);
    answer = reply(422, JSON.stringify({ error: 'unknown-unit', message: 'not registered' }));
    expect(await c.flush()).toMatchObject({ rejected: 2 });
    expect(await c.resend(a.submissionId)).toBe(true);
    expect((await c.pending()).map((r) => r.submissionId)).toEqual([a.submissionId]);
    answer = receipt;
    expect(await c.flush()).toEqual({ delivered: 1, rejected: 0, remaining: 0 });
    expect(JSON.parse(seen.at(-1)!)).toEqual(a);
    expect(await c.deleteRefused(b.submissionId)).toBe(true);
    expect((await c.status()).refused).toEqual([]);
    expect(await c.resend(b.submissionId)).toBe(false);
  });

  it('answers a quick send within its short timeout when the tally never answers', async () => {
    const c = client();
    await c.enqueue(makeResult());
    answer = () => undefined; // accepts the request, never answers
    const t0 = Date.now();
    const s = await c.flush({ maxAttempts: 1, timeoutMs: 300 });
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(s).toMatchObject({ remaining: 1, problem: { code: 'offline' } });
    expect(s.lastError).toContain('timed out after 300 ms');
  });

  it('stops reading an endless answer at its cap and keeps the result', async () => {
    const c = client();
    await c.enqueue(makeResult());
    let written = 0;
    answer = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (written < 512 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written < 512 * 1024 * 1024 && !res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => undefined);
      pump();
    };
    const s = await c.flush({ maxAttempts: 1 });
    expect(s).toMatchObject({ remaining: 1, problem: { code: 'not-a-tally' } });
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('remembers the last problem for the next start', async () => {
    await client().enqueue(makeResult());
    answer = reply(403, JSON.stringify({ error: 'forbidden', message: 'token revoked' }));
    await client().flush();
    const next = await client().status();
    expect(next).toMatchObject({
      pending: 1,
      problem: { code: 'unauthorized', status: 403, detail: 'token revoked' },
      lastAttemptAt: '2026-11-20T08:00:00.000Z',
    });
  });

  it('retries in the background with growing delays until the tally stores the results, telling the page each time', async () => {
    const c = client();
    await c.enqueue(makeResult());
    await c.enqueue(makeResult());
    const planned: { fn: () => void; ms: number }[] = [];
    const changes: TallyQueueStatus[] = [];
    const loop = createRetryLoop({
      client: c,
      clock: () => new Date('2026-11-20T08:00:00Z'),
      random: () => 0.5,
      baseDelayMs: 30_000,
      schedule: (fn, ms) => (planned.push({ fn, ms }), () => undefined),
      onChange: (s) => changes.push(s),
    });
    answer = reply(503, JSON.stringify({ error: 'store-failed', message: 'disk full' }));
    await loop.start();
    await runPlanned(planned, changes, 2);
    answer = receipt;
    await runPlanned(planned, changes, 3);
    expect(planned.map((p) => p.ms)).toEqual([22_500, 45_000]);
    expect(changes.map((s) => s.pending)).toEqual([2, 2, 0]);
    expect(changes[0]).toMatchObject({
      problem: { code: 'server-error', status: 503 },
      nextAttemptAt: '2026-11-20T08:00:22.500Z',
    });
    expect(changes[2]).toMatchObject({ problem: null, nextAttemptAt: null });
    expect(await c.pending()).toEqual([]);
  });
});

/** Runs the planned background attempt and waits until the page was told `count` times in all. */
async function runPlanned(
  planned: { fn: () => void; ms: number }[],
  changes: TallyQueueStatus[],
  count: number,
): Promise<void> {
  planned.at(-1)!.fn();
  await expect.poll(() => changes.length).toBe(count);
}
