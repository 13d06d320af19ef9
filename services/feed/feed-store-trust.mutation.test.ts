// Which feed a PC trusts (issue 19, the last survivors of services/feed/feed-store.ts): the choice at
// start between a cache and a bundled feed of either kind and any version, the ETag after a damaged
// cache, an error the download did not make, the return to a campaign at its recorded version, and
// an old meta.json (one floor, no campaign named) behind a damaged cache. Real HTTP on 127.0.0.1.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFeedStore } from './feed-store';
import type { FeedStoreDeps } from './feed-store';
import { commitCache, readCache, sha256Hex } from './feed-cache';
import type { CacheMeta } from './feed-cache';
import type { CampaignFeed } from '../../shared/campaign-feed/campaign-feed';
import type { TestServer } from '../../test/support/feed/feed-test-kit';
import {
  bundled,
  feedRoutes,
  makeFeed,
  signed,
  startServer,
  tempDir,
  testKeys,
} from '../../test/support/feed/feed-test-kit';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const DAY = '2026-11-23';
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** The bundled sample feed as shipped (campaign lam-sach-ma-doc-mau, version 1, marked sample). */
async function shippedSample(): Promise<CampaignFeed> {
  return JSON.parse(await readFile(bundled.feedFile, 'utf8')) as CampaignFeed;
}

/** A bundled feed of our own: `pair` written where the app looks for its bundled files. */
async function bundledPair(pair: { bytes: Buffer; sig: Buffer }): Promise<FeedStoreDeps['bundled']> {
  const dir = await tempDir();
  const files = { feedFile: join(dir, 'feed.json'), sigFile: join(dir, 'feed.json.sig') };
  await writeFile(files.feedFile, pair.bytes);
  await writeFile(files.sigFile, pair.sig);
  return files;
}

/** A cache holding `pair` with an old meta.json (one accepted version, no per-campaign floors). */
async function cacheOf(
  pair: { bytes: Buffer; sig: Buffer },
  meta: Partial<CacheMeta> & { acceptedVersion: number },
): Promise<string> {
  const cacheDir = join(await tempDir(), 'feed');
  await commitCache(cacheDir, pair.bytes, pair.sig, {
    etag: null,
    sourceUrl: null,
    lastChecked: null,
    acceptedAt: '2026-11-20T00:00:00.000Z',
    keyId: 'x',
    ...meta,
  });
  return cacheDir;
}

/** A store at 03:00 UTC on DAY with the pinned TEST keys, no proxy, no retries unless asked. */
async function store(extra: Partial<FeedStoreDeps> = {}) {
  const { pinned } = await testKeys();
  return createFeedStore({
    cacheDir: join(await tempDir(), 'feed'),
    bundled,
    keys: pinned,
    env: {},
    now: () => new Date(`${DAY}T03:00:00Z`),
    sleep: () => Promise.resolve(),
    http: { retries: 0 },
    logger: quiet,
    ...extra,
  });
}

async function serve(state: { bytes: Buffer; sig: Buffer; etag?: string }) {
  const server = await startServer(feedRoutes(state));
  servers.push(server);
  return { server, url: `${server.url}/feed.json` };
}

/** A damaged signature: the bytes are kept, the first eight bytes of the signature overwritten. */
const spoiled = (pair: { bytes: Buffer; sig: Buffer }) => ({
  bytes: pair.bytes,
  sig: Buffer.from(pair.sig).fill(7, 0, 8),
});

describe('start-up: cache or bundled, by kind then by version', () => {
  it('an older cached sample gives way to a newer bundled sample (an app update shipped it)', async () => {
    const { sampleKey } = await testKeys();
    const sample = await shippedSample();
    const bundledV3 = await bundledPair(signed({ ...sample, version: 3 }, sampleKey));
    const cacheDir = await cacheOf(signed({ ...sample, version: 2 }, sampleKey), { acceptedVersion: 2 });
    const s = await store({ bundled: bundledV3, cacheDir });
    expect(s.active()).toMatchObject({
      origin: 'bundled',
      version: 3,
      sample: true,
      source: bundledV3.feedFile,
    });
    // The same cache beside the shipped sample (version 1) is the newer one and wins.
    const t = await store({ cacheDir });
    expect(t.active()).toMatchObject({ origin: 'cache', version: 2, sample: true });
  });

  it('a real cached feed wins over a newer bundled sample', async () => {
    const { sampleKey, k2026 } = await testKeys();
    const sample = await shippedSample();
    const bundledV3 = await bundledPair(signed({ ...sample, version: 3 }, sampleKey));
    const cacheDir = await cacheOf(signed(await makeFeed(1), k2026), { acceptedVersion: 1 });
    const s = await store({ bundled: bundledV3, cacheDir });
    expect(s.active()).toMatchObject({ origin: 'cache', version: 1, sample: false });
  });

  it('a cached sample never wins over a real bundled feed, however high its version', async () => {
    const { sampleKey, k2026 } = await testKeys();
    const sample = await shippedSample();
    const realV1 = await bundledPair(signed(await makeFeed(1), k2026));
    const cacheDir = await cacheOf(signed({ ...sample, version: 9 }, sampleKey), { acceptedVersion: 9 });
    const s = await store({ bundled: realV1, cacheDir });
    expect(s.active()).toMatchObject({ origin: 'bundled', version: 1, sample: false });
  });

  it('between two real feeds the newer wins, the cache on a tie', async () => {
    const { k2026 } = await testKeys();
    const realV3 = await bundledPair(signed(await makeFeed(3), k2026));
    const at = async (version: number) =>
      (
        await store({
          bundled: realV3,
          cacheDir: await cacheOf(signed(await makeFeed(version), k2026), { acceptedVersion: version }),
        })
      ).active();
    expect(await at(2)).toMatchObject({ origin: 'bundled', version: 3 });
    expect(await at(3)).toMatchObject({ origin: 'cache', version: 3 });
    expect(await at(4)).toMatchObject({ origin: 'cache', version: 4 });
  });
});

describe('after a damaged cache', () => {
  it("sends no ETag for the bundled feed in use, though the damaged cache's meta.json names this URL and its ETag", async () => {
    const { k2026 } = await testKeys();
    const state = { ...signed(await makeFeed(4), k2026), etag: '"v4"' };
    const { server, url } = await serve(state);
    // The cache held version 4 from this URL with this ETag; its signature is now damaged.
    const cacheDir = await cacheOf(spoiled(state), { acceptedVersion: 4, sourceUrl: url, etag: '"v4"' });
    const s = await store({ cacheDir });
    expect(s.active()).toMatchObject({ origin: 'bundled', sample: true });
    // Asking with the ETag would get a 304 that "confirms" the bundled sample; without it the
    // server sends the feed, which replaces the sample.
    expect(await s.update()).toMatchObject({ status: 'updated', version: 4 });
    expect(s.active()).toMatchObject({ origin: 'cache', version: 4, sample: false });
    expect(
      server.requests.filter((q) => q.url === '/feed.json').map((q) => q.headers['if-none-match']),
    ).toEqual([undefined]);
  });

  it('an old meta.json (no campaign named) does not lend its accepted version to the bundled sample', async () => {
    const { k2026, sampleKey } = await testKeys();
    const sample = await shippedSample();
    // Version 6 of some real campaign was accepted by an older app; its feed is now damaged.
    const cacheDir = await cacheOf(spoiled(signed(await makeFeed(6), k2026)), { acceptedVersion: 6 });
    const s = await store({ cacheDir });
    expect(s.active()).toMatchObject({
      origin: 'bundled',
      version: 1,
      campaign: { id: 'lam-sach-ma-doc-mau' },
    });
    // A newer sample of the sample campaign: its floor is the bundled version (1), not 6.
    const { url } = await serve(signed({ ...sample, version: 3 }, sampleKey));
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 3, previousVersion: 1 });
  });

  it('an old meta.json behind a damaged signature keeps its floor for the campaign the damaged feed names', async () => {
    const { k2026 } = await testKeys();
    // An older app accepted version 6 of the campaign (one floor, no campaign named); then the
    // signature was damaged, so the app falls back to the bundled sample.
    const v6 = signed(await makeFeed(6), k2026);
    const cacheDir = await cacheOf(spoiled(v6), { acceptedVersion: 6 });
    const s = await store({ cacheDir });
    expect(s.active()).toMatchObject({ origin: 'bundled', campaign: { id: 'lam-sach-ma-doc-mau' } });
    // A validly signed older version of that campaign is a downgrade, whatever is in use now.
    const old = await serve(signed(await makeFeed(3), k2026));
    expect(await s.update({ url: old.url })).toMatchObject({
      status: 'rejected',
      reason: { code: 'downgrade' },
    });
    // Another feed signed as version 6 is a replay; the real version 6, validly signed, is taken back.
    const other = await serve(signed(await makeFeed(6, { publishedAt: '2026-11-07T00:00:00Z' }), k2026));
    expect(await s.update({ url: other.url })).toMatchObject({
      status: 'rejected',
      reason: { code: 'replay' },
    });
    const back = await serve(v6);
    expect(await s.update({ url: back.url })).toMatchObject({ status: 'updated', version: 6 });
    expect(s.active()).toMatchObject({
      origin: 'cache',
      version: 6,
      campaign: { id: 'lam-sach-ma-doc-test' },
    });
    // The floor is now written per campaign: a fresh start on the same cache still refuses version 3.
    const again = await store({ cacheDir });
    expect(await again.update({ url: old.url })).toMatchObject({
      status: 'rejected',
      reason: { code: 'downgrade' },
    });
  });

  it('an old meta.json whose damaged feed names no campaign has no campaign to keep a floor for', async () => {
    const { k2026 } = await testKeys();
    // The cached bytes are not a feed at all (cut short): nothing says which campaign version 6 was.
    const v6 = signed(await makeFeed(6), k2026);
    const cacheDir = await cacheOf(spoiled({ bytes: v6.bytes.subarray(0, 40), sig: v6.sig }), {
      acceptedVersion: 6,
    });
    const s = await store({ cacheDir });
    expect(s.active()).toMatchObject({ origin: 'bundled' });
    const { url } = await serve(signed(await makeFeed(3), k2026));
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 3 });
  });
});

describe('update: an error the download did not make, and a return to an earlier campaign', () => {
  it('an error thrown while waiting to retry reaches the caller as it is, and the next update still runs', async () => {
    const { k2026 } = await testKeys();
    const state = signed(await makeFeed(2), k2026);
    const routes = feedRoutes(state);
    let requests = 0;
    const server = await startServer((req, res) => {
      // The first request fails with 503 (retryable): the store waits before asking again.
      if (requests++ === 0) res.writeHead(503).end();
      else routes(req, res);
    });
    servers.push(server);
    const boom = new Error('the wait was cut short');
    let waits = 0;
    const s = await store({
      http: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 },
      sleep: () => (waits++ === 0 ? Promise.reject(boom) : Promise.resolve()),
    });
    const url = `${server.url}/feed.json`;
    await expect(s.update({ url })).rejects.toBe(boom);
    expect(s.active()).toMatchObject({ origin: 'bundled', version: 1 });
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 2 });
  });

  it('back to a campaign at exactly its recorded version and bytes: taken; other bytes at that version: a replay', async () => {
    const { k2026 } = await testKeys();
    const a5 = signed(await makeFeed(5), k2026);
    const state = { ...a5 };
    const { url } = await serve(state);
    const s = await store();
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 5 });
    // Another campaign, running today, version 1.
    const base = await makeFeed(1);
    const b1 = { ...base, campaign: { ...base.campaign, id: 'chien-dich-khac', startsOn: '2026-11-01' } };
    Object.assign(state, signed(b1, k2026));
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 1, previousVersion: 5 });
    // Back to the first campaign at its recorded version 5 with other bytes: a replay.
    Object.assign(state, signed(await makeFeed(5, { allowList: [] }), k2026));
    expect(await s.update({ url })).toMatchObject({ status: 'rejected', reason: { code: 'replay' } });
    expect(s.active()).toMatchObject({ version: 1, campaign: { id: 'chien-dich-khac' } });
    // With the very bytes accepted before: taken again.
    Object.assign(state, a5);
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 5, previousVersion: 1 });
    expect(s.active()).toMatchObject({ version: 5, campaign: { id: 'lam-sach-ma-doc-test' } });
  });
});

// The floors an update records in meta.json, and what they refuse afterwards (issue 19, survivors of
// the Stryker run of 2026-12-02 21:16 UTC).
describe('the floors kept across a damaged cache, a campaign switch and an old meta.json', () => {
  /** The per-campaign floors meta.json holds now. */
  async function floorsIn(cacheDir: string) {
    const read = await readCache(cacheDir);
    return read.kind === 'present' ? read.cached.meta.campaigns : read;
  }

  it('a damaged feed that names no usable campaign id (none, empty, null, a number) gets no floor recorded', async () => {
    const { k2026 } = await testKeys();
    const v6 = signed(await makeFeed(6), k2026);
    const v3 = signed(await makeFeed(3), k2026);
    const feed6 = JSON.parse(v6.bytes.toString('utf8')) as Record<string, Record<string, unknown>>;
    const naming = (id: unknown) =>
      Buffer.from(JSON.stringify({ ...feed6, campaign: { ...feed6.campaign, id } }, null, 2));
    for (const [what, bytes] of [
      ['cut short', v6.bytes.subarray(0, 40)],
      ['empty id', naming('')],
      ['null id', naming(null)],
      ['number id', naming(12)],
    ] as const) {
      const cacheDir = await cacheOf(spoiled({ bytes, sig: v6.sig }), { acceptedVersion: 6 });
      const s = await store({ cacheDir });
      expect(s.active(), what).toMatchObject({ origin: 'bundled' });
      const { url } = await serve(v3);
      expect(await s.update({ url }), what).toMatchObject({ status: 'updated', version: 3 });
      // Only the campaign just accepted: no floor under "undefined", "", "null" or "12".
      expect(await floorsIn(cacheDir), what).toEqual({
        'lam-sach-ma-doc-test': {
          version: 3,
          publishedAt: '2026-11-03T00:00:00Z',
          sha256: sha256Hex(v3.bytes),
        },
      });
    }
  });

  it("the damaged feed's campaign keeps its floor, with no publication time, when another campaign is accepted", async () => {
    const { k2026, sampleKey } = await testKeys();
    const v6 = signed(await makeFeed(6), k2026);
    const cacheDir = await cacheOf(spoiled(v6), { acceptedVersion: 6 });
    const s = await store({ cacheDir });
    expect(s.active()).toMatchObject({ origin: 'bundled', campaign: { id: 'lam-sach-ma-doc-mau' } });
    const sample = await shippedSample();
    const s3 = signed({ ...sample, version: 3 }, sampleKey);
    const { url } = await serve(s3);
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 3, previousVersion: 1 });
    // The time the damaged bytes claim is not trusted: the floor has a version and bytes, no time.
    expect(await floorsIn(cacheDir)).toEqual({
      'lam-sach-ma-doc-test': { version: 6, publishedAt: '', sha256: sha256Hex(v6.bytes) },
      'lam-sach-ma-doc-mau': { version: 3, publishedAt: sample.publishedAt, sha256: sha256Hex(s3.bytes) },
    });
  });

  it('an old meta.json of a good cache: after a switch to another campaign, a return with an earlier publication time is refused', async () => {
    const { k2026 } = await testKeys();
    // Version 4 of the campaign, published on 4 November, accepted by an older app (one floor).
    const cacheDir = await cacheOf(signed(await makeFeed(4), k2026), { acceptedVersion: 4 });
    const s = await store({ cacheDir });
    expect(s.active()).toMatchObject({ origin: 'cache', version: 4, publishedAt: '2026-11-04T00:00:00Z' });
    const base = await makeFeed(1);
    const state = signed(
      { ...base, campaign: { ...base.campaign, id: 'chien-dich-khac', startsOn: '2026-11-01' } },
      k2026,
    );
    const { url } = await serve(state);
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 1, previousVersion: 4 });
    // Back to the first campaign: version 5, but published on 3 November, before version 4.
    Object.assign(state, signed(await makeFeed(5, { publishedAt: '2026-11-03T00:00:00Z' }), k2026));
    expect(await s.update({ url })).toMatchObject({
      status: 'rejected',
      reason: { code: 'published-backwards' },
    });
    // Published on 5 November: taken.
    Object.assign(state, signed(await makeFeed(5), k2026));
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 5, previousVersion: 1 });
  });

  it('back to a campaign at its recorded version, which is also the version of the campaign in use: its own bytes are taken', async () => {
    const { k2026 } = await testKeys();
    const a2 = signed(await makeFeed(2), k2026);
    const state = { ...a2 };
    const { url } = await serve(state);
    const s = await store();
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 2 });
    const base = await makeFeed(2);
    Object.assign(
      state,
      signed(
        { ...base, campaign: { ...base.campaign, id: 'chien-dich-khac', startsOn: '2026-11-01' } },
        k2026,
      ),
    );
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 2, previousVersion: 2 });
    // Version 2 of the first campaign again, the very bytes accepted before: not a replay.
    Object.assign(state, a2);
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 2, previousVersion: 2 });
    expect(s.active()).toMatchObject({ campaign: { id: 'lam-sach-ma-doc-test' } });
  });

  it('a real bundled feed older than the damaged cache: the version the cache recorded is taken back with its own bytes only', async () => {
    const { k2026 } = await testKeys();
    // The app ships version 3 of the campaign; the cache accepted version 5 (per-campaign floors)
    // and its signature is now damaged, so the app runs on the bundled version 3.
    const realV3 = await bundledPair(signed(await makeFeed(3), k2026));
    const v5 = signed(await makeFeed(5), k2026);
    const cacheDir = await cacheOf(spoiled(v5), {
      acceptedVersion: 5,
      campaigns: {
        'lam-sach-ma-doc-test': {
          version: 5,
          publishedAt: '2026-11-05T00:00:00Z',
          sha256: sha256Hex(v5.bytes),
        },
      },
    });
    const s = await store({ bundled: realV3, cacheDir });
    expect(s.active()).toMatchObject({ origin: 'bundled', version: 3, sample: false });
    const state = signed(await makeFeed(4), k2026);
    const { url } = await serve(state);
    expect(await s.update({ url })).toMatchObject({ status: 'rejected', reason: { code: 'downgrade' } });
    Object.assign(state, signed(await makeFeed(5, { allowList: [] }), k2026));
    expect(await s.update({ url })).toMatchObject({ status: 'rejected', reason: { code: 'replay' } });
    Object.assign(state, v5);
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 5, previousVersion: 3 });
  });
});
