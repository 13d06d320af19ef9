// update(): each failure mode against a real HTTP server on 127.0.0.1 started by the test.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFeedStore } from './feed-store';
import type { FeedStoreDeps } from './feed-store';
import { generateKeyPairPem, parsePrivateKey } from '../../node-shared/feed/keys';
import {
  bundled,
  feedRoutes,
  makeFeed,
  signed,
  testKeys,
  useServers,
  updateStore,
} from '../../test/support/feed/feed-test-kit';

const serve = useServers();

let clock = Date.parse('2026-11-23T08:00:00Z');
const now = () => new Date((clock += 60_000));

const store = (extra: Partial<FeedStoreDeps> = {}) => updateStore({ now, ...extra });

/** A store whose cache already holds `version`, served from `server`. */
async function storeAt(version: number) {
  const { k2026 } = await testKeys();
  const state = { ...signed(await makeFeed(version), k2026), etag: `"v${version}"` };
  const server = await serve(feedRoutes(state));
  const st = await store();
  expect(await st.s.update({ url: `${server.url}/feed.json` })).toMatchObject({ status: 'updated', version });
  return { ...st, server, state, url: `${server.url}/feed.json` };
}

describe('FeedStore.update over HTTP', () => {
  it('accepts a newer signed feed, caches it, and reports where it came from', async () => {
    const { k2026 } = await testKeys();
    const server = await serve(feedRoutes(signed(await makeFeed(2), k2026)));
    const { s, deps } = await store();
    const seen: number[] = [];
    s.subscribe((f) => seen.push(f.version));
    const r = await s.update({ url: `${server.url}/feed.json` });
    expect(r).toEqual({
      status: 'updated',
      version: 2,
      previousVersion: 1,
      source: `${server.url}/feed.json`,
    });
    expect(s.active()).toMatchObject({
      origin: 'cache',
      version: 2,
      sample: false,
      source: `${server.url}/feed.json`,
    });
    expect(seen).toEqual([2]);
    expect(server.requests.map((q) => q.url)).toEqual(['/feed.json', '/feed.json.sig']);
    const reopened = await createFeedStore(deps);
    expect(reopened.active()).toMatchObject({
      origin: 'cache',
      version: 2,
      lastChecked: s.active().lastChecked,
    });
  });

  it('304: sends If-None-Match, keeps the cache and moves lastChecked (also on disk)', async () => {
    const { s, server, deps, url } = await storeAt(3);
    const before = s.active().lastChecked;
    const r = await s.update();
    expect(r).toMatchObject({ status: 'not-modified', version: 3 });
    expect(server.requests.at(-1)).toMatchObject({
      url: '/feed.json',
      headers: expect.objectContaining({ 'if-none-match': '"v3"' }),
    });
    expect(s.active().lastChecked).not.toBe(before);
    expect(s.active().source).toBe(url);
    expect((await createFeedStore(deps)).active().lastChecked).toBe(s.active().lastChecked);
  });

  it('a server serving the bundled sample itself: not modified, but source and lastChecked now persist', async () => {
    const bytes = await readFile(bundled.feedFile);
    const sig = await readFile(bundled.sigFile);
    const server = await serve(feedRoutes({ bytes, sig, etag: '"sample"' }));
    const { s, deps } = await store();
    const r = await s.update({ url: `${server.url}/feed.json` });
    expect(r).toMatchObject({ status: 'not-modified', version: 1 });
    const reopened = (await createFeedStore(deps)).active();
    expect(reopened).toMatchObject({
      origin: 'cache',
      version: 1,
      sample: true,
      source: `${server.url}/feed.json`,
    });
    expect(reopened.lastChecked).toBe(s.active().lastChecked);
    expect(reopened.lastChecked).not.toBeNull();
  });

  it('rejects a feed with one tampered byte and keeps the last good feed', async () => {
    const { s, state, server } = await storeAt(3);
    const { k2026 } = await testKeys();
    const next = signed(await makeFeed(4), k2026);
    const tampered = Buffer.from(next.bytes);
    const at = tampered.indexOf('203.0.113.9');
    tampered[at + 10] = '8'.charCodeAt(0);
    Object.assign(state, { bytes: tampered, sig: next.sig, etag: '"v4"' });
    const r = await s.update();
    expect(r).toMatchObject({ status: 'rejected', reason: { code: 'bad-signature' } });
    expect(r.status === 'rejected' && r.reason.message).toMatch(
      /Chữ ký không khớp.*signature does not match/s,
    );
    expect(s.active().version).toBe(3);
    // Fetched twice (a republish race gets one second chance), refused both times.
    expect(server.requests.slice(-4).map((q) => q.url)).toEqual([
      '/feed.json',
      '/feed.json.sig',
      '/feed.json',
      '/feed.json.sig',
    ]);
  });

  it('tells a feed republished mid-download (new bytes, old signature) apart from tampering', async () => {
    const { k2026 } = await testKeys();
    const old = signed(await makeFeed(2), k2026);
    const fresh = signed(await makeFeed(3), k2026);
    let sigRequests = 0;
    const server = await serve((req, res) => {
      if (req.url === '/feed.json') res.end(fresh.bytes);
      else res.end(sigRequests++ === 0 ? old.sig : fresh.sig);
    });
    const { s } = await store();
    expect(await s.update({ url: `${server.url}/feed.json` })).toMatchObject({
      status: 'updated',
      version: 3,
    });
    expect(server.requests.map((q) => q.url)).toEqual([
      '/feed.json',
      '/feed.json.sig',
      '/feed.json',
      '/feed.json.sig',
    ]);
  });

  it('rejects a feed signed with a key that is not pinned', async () => {
    const { s, state } = await storeAt(3);
    const stranger = parsePrivateKey(generateKeyPairPem().privatePem, 'stranger');
    Object.assign(state, signed(await makeFeed(9), stranger), { etag: '"v9"' });
    expect(await s.update()).toMatchObject({ status: 'rejected', reason: { code: 'unknown-key' } });
    expect(s.active().version).toBe(3);
  });

  it('rejects a downgrade (older version, validly signed) and keeps it rejected after a restart', async () => {
    const { s, state, deps } = await storeAt(5);
    const { k2027 } = await testKeys();
    Object.assign(state, signed(await makeFeed(4), k2027), { etag: '"v4"' });
    const r = await s.update();
    expect(r).toMatchObject({ status: 'rejected', reason: { code: 'downgrade' } });
    expect(r.status === 'rejected' && r.reason.message).toMatch(
      /phiên bản 4 cũ hơn.*\(5\).*version 4 is older/s,
    );
    expect(s.active().version).toBe(5);
    const again = await createFeedStore(deps);
    expect(await again.update()).toMatchObject({ status: 'rejected', reason: { code: 'downgrade' } });
    expect(again.active().version).toBe(5);
  });

  // Issue 19: the floor is the accepted version in meta.json, not only the active feed's version.
  // A planted `floor = current.active.version` survived every test.
  it('after a damaged cache signature falls back to the bundled feed, an older signed version is still a downgrade', async () => {
    const { state, deps } = await storeAt(5);
    const sigName = (await readdir(deps.cacheDir)).find((n) => n.endsWith('.sig'))!;
    const sig = await readFile(join(deps.cacheDir, sigName));
    sig[0] ^= 0xff; // same length, no longer valid
    await writeFile(join(deps.cacheDir, sigName), sig);

    const restarted = await createFeedStore(deps);
    expect(restarted.active()).toMatchObject({ origin: 'bundled', version: 1 });
    expect(restarted.active().warnings[0]).toMatch(/The feed cache is damaged/);

    const { k2027 } = await testKeys();
    Object.assign(state, signed(await makeFeed(3), k2027), { etag: '"v3"' });
    const r = await restarted.update();
    expect(r).toMatchObject({ status: 'rejected', reason: { code: 'downgrade' } });
    expect(r.status === 'rejected' && r.reason.message).toMatch(
      /version 3 is older than the accepted version of campaign \S+ \(5\)/,
    );
    expect(restarted.active()).toMatchObject({ origin: 'bundled', version: 1 });

    // The accepted version itself, and anything newer, is taken back.
    Object.assign(state, signed(await makeFeed(6), k2027), { etag: '"v6"' });
    expect(await restarted.update()).toMatchObject({ status: 'updated', version: 6 });
  });

  it('rejects a replay: same version number with different content', async () => {
    const { s, state } = await storeAt(5);
    const { k2026 } = await testKeys();
    const changed = await makeFeed(5);
    changed.indicators.push({ type: 'ip', value: '192.0.2.99' });
    Object.assign(state, signed(changed, k2026), { etag: '"v5b"' });
    expect(await s.update()).toMatchObject({ status: 'rejected', reason: { code: 'replay' } });
    expect(s.active().indicators.some((i) => i.value === '192.0.2.99')).toBe(false);
  });

  it('rejects a feed whose signature file is missing', async () => {
    const { k2026 } = await testKeys();
    const { bytes } = signed(await makeFeed(2), k2026);
    const server = await serve((req, res) =>
      req.url === '/feed.json' ? res.end(bytes) : res.writeHead(404).end(),
    );
    const { s } = await store();
    expect(await s.update({ url: `${server.url}/feed.json` })).toMatchObject({
      status: 'rejected',
      reason: { code: 'unsigned' },
    });
    expect(s.active().origin).toBe('bundled');
  });

  it('retries a 500 with exponential backoff and jitter, then succeeds', async () => {
    const { k2026 } = await testKeys();
    const good = feedRoutes(signed(await makeFeed(2), k2026));
    let failures = 2;
    const server = await serve((req, res) =>
      req.url === '/feed.json' && failures-- > 0 ? res.writeHead(500).end('boom') : good(req, res),
    );
    const { s, delays } = await store({ random: () => 0.5 });
    expect(await s.update({ url: `${server.url}/feed.json` })).toMatchObject({
      status: 'updated',
      version: 2,
    });
    // base 100 ms doubling, equal jitter at random 0.5: 75 then 150.
    expect(delays).toEqual([75, 150]);
    expect(server.requests.map((q) => q.url)).toEqual([
      '/feed.json',
      '/feed.json',
      '/feed.json',
      '/feed.json.sig',
    ]);
  });

  it('gives up after the configured retries with a clear message, and does not retry a 404', async () => {
    const server = await serve((_req, res) => res.writeHead(503).end());
    const { s, delays } = await store();
    const r = await s.update({ url: `${server.url}/feed.json` });
    expect(r).toMatchObject({ status: 'failed', reason: { code: 'http-status' } });
    expect(r.status === 'failed' && r.reason.message).toMatch(/HTTP 503/);
    expect(delays).toHaveLength(2);
    const missing = await serve((_req, res) => res.writeHead(404).end());
    const second = await store();
    expect(await second.s.update({ url: `${missing.url}/feed.json` })).toMatchObject({
      status: 'failed',
      reason: { code: 'http-status' },
    });
    expect(second.delays).toEqual([]);
    expect(missing.requests).toHaveLength(1);
  });

  it('detects a truncated download (connection cut before Content-Length bytes) and keeps the last good feed', async () => {
    const { s, server } = await storeAt(3);
    const { k2026 } = await testKeys();
    const { bytes } = signed(await makeFeed(4), k2026);
    server.server.removeAllListeners('request');
    server.server.on('request', (_req, res) => {
      res.writeHead(200, { 'content-length': String(bytes.length) });
      res.write(bytes.subarray(0, bytes.length >> 1), () => res.socket?.destroy());
    });
    const r = await s.update();
    expect(r).toMatchObject({ status: 'failed', reason: { code: 'truncated' } });
    expect(s.active().version).toBe(3);
  });

  it('aborts an oversized body: declared by Content-Length, or streamed without one', async () => {
    const cap = 64 * 1024;
    const declared = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(cap * 100) });
      res.write(Buffer.alloc(1024));
    });
    const a = await store({ http: { maxBytes: cap, retries: 2 } });
    expect(await a.s.update({ url: `${declared.url}/feed.json` })).toMatchObject({
      status: 'failed',
      reason: { code: 'too-large' },
    });
    expect(a.delays).toEqual([]);

    let written = 0;
    const streamed = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      // Bounded: at most 64 × the cap, ending early once the client hangs up.
      const pump = () => {
        while (written < cap * 64 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const b = await store({ http: { maxBytes: cap, retries: 0 } });
    const r = await b.s.update({ url: `${streamed.url}/feed.json` });
    expect(r).toMatchObject({ status: 'failed', reason: { code: 'too-large' } });
    expect(r.status === 'failed' && r.reason.message).toMatch(/65536/);
    expect(b.s.active().origin).toBe('bundled');
  });

  it('times out a server that never answers, and one that answers too slowly', async () => {
    const silent = await serve(() => undefined);
    const a = await store({ http: { connectTimeoutMs: 150, totalTimeoutMs: 5000, retries: 1 } });
    const r1 = await a.s.update({ url: `${silent.url}/feed.json` });
    expect(r1).toMatchObject({ status: 'failed', reason: { code: 'timeout' } });
    expect(r1.status === 'failed' && r1.reason.message).toMatch(/150 ms/);
    expect(silent.requests).toHaveLength(2);

    const timers = new Set<NodeJS.Timeout>();
    const dribble = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let n = 0;
      const t = setInterval(
        () => (n++ < 100 && !res.destroyed ? res.write(' ') : (clearInterval(t), res.end())),
        50,
      );
      timers.add(t);
    });
    const b = await store({ http: { connectTimeoutMs: 1000, totalTimeoutMs: 300, retries: 0 } });
    const r2 = await b.s.update({ url: `${dribble.url}/feed.json` });
    timers.forEach(clearInterval);
    expect(r2).toMatchObject({ status: 'failed', reason: { code: 'timeout' } });
    expect(r2.status === 'failed' && r2.reason.message).toMatch(/300 ms/);
  });

  it('fails clearly with no URL at all, and refuses a non-http URL', async () => {
    const { s } = await store();
    expect(await s.update()).toMatchObject({ status: 'failed', reason: { code: 'no-url' } });
    expect(await s.update({ url: 'file:///etc/passwd' })).toMatchObject({
      status: 'failed',
      reason: { code: 'bad-url' },
    });
  });
});
