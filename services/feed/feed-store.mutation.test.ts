// The feed store's words and records (issue 19, mutation testing of services/feed/feed-store.ts):
// the exact reason of every refusal, what it logs and at which level, the URL rule, the Vietnamese
// day, and the choices at start. Each update goes to a real HTTP server on 127.0.0.1.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptedFeedUrl, createFeedStore, vietnamDay } from './feed-store';
import type { FeedStoreDeps } from './feed-store';
import { commitCache } from './feed-cache';
import type { CampaignFeed } from '../../shared/campaign-feed/campaign-feed';
import { UserError } from '../../shared/errors';
import { setLogSink } from '../../shared/logger';
import type { LogRecord, Logger } from '../../shared/logger';
import { generateKeyPairPem, parsePrivateKey } from '../../node-shared/feed/keys';
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

type Entry = [level: string, message: string, data?: Record<string, unknown>];
function recordingLogger(): { logger: Logger; entries: Entry[] } {
  const entries: Entry[] = [];
  const at = (level: string) => (message: string, data?: Record<string, unknown>) =>
    void entries.push(data === undefined ? [level, message] : [level, message, data]);
  return { entries, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

const DAY = '2026-11-23';
async function storeOn(
  state: { bytes: Buffer; sig: Buffer; etag?: string } | null,
  extra: Partial<FeedStoreDeps> = {},
) {
  const { pinned } = await testKeys();
  const { logger, entries } = recordingLogger();
  const routes = state ?? { bytes: Buffer.from(''), sig: Buffer.from('') };
  const server = await startServer(feedRoutes(routes));
  servers.push(server);
  const clock = { at: Date.parse(`${DAY}T03:00:00Z`) };
  const deps: FeedStoreDeps = {
    cacheDir: join(await tempDir(), 'feed'),
    bundled,
    keys: pinned,
    env: {},
    now: () => new Date(clock.at),
    sleep: () => Promise.resolve(),
    http: { retries: 0 },
    logger,
    ...extra,
  };
  const s = await createFeedStore(deps);
  return { s, deps, entries, url: `${server.url}/feed.json`, state: routes, clock, server };
}

const testKeyLog = (entries: Entry[]) =>
  entries.filter(([, m]) => m === 'this build trusts the TEST-ONLY feed keys');

describe('start-up', () => {
  it('logs the TEST-ONLY keys a development build trusts, and lists their ids', async () => {
    const { pinned } = await testKeys();
    const ids = pinned.filter((k) => k.test).map((k) => k.keyId);
    expect(ids.length).toBeGreaterThan(0);
    const { s, entries } = await storeOn(null);
    expect(s.active().testKeyIds).toEqual(ids);
    expect(testKeyLog(entries)).toEqual([
      ['warn', 'this build trusts the TEST-ONLY feed keys', { keyIds: ids.join(', ') }],
    ]);
    // A release build (no test keys): nothing logged, an empty list.
    const release = await storeOn(null, { keys: pinned.filter((k) => !k.test) });
    expect(release.s.active().testKeyIds).toEqual([]);
    expect(testKeyLog(release.entries)).toEqual([]);
    expect(release.entries.filter(([level]) => level !== 'info')).toEqual([]);
  });

  it('a damaged cache: the bundled feed, one warning in both languages, logged once', async () => {
    const { pinned, k2026 } = await testKeys();
    const cacheDir = join(await tempDir(), 'feed');
    const { bytes, sig } = signed(await makeFeed(4), k2026);
    await commitCache(cacheDir, bytes, Buffer.from(sig).fill(7, 0, 8), {
      etag: null,
      sourceUrl: 'https://feed.example.vn/feed.json',
      lastChecked: null,
      acceptedVersion: 4,
      acceptedAt: '2026-11-20T00:00:00.000Z',
      keyId: 'x',
    });
    const { s, entries } = await storeOn(null, { cacheDir, keys: pinned });
    const a = s.active();
    expect(a.origin).toBe('bundled');
    expect(a.warnings).toHaveLength(1);
    expect(a.warnings[0]).toMatch(
      /^Bộ nhớ đệm danh sách bị hỏng \(.+\); đang dùng danh sách đi kèm cho đến lần cập nhật tới\. \/ The feed cache is damaged \(.+\); using the bundled feed until the next update\.$/s,
    );
    expect(entries.filter(([level]) => level === 'warn')[0]).toEqual(['warn', a.warnings[0]]);
  });

  it('a cache whose meta.json is unreadable is damaged too', async () => {
    const cacheDir = join(await tempDir(), 'feed');
    const { k2026 } = await testKeys();
    const { bytes, sig } = signed(await makeFeed(4), k2026);
    await commitCache(cacheDir, bytes, sig, {
      etag: null,
      sourceUrl: null,
      lastChecked: null,
      acceptedVersion: 4,
      acceptedAt: '2026-11-20T00:00:00.000Z',
      keyId: 'x',
    });
    await writeFile(join(cacheDir, 'meta.json'), '{ not json');
    const { s } = await storeOn(null, { cacheDir });
    expect(s.active().origin).toBe('bundled');
    expect(s.active().warnings[0]).toContain('The feed cache is damaged (');
  });

  it('a cache without a source URL names its file; the bundled feed keeps lastChecked null', async () => {
    const cacheDir = join(await tempDir(), 'feed');
    const { k2026 } = await testKeys();
    const { bytes, sig } = signed(await makeFeed(4), k2026);
    await commitCache(cacheDir, bytes, sig, {
      etag: null,
      sourceUrl: null,
      lastChecked: '2026-11-20T00:00:00.000Z',
      acceptedVersion: 4,
      acceptedAt: '2026-11-20T00:00:00.000Z',
      keyId: 'x',
    });
    const { s } = await storeOn(null, { cacheDir });
    expect(s.active()).toMatchObject({
      origin: 'cache',
      version: 4,
      lastChecked: '2026-11-20T00:00:00.000Z',
    });
    expect(s.active().source).toMatch(/feed-v4-[0-9a-f]{12}\.json$/);
    expect(s.active().source.startsWith(cacheDir)).toBe(true);
  });

  it('a cached feed of the same kind and the same version as the bundled one wins; an older one does not', async () => {
    const { sampleKey } = await testKeys();
    const { readFile } = await import('node:fs/promises');
    const sample = JSON.parse(await readFile(bundled.feedFile, 'utf8')) as CampaignFeed;
    const put = async (version: number) => {
      const cacheDir = join(await tempDir(), 'feed');
      const { bytes, sig } = signed({ ...sample, version }, sampleKey);
      await commitCache(cacheDir, bytes, sig, {
        etag: null,
        sourceUrl: 'https://feed.example.vn/feed.json',
        lastChecked: null,
        acceptedVersion: version,
        acceptedAt: '2026-11-20T00:00:00.000Z',
        keyId: 'x',
      });
      return cacheDir;
    };
    const same = await storeOn(null, { cacheDir: await put(sample.version) });
    expect(same.s.active()).toMatchObject({ origin: 'cache', sample: true });
    const older = await storeOn(null, { cacheDir: await put(sample.version - 1 || 0) });
    if (sample.version > 0)
      expect(older.s.active()).toMatchObject({ origin: 'bundled', version: sample.version });
    const newer = await storeOn(null, { cacheDir: await put(sample.version + 1) });
    expect(newer.s.active()).toMatchObject({ origin: 'cache', version: sample.version + 1 });
  });

  it('logs why the bundled feed is unusable, and starts from a good cache alone', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'feed.json'), '{}');
    await writeFile(join(dir, 'feed.json.sig'), 'AAAA');
    const cacheDir = join(await tempDir(), 'feed');
    const { k2026 } = await testKeys();
    const { bytes, sig } = signed(await makeFeed(2), k2026);
    await commitCache(cacheDir, bytes, sig, {
      etag: null,
      sourceUrl: 'https://feed.example.vn/feed.json',
      lastChecked: null,
      acceptedVersion: 2,
      acceptedAt: '2026-11-20T00:00:00.000Z',
      keyId: 'x',
    });
    const bad = { feedFile: join(dir, 'feed.json'), sigFile: join(dir, 'feed.json.sig') };
    const rejected = await storeOn(null, { cacheDir, bundled: bad });
    expect(rejected.s.active()).toMatchObject({ origin: 'cache', version: 2 });
    const [level, message, data] = rejected.entries.find(([l]) => l === 'error') ?? [];
    expect([level, message]).toEqual(['error', 'bundled feed rejected']);
    expect(Object.keys(data ?? {})).toEqual(['code', 'message']);
    expect(typeof data?.code).toBe('string');

    const missing = { feedFile: join(dir, 'none.json'), sigFile: join(dir, 'none.json.sig') };
    const unreadable = await storeOn(null, { cacheDir, bundled: missing });
    expect(unreadable.s.active()).toMatchObject({ origin: 'cache', version: 2 });
    const e = unreadable.entries.find(([l]) => l === 'error');
    expect(e?.slice(0, 2)).toEqual(['error', 'bundled feed unreadable']);
    expect(e?.[2]).toMatchObject({ file: missing.feedFile });
    expect(String(e?.[2]?.error)).toContain('ENOENT');
  });

  it('refuses to start with neither, in both languages, with what to do', async () => {
    const dir = await tempDir();
    const missing = { feedFile: join(dir, 'none.json'), sigFile: join(dir, 'none.json.sig') };
    const cacheDir = join(dir, 'feed');
    await mkdir(cacheDir, { recursive: true });
    const err = await storeOn(null, { cacheDir, bundled: missing }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe(
      `Không có danh sách địa chỉ độc hại hợp lệ: cả bộ nhớ đệm (${cacheDir}) và danh sách đi kèm (${missing.feedFile}) đều không dùng được. / ` +
        `No valid campaign feed: both the cache (${cacheDir}) and the bundled feed (${missing.feedFile}) are unusable.`,
    );
    expect(JSON.stringify(err)).toContain('sachmadoc feed update');
  });
});

describe('update: reasons in words', () => {
  it('no URL: failed, in both languages, logged as information only', async () => {
    const { s, entries } = await storeOn(null);
    expect(await s.update()).toEqual({
      status: 'failed',
      reason: {
        code: 'no-url',
        message:
          'Chưa có địa chỉ danh sách; dùng --url hoặc đặt trong Cài đặt. / No feed URL; pass --url or set one in Settings.',
      },
    });
    expect(entries.filter(([, m]) => m === 'feed update failed')).toEqual([
      ['info', 'feed update failed', { code: 'no-url', message: expect.stringContaining('No feed URL') }],
    ]);
  });

  it('a default URL is used when none is given', async () => {
    const { k2026 } = await testKeys();
    const state = signed(await makeFeed(2), k2026);
    const server = await startServer(feedRoutes(state));
    servers.push(server);
    const { s } = await storeOn(null, { defaultUrl: `${server.url}/feed.json` });
    expect(await s.update()).toMatchObject({
      status: 'updated',
      version: 2,
      source: `${server.url}/feed.json`,
    });
  });

  it('a plain-http URL to another machine: failed with the rule, logged as a warning', async () => {
    const { s, entries } = await storeOn(null);
    const url = 'http://feed.example.vn/feed.json';
    expect(await s.update({ url })).toEqual({
      status: 'failed',
      reason: {
        code: 'bad-url',
        message:
          `Địa chỉ danh sách phải bắt đầu bằng https:// (http:// chỉ cho chính máy này: localhost, 127.0.0.1, [::1]): ${url}. / ` +
          `The feed URL must start with https:// (http:// only for this computer: localhost, 127.0.0.1, [::1]): ${url}.`,
      },
    });
    expect(entries.filter(([, m]) => m === 'feed update failed').map(([l, , d]) => [l, d?.code])).toEqual([
      ['warn', 'bad-url'],
    ]);
  });

  it('an unsigned feed: rejected with its words, logged as a warning', async () => {
    const { k2026 } = await testKeys();
    const good = signed(await makeFeed(2), k2026);
    const server = await startServer((req, res) => {
      if (req.url === '/feed.json') res.writeHead(200).end(good.bytes);
      else res.writeHead(404).end();
    });
    servers.push(server);
    const { s, entries } = await storeOn(null);
    const url = `${server.url}/feed.json`;
    const r = await s.update({ url });
    expect(r).toEqual({
      status: 'rejected',
      reason: {
        code: 'unsigned',
        message: `${url}.sig: không có chữ ký cho danh sách này; không thể tin cậy. / ${url}.sig: the feed has no signature and cannot be trusted.`,
      },
    });
    expect(entries.filter(([, m]) => m === 'feed rejected')).toEqual([
      [
        'warn',
        'feed rejected',
        { code: 'unsigned', message: r.status === 'rejected' ? r.reason.message : '' },
      ],
    ]);
  });

  it('a bad signature is fetched once more (logged); a good second pair is accepted (logged)', async () => {
    const { k2026 } = await testKeys();
    const good = signed(await makeFeed(2), k2026);
    const stale = signed(await makeFeed(1), k2026);
    let sigs = 0;
    const server = await startServer((req, res) => {
      if (req.url === '/feed.json') res.writeHead(200).end(good.bytes);
      else if (req.url === '/feed.json.sig') res.writeHead(200).end(sigs++ === 0 ? stale.sig : good.sig);
      else res.writeHead(404).end();
    });
    servers.push(server);
    const { s, entries } = await storeOn(null);
    const url = `${server.url}/feed.json`;
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 2 });
    expect(entries.filter(([, m]) => m.startsWith('signature mismatch'))).toEqual([
      ['info', 'signature mismatch, fetching the pair once more', { url }],
    ]);
    expect(entries.filter(([, m]) => m === 'feed updated')).toEqual([
      ['info', 'feed updated', { version: 2, previousVersion: 1, source: url }],
    ]);
  });

  it('a downgrade says both versions and the campaign', async () => {
    const { k2026 } = await testKeys();
    const st = await storeOn({ ...signed(await makeFeed(5), k2026) });
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'updated', version: 5 });
    Object.assign(st.state, signed(await makeFeed(4), k2026));
    expect(await st.s.update({ url: st.url })).toEqual({
      status: 'rejected',
      reason: {
        code: 'downgrade',
        message:
          'Danh sách phiên bản 4 cũ hơn phiên bản đã chấp nhận của chiến dịch lam-sach-ma-doc-test (5): có thể là tấn công hạ cấp hoặc phát lại; vẫn dùng phiên bản 5. / ' +
          'Feed version 4 is older than the accepted version of campaign lam-sach-ma-doc-test (5) (downgrade or replay); keeping version 5.',
      },
    });
  });

  it('publishedAt going backwards says both dates; the same instant is fine', async () => {
    const { k2026 } = await testKeys();
    const st = await storeOn(signed(await makeFeed(5, { publishedAt: '2026-11-20T08:00:00Z' }), k2026));
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'updated', version: 5 });
    Object.assign(st.state, signed(await makeFeed(6, { publishedAt: '2026-11-20T07:59:59Z' }), k2026));
    expect(await st.s.update({ url: st.url })).toEqual({
      status: 'rejected',
      reason: {
        code: 'published-backwards',
        message:
          'Danh sách phiên bản 6 ghi ngày phát hành 2026-11-20T07:59:59Z, trước bản đã chấp nhận (2026-11-20T08:00:00Z): ngày phát hành không được lùi; vẫn dùng phiên bản 5. / ' +
          'Feed version 6 says it was published at 2026-11-20T07:59:59Z, before the accepted one (2026-11-20T08:00:00Z); publishedAt never goes backwards; keeping version 5.',
      },
    });
    Object.assign(st.state, signed(await makeFeed(6, { publishedAt: '2026-11-20T08:00:00Z' }), k2026));
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'updated', version: 6 });
  });

  it('a replay (same version, other bytes) says the version', async () => {
    const { k2026 } = await testKeys();
    const st = await storeOn(signed(await makeFeed(5), k2026));
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'updated', version: 5 });
    Object.assign(st.state, signed(await makeFeed(5, { allowList: [] }), k2026));
    expect(await st.s.update({ url: st.url })).toEqual({
      status: 'rejected',
      reason: {
        code: 'replay',
        message:
          'Danh sách phiên bản 5 có nội dung khác với bản 5 đã chấp nhận; cơ quan phát hành phải tăng số phiên bản. / ' +
          'Feed version 5 differs from the accepted version 5; a changed feed must carry a higher version.',
      },
    });
    // The same bytes again: confirmed, the version stays, lastChecked moves.
    Object.assign(st.state, signed(await makeFeed(5), k2026));
    st.clock.at += 60_000;
    expect(await st.s.update({ url: st.url })).toEqual({
      status: 'not-modified',
      version: 5,
      lastChecked: new Date(st.clock.at).toISOString(),
    });
  });

  it('a sample over a real feed, and another campaign not running today, say so', async () => {
    const { k2026, sampleKey } = await testKeys();
    const st = await storeOn(signed(await makeFeed(5), k2026));
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'updated', version: 5 });
    const { readFile } = await import('node:fs/promises');
    const sample = JSON.parse(await readFile(bundled.feedFile, 'utf8')) as CampaignFeed;
    Object.assign(st.state, signed({ ...sample, version: 50 }, sampleKey));
    const r = await st.s.update({ url: st.url });
    expect(r).toEqual({
      status: 'rejected',
      reason: {
        code: 'sample-over-real',
        message:
          `${st.url}: đây là danh sách MẪU; danh sách mẫu không bao giờ thay danh sách thật của chiến dịch lam-sach-ma-doc-test. / ` +
          `${st.url} is a SAMPLE feed; a sample never replaces the real feed of campaign lam-sach-ma-doc-test.`,
      },
    });
    const base = await makeFeed(1);
    const other = (startsOn: string, endsOn: string) =>
      signed({ ...base, campaign: { ...base.campaign, id: 'chien-dich-khac', startsOn, endsOn } }, k2026);
    Object.assign(st.state, other('2026-11-24', '2026-12-31'));
    expect(await st.s.update({ url: st.url })).toEqual({
      status: 'rejected',
      reason: {
        code: 'campaign-not-running',
        message:
          `${st.url}: danh sách của chiến dịch khác (chien-dich-khac, 24/11/2026 – 31/12/2026) chưa bắt đầu hoặc đã kết thúc vào hôm nay (23/11/2026); vẫn dùng chiến dịch lam-sach-ma-doc-test. / ` +
          `${st.url} is the feed of another campaign (chien-dich-khac, 24 Nov 2026 – 31 Dec 2026) that has not started or has ended as of 23 Nov 2026; keeping campaign lam-sach-ma-doc-test.`,
      },
    });
    Object.assign(st.state, other('2026-01-01', '2026-11-22'));
    expect(await st.s.update({ url: st.url })).toMatchObject({ reason: { code: 'campaign-not-running' } });
    // Its first and last days are days of the campaign.
    Object.assign(st.state, other('2026-11-23', '2026-11-23'));
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'updated', version: 1 });
  });

  it('a campaign that ended: the 304 is not recorded, with its words', async () => {
    const { k2026 } = await testKeys();
    const feed = await makeFeed(3);
    const st = await storeOn({
      ...signed({ ...feed, campaign: { ...feed.campaign, endsOn: '2026-11-23' } }, k2026),
      etag: '"v3"',
    });
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'updated', version: 3 });
    // Still the last day in Vietnam (16:59 UTC = 23:59 UTC+7): recorded.
    st.clock.at = Date.parse('2026-11-23T16:59:00Z');
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'not-modified' });
    st.clock.at = Date.parse('2026-11-23T17:00:00Z');
    expect(await st.s.update({ url: st.url })).toEqual({
      status: 'failed',
      reason: {
        code: 'campaign-ended',
        message:
          'Máy chủ báo danh sách không đổi, nhưng chiến dịch lam-sach-ma-doc-test đã kết thúc ngày 23/11/2026; chưa ghi nhận lần kiểm tra này. Hãy hỏi cơ quan chủ trì về danh sách của chiến dịch mới. / ' +
          "The server says the feed is unchanged, but campaign lam-sach-ma-doc-test ended on 23 Nov 2026; this check is not recorded. Ask the agency for the new campaign's feed.",
      },
    });
  });

  it('a cache that cannot be written: failed, the old feed stays, nobody is told of a change', async () => {
    const { k2026 } = await testKeys();
    const dir = await tempDir();
    // The cache directory's place is taken by a file: nothing can be written under it.
    await writeFile(join(dir, 'feed'), 'not a directory');
    const st = await storeOn(signed(await makeFeed(2), k2026), { cacheDir: join(dir, 'feed') });
    const seen: number[] = [];
    st.s.subscribe((f) => seen.push(f.version));
    const r = await st.s.update({ url: st.url });
    expect(r).toMatchObject({ status: 'failed', reason: { code: 'cache-write' } });
    if (r.status === 'failed') {
      expect(r.reason.message).toMatch(
        new RegExp(
          `^Không ghi được bộ nhớ đệm ${join(dir, 'feed').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+; vẫn dùng danh sách cũ\\. / Cannot write the feed cache ${join(dir, 'feed').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+; keeping the previous feed\\.$`,
        ),
      );
    }
    expect(st.s.active().version).toBe(1);
    expect(seen).toEqual([]);
  });

  it('a 304 whose meta.json cannot be written still moves lastChecked in memory, and logs why', async () => {
    const { k2026 } = await testKeys();
    const st = await storeOn({ ...signed(await makeFeed(2), k2026), etag: '"v2"' });
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'updated' });
    st.clock.at += 3_600_000;
    const failing = await createFeedStore({
      ...st.deps,
      writeHooks: {
        beforeRename: () => {
          throw new Error('disk full');
        },
      },
    });
    const r = await failing.update({ url: st.url });
    expect(r).toEqual({
      status: 'not-modified',
      version: 2,
      lastChecked: new Date(st.clock.at).toISOString(),
    });
    expect(failing.active().lastChecked).toBe(new Date(st.clock.at).toISOString());
    expect(st.entries.filter(([, m]) => m === 'cannot record lastChecked')).toEqual([
      ['warn', 'cannot record lastChecked', { error: 'disk full' }],
    ]);
  });

  it('a 304 to the bundled feed (no ETag sent) confirms nothing: lastChecked stays null', async () => {
    const st = await storeOn(null);
    let asked = 0;
    const server = await startServer((_req, res) => {
      asked++;
      res.writeHead(304).end();
    });
    servers.push(server);
    const r = await st.s.update({ url: `${server.url}/feed.json` });
    // No ETag was sent, so a 304 is not an answer to us.
    expect(r.status).toBe('failed');
    expect(asked).toBeGreaterThan(0);
    expect(st.s.active().lastChecked).toBeNull();
  });

  it('one update at a time, and an update that throws does not block the next', async () => {
    const { k2026 } = await testKeys();
    const st = await storeOn(signed(await makeFeed(2), k2026));
    const order: string[] = [];
    st.s.subscribe((f) => order.push(`v${f.version}`));
    const [a, b] = await Promise.all([st.s.update({ url: st.url }), st.s.update({ url: st.url })]);
    expect(a).toMatchObject({ status: 'updated', version: 2 });
    expect(b).toMatchObject({ status: 'not-modified', version: 2 });
    expect(order).toEqual(['v2', 'v2']);
    const unsubscribe = st.s.subscribe(() => order.push('late'));
    expect(unsubscribe()).toBe(true);
  });
});

describe('update: the HTTP status of a failure, and what a damaged-cache warning names', () => {
  it('a download refused by status carries that status; a failure without one has no status field', async () => {
    const { s } = await storeOn(null);
    const refusing = await startServer((_req, res) => void res.writeHead(404).end());
    servers.push(refusing);
    const r = await s.update({ url: `${refusing.url}/feed.json` });
    expect(r).toMatchObject({ status: 'failed', reason: { code: 'http-status', httpStatus: 404 } });
    if (r.status === 'failed') expect(Object.keys(r.reason)).toEqual(['code', 'message', 'httpStatus']);
    // Nobody listening any more: a network failure, with no status at all.
    const gone = await startServer(() => undefined);
    await gone.close();
    const n = await s.update({ url: `${gone.url}/feed.json` });
    expect(n).toMatchObject({ status: 'failed', reason: { code: 'network' } });
    if (n.status === 'failed') expect(Object.keys(n.reason)).toEqual(['code', 'message']);
    const none = await s.update();
    expect(none).toMatchObject({ status: 'failed', reason: { code: 'no-url' } });
    if (none.status === 'failed') expect(Object.keys(none.reason)).toEqual(['code', 'message']);
  });

  it('the damaged-cache warning names the damaged file', async () => {
    const cacheDir = join(await tempDir(), 'feed');
    const { k2026 } = await testKeys();
    const { bytes, sig } = signed(await makeFeed(4), k2026);
    await commitCache(cacheDir, bytes, sig, {
      etag: null,
      sourceUrl: null,
      lastChecked: null,
      acceptedVersion: 4,
      acceptedAt: '2026-11-20T00:00:00.000Z',
      keyId: 'x',
    });
    await writeFile(join(cacheDir, 'meta.json'), '{ not json');
    const { s } = await storeOn(null, { cacheDir });
    expect(s.active().warnings).toHaveLength(1);
    expect(s.active().warnings[0]).toContain(`The feed cache is damaged (${join(cacheDir, 'meta.json')}: `);
  });
});

describe('update: which ETag, which floor, which retry', () => {
  it('sends the cached ETag only to the URL that served it, and never on the retry after a bad signature', async () => {
    const { k2026 } = await testKeys();
    const st = await storeOn({ ...signed(await makeFeed(2), k2026), etag: '"v2"' });
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'updated' });
    // Another server: no If-None-Match there.
    const other = await startServer(feedRoutes({ ...signed(await makeFeed(3), k2026), etag: '"v2"' }));
    servers.push(other);
    expect(await st.s.update({ url: `${other.url}/feed.json` })).toMatchObject({
      status: 'updated',
      version: 3,
    });
    expect(
      other.requests.filter((q) => q.url === '/feed.json').map((q) => q.headers['if-none-match']),
    ).toEqual([undefined]);
    // Back at the first server, republished mid-download: the retry asks without the ETag.
    const fresh = signed(await makeFeed(4), k2026);
    const old = signed(await makeFeed(3), k2026);
    let sigs = 0;
    const racing = await startServer((req, res) => {
      if (req.url === '/feed.json') res.writeHead(200, { etag: '"v4"' }).end(fresh.bytes);
      else res.writeHead(200).end(sigs++ === 0 ? old.sig : fresh.sig);
    });
    servers.push(racing);
    const url = `${racing.url}/feed.json`;
    expect(await st.s.update({ url })).toMatchObject({ status: 'updated', version: 4 });
    st.clock.at += 1000;
    Object.assign(st.state, fresh);
    sigs = 0;
    racing.requests.length = 0;
    expect(await st.s.update({ url })).toMatchObject({ status: 'not-modified', version: 4 });
    const asked = racing.requests
      .filter((q) => q.url === '/feed.json')
      .map((q) => q.headers['if-none-match']);
    expect(asked).toEqual(['"v4"', undefined]);
  });

  it('a feed signed with a key that is not pinned is not fetched again', async () => {
    const stranger = generateKeyPairPem();
    const st = await storeOn(
      signed(await makeFeed(2), parsePrivateKey(Buffer.from(stranger.privatePem), 'x')),
    );
    const r = await st.s.update({ url: st.url });
    expect(r.status).toBe('rejected');
    expect(st.server.requests.map((q) => q.url)).toEqual(['/feed.json', '/feed.json.sig']);
  });

  it('a new ETag for the same bytes is kept and sent next time', async () => {
    const { k2026 } = await testKeys();
    const st = await storeOn({ ...signed(await makeFeed(2), k2026), etag: '"v2"' });
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'updated' });
    st.state.etag = '"v2-gzip"';
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'not-modified', version: 2 });
    st.server.requests.length = 0;
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'not-modified', version: 2 });
    expect(st.server.requests.map((q) => q.headers['if-none-match'])).toEqual(['"v2-gzip"']);
    expect(st.s.active().warnings).toEqual([]);
    expect(st.s.active().testKeyIds.length).toBeGreaterThan(0);
  });

  it('the same feed served again (no 304) after its campaign ended is not recorded either', async () => {
    const { k2026 } = await testKeys();
    const feed = await makeFeed(3);
    const st = await storeOn(
      signed({ ...feed, campaign: { ...feed.campaign, endsOn: '2026-11-23' } }, k2026),
    );
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'updated', version: 3 });
    st.clock.at = Date.parse('2026-11-24T03:00:00Z');
    expect(await st.s.update({ url: st.url })).toMatchObject({
      status: 'failed',
      reason: { code: 'campaign-ended' },
    });
  });

  it('a newer feed of the campaign in use is taken even outside its dates', async () => {
    const { k2026 } = await testKeys();
    const st = await storeOn(signed(await makeFeed(3), k2026));
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'updated', version: 3 });
    const next = await makeFeed(4);
    Object.assign(st.state, signed({ ...next, campaign: { ...next.campaign, endsOn: '2026-11-01' } }, k2026));
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'updated', version: 4 });
  });

  it('the bundled sample: another sample of the same version with other bytes is a replay', async () => {
    const { sampleKey } = await testKeys();
    const { readFile } = await import('node:fs/promises');
    const sample = JSON.parse(await readFile(bundled.feedFile, 'utf8')) as CampaignFeed;
    const st = await storeOn(signed({ ...sample, allowList: [] }, sampleKey));
    expect(st.s.active()).toMatchObject({ origin: 'bundled', version: sample.version });
    expect(await st.s.update({ url: st.url })).toMatchObject({
      status: 'rejected',
      reason: { code: 'replay' },
    });
  });

  it('an older cache (meta.json without per-campaign floors) keeps its accepted version as the floor', async () => {
    const { k2026 } = await testKeys();
    const cacheDir = join(await tempDir(), 'feed');
    const { bytes, sig } = signed(await makeFeed(4), k2026);
    // Accepted version 6 recorded, feed 4 on disk (as an older app could leave it).
    await commitCache(cacheDir, bytes, sig, {
      etag: null,
      sourceUrl: null,
      lastChecked: null,
      acceptedVersion: 6,
      acceptedAt: '2026-11-20T00:00:00.000Z',
      keyId: 'x',
    });
    const st = await storeOn(signed(await makeFeed(5), k2026), { cacheDir });
    expect(st.s.active()).toMatchObject({ origin: 'cache', version: 4 });
    expect(await st.s.update({ url: st.url })).toMatchObject({
      status: 'rejected',
      reason: { code: 'downgrade' },
    });
    Object.assign(st.state, signed(await makeFeed(7), k2026));
    expect(await st.s.update({ url: st.url })).toMatchObject({ status: 'updated', version: 7 });
  });

  it('without a logger of its own, it logs under the "feed" scope', async () => {
    const records: LogRecord[] = [];
    setLogSink((r) => void records.push(r), 'info');
    try {
      const { pinned } = await testKeys();
      await createFeedStore({ cacheDir: join(await tempDir(), 'feed'), bundled, keys: pinned, env: {} });
    } finally {
      setLogSink(() => undefined);
    }
    expect(records.find((r) => r.message === 'this build trusts the TEST-ONLY feed keys')?.scope).toBe(
      'feed',
    );
  });
});

describe('acceptedFeedUrl', () => {
  it('https anywhere; http only to this computer', () => {
    for (const ok of [
      'https://feed.example.vn/feed.json',
      'HTTPS://feed.example.vn/feed.json',
      'http://localhost:8080/feed.json',
      'http://LOCALHOST/feed.json',
      'http://127.0.0.1:9/feed.json',
      'http://127.255.0.9/feed.json',
      'http://[::1]:8080/feed.json',
    ])
      expect(acceptedFeedUrl(ok), ok).toBe(true);
    for (const no of [
      'http://feed.example.vn/feed.json',
      'http://localhost.example.vn/feed.json',
      'http://127.0.0.1.example.vn/feed.json',
      'http://x127.0.0.1/feed.json',
      'http://128.0.0.1/feed.json',
      'http://[::2]/feed.json',
      'http://[2001:db8::1]/feed.json',
      'ftp://localhost/feed.json',
      'file:///etc/passwd',
      'not a url',
      '',
    ])
      expect(acceptedFeedUrl(no), no).toBe(false);
  });
});

describe('vietnamDay', () => {
  it('is the date at UTC+7', () => {
    expect(vietnamDay(new Date('2026-11-23T16:59:59.999Z'))).toBe('2026-11-23');
    expect(vietnamDay(new Date('2026-11-23T17:00:00.000Z'))).toBe('2026-11-24');
    expect(vietnamDay(new Date('2026-12-31T17:00:00.000Z'))).toBe('2027-01-01');
  });
});
