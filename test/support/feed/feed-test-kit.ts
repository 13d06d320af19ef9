// Shared fixtures for the feed tests: the TEST-ONLY keys, feed documents, a loopback HTTP server.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CampaignFeed } from '../../../shared/campaign-feed/campaign-feed';
import { loadPinnedKeys, parsePrivateKey, signFeedBytes } from '../../../node-shared/feed/keys';
import type { PinnedKey } from '../../../node-shared/feed/keys';
import { bundledPaths } from '../../../services/feed/paths';
import type { KeyObject } from 'node:crypto';
import { afterEach } from 'vitest';
import { createFeedStore } from '../../../services/feed/feed-store';
import type { FeedStore, FeedStoreDeps } from '../../../services/feed/feed-store';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const assetsDir = join(repoRoot, 'assets');
export const bundled = bundledPaths(assetsDir);
export const keyFixtures = join(repoRoot, 'test/fixtures/feed-keys');

/**
 * The keys a source run pins from assets/keys (the TEST-ONLY agency keys and the sample key) and the
 * private keys that match them.
 */
export async function testKeys(): Promise<{
  pinned: PinnedKey[];
  k2026: KeyObject;
  k2027: KeyObject;
  sampleKey: KeyObject;
}> {
  const pinned = await loadPinnedKeys(bundled.keysDir, null);
  const read = async (n: string) => parsePrivateKey(await readFile(join(keyFixtures, n)), n);
  return {
    pinned,
    k2026: await read('TEST-ONLY-agency-2026.key'),
    k2027: await read('TEST-ONLY-agency-2027.key'),
    sampleKey: await read('SAMPLE-sample-2026.key'),
  };
}

/** A valid feed (the bundled sample's campaign, not marked sample) at `version`. */
export async function makeFeed(version: number, extra: Partial<CampaignFeed> = {}): Promise<CampaignFeed> {
  const sample = JSON.parse(await readFile(bundled.feedFile, 'utf8')) as CampaignFeed;
  return {
    ...sample,
    // Running from before the tests' clocks until long after today, so no test depends on the date.
    campaign: { ...sample.campaign, id: 'lam-sach-ma-doc-test', sample: false, endsOn: '2099-12-31' },
    version,
    publishedAt: `2026-11-${String(Math.min(version, 28)).padStart(2, '0')}T00:00:00Z`,
    ...extra,
  };
}

/** Serialises and signs a feed; returns exactly the bytes served. */
export function signed(feed: CampaignFeed, key: KeyObject): { bytes: Buffer; sig: Buffer } {
  const bytes = Buffer.from(`${JSON.stringify(feed, null, 2)}\n`);
  return { bytes, sig: Buffer.from(signFeedBytes(bytes, key)) };
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'sachmadoc-feed-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A loopback HTTP server; `requests` logs method, url and headers of every request. */
export interface TestServer {
  url: string;
  server: Server;
  requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 (random port); close() also destroys open sockets. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const requests: TestServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    server,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A handler serving a feed and its signature at /feed.json(.sig) with an ETag. */
export function feedRoutes(state: { bytes: Buffer; sig: Buffer; etag?: string }): Handler {
  return (req, res) => {
    if (req.url === '/feed.json') {
      const etag = state.etag ?? null;
      if (etag && req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', ...(etag ? { etag } : {}) }).end(state.bytes);
    } else if (req.url === '/feed.json.sig') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(state.sig);
    } else {
      res.writeHead(404).end();
    }
  };
}

/** Records the delays the store asked to wait, and resolves at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: (ms) => (delays.push(ms), Promise.resolve()) };
}

export interface Proxy {
  url: string;
  connects: string[];
  close(): Promise<void>;
}

/** A minimal CONNECT proxy on 127.0.0.1 that records each tunnel target. */
export async function startProxy(): Promise<Proxy> {
  const connects: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: Socket) => {
    connects.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * Loopback servers for one test file: call at the top of the file; `serve(handler)` starts one and
 * every server is closed after each test.
 */
export function useServers(): (handler: Handler) => Promise<TestServer> {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (handler) => {
    const s = await startServer(handler);
    servers.push(s);
    return s;
  };
}

/** What every feed-store test starts from: a fresh cache, the pinned TEST keys, no proxy from the environment. */
export async function storeDeps(extra: Partial<FeedStoreDeps> = {}): Promise<FeedStoreDeps> {
  const { pinned } = await testKeys();
  // env: {} keeps a developer's HTTPS_PROXY out of loopback tests.
  return { cacheDir: join(await tempDir(), 'feed'), bundled, keys: pinned, env: {}, ...extra };
}

/**
 * A store for the update tests: fast retries (2, 100 ms to 1 s), no jitter, and a sleep that records
 * the delays it was asked for instead of waiting.
 */
export async function updateStore(
  extra: Partial<FeedStoreDeps> = {},
): Promise<{ s: FeedStore; delays: number[]; deps: FeedStoreDeps }> {
  const rec = recordingSleep();
  const deps = await storeDeps({
    sleep: rec.sleep,
    random: () => 1,
    http: { retries: 2, baseDelayMs: 100, maxDelayMs: 1000, connectTimeoutMs: 3000, totalTimeoutMs: 10_000 },
    ...extra,
  });
  return { s: await createFeedStore(deps), delays: rec.delays, deps };
}
