// Attacks on the feed's trust (issue 12, "Signing the feed"), each against a real HTTP server on
// 127.0.0.1: the sample key's world, campaign switches, per-campaign floors, publishedAt and 304s.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFeedStore, vietnamDay } from './feed-store';
import type { FeedStoreDeps } from './feed-store';
import { generateKeyPairPem, loadPinnedKeys, parsePrivateKey } from '../../node-shared/feed/keys';
import { verifyFeed } from '../../node-shared/feed/verify-feed';
import type { CampaignFeed } from '../../shared/campaign-feed/campaign-feed';
import {
  bundled,
  feedRoutes,
  makeFeed,
  signed,
  tempDir,
  testKeys,
  useServers,
  storeDeps,
} from '../../test/support/feed/feed-test-kit';

const startServer = useServers();

/** A store on a fresh cache, its clock at `day` (Vietnam), already holding `feed` from a server. */
async function storeHolding(feed: CampaignFeed, day = '2026-11-23', extra: Partial<FeedStoreDeps> = {}) {
  const { pinned, k2026 } = await testKeys();
  const state = { ...signed(feed, k2026), etag: `"${feed.campaign.id}-v${feed.version}"` };
  const server = await startServer(feedRoutes(state));
  const clock = { at: Date.parse(`${day}T03:00:00Z`) };
  const deps = await storeDeps({
    keys: pinned,
    now: () => new Date(clock.at),
    sleep: () => Promise.resolve(),
    http: { retries: 0 },
    ...extra,
  });
  const s = await createFeedStore(deps);
  const url = `${server.url}/feed.json`;
  expect(await s.update({ url })).toMatchObject({ status: 'updated', version: feed.version });
  /** Serves `next` signed with `key` (default: the 2026 TEST-ONLY agency key). */
  const serve = (next: CampaignFeed, key = k2026) =>
    Object.assign(state, signed(next, key), { etag: `"${next.campaign.id}-v${next.version}"` });
  return { s, deps, url, serve, clock, state };
}

const other = async (version: number, startsOn: string, endsOn: string) => {
  const f = await makeFeed(version);
  return { ...f, campaign: { ...f.campaign, id: 'chien-dich-khac', startsOn, endsOn } };
};

describe('the sample key and the sample feed', () => {
  it('the sample key cannot verify a feed that is not marked sample (allow-list 0.0.0.0/0 hidden in it)', async () => {
    const { pinned, sampleKey } = await testKeys();
    const evil = await makeFeed(99, { allowList: [{ type: 'cidr', value: '0.0.0.0/0' }] });
    const { bytes, sig } = signed(evil, sampleKey);
    const r = verifyFeed(bytes, sig, pinned, 'evil.json');
    expect(r.ok ? 'accepted' : r.error.code).toBe('sample-key');
    if (!r.ok) expect(r.error.message).toMatch(/khoá MẪU.*SAMPLE key/s);
    // The same key still verifies the bundled sample, which says it is one.
    const sample = verifyFeed(await readFile(bundled.feedFile), await readFile(bundled.sigFile), pinned, 'x');
    expect(sample.ok && sample.value.key.role).toBe('sample');
  });

  it('a release build pins only its production keys: a feed signed with a TEST-ONLY key is refused', async () => {
    const { k2026 } = await testKeys();
    const production = generateKeyPairPem();
    const keys = await loadPinnedKeys(bundled.keysDir, [production.publicPem]);
    expect(keys.map((k) => [k.name, k.role, k.test ?? false])).toEqual([
      ['built-in-1.pub', 'agency', false],
      ['sample-2026.pub', 'sample', false],
    ]);
    const { bytes, sig } = signed(await makeFeed(5), k2026);
    const r = verifyFeed(bytes, sig, keys, 'feed.json');
    expect(r.ok ? 'accepted' : r.error.code).toBe('unknown-key');
    const real = signed(await makeFeed(5), parsePrivateKey(production.privatePem, 'p'));
    expect(verifyFeed(real.bytes, real.sig, keys, 'feed.json').ok).toBe(true);
  });

  it('a sample feed, even with a higher version, never replaces the real feed', async () => {
    const { s, serve } = await storeHolding(await makeFeed(3));
    const { sampleKey } = await testKeys();
    const sample = JSON.parse(await readFile(bundled.feedFile, 'utf8')) as CampaignFeed;
    serve({ ...sample, version: 50, publishedAt: '2026-11-24T00:00:00Z' }, sampleKey);
    const r = await s.update();
    expect(r).toMatchObject({ status: 'rejected', reason: { code: 'sample-over-real' } });
    expect(s.active()).toMatchObject({ version: 3, sample: false });
  });

  it('at start, a cached real feed wins over a bundled sample of a higher version', async () => {
    const { deps } = await storeHolding(await makeFeed(1));
    const { sampleKey } = await testKeys();
    const sample = JSON.parse(await readFile(bundled.feedFile, 'utf8')) as CampaignFeed;
    const dir = await tempDir();
    const newer = signed({ ...sample, version: 9 }, sampleKey);
    await writeFile(join(dir, 'sample.json'), newer.bytes);
    await writeFile(join(dir, 'sample.json.sig'), newer.sig);
    const reopened = await createFeedStore({
      ...deps,
      bundled: { feedFile: join(dir, 'sample.json'), sigFile: join(dir, 'sample.json.sig') },
    });
    expect(reopened.active()).toMatchObject({ origin: 'cache', version: 1, sample: false });
  });
});

describe('campaign switches and per-campaign version floors', () => {
  it('a signed feed of a campaign that has not started neither replaces the feed nor locks it out', async () => {
    const { s, serve } = await storeHolding(await makeFeed(3));
    serve(await other(1000, '2027-06-01', '2027-12-31'));
    expect(await s.update()).toMatchObject({ status: 'rejected', reason: { code: 'campaign-not-running' } });
    expect(s.active()).toMatchObject({ version: 3, campaign: { id: 'lam-sach-ma-doc-test' } });
    // The real campaign's next version is still accepted: no "downgrade" lock-out by version 1000.
    serve(await makeFeed(4));
    expect(await s.update()).toMatchObject({ status: 'updated', version: 4 });
  });

  it('a signed feed of a campaign that has ended is refused as well', async () => {
    const { s, serve } = await storeHolding(await makeFeed(3));
    serve(await other(9, '2025-01-01', '2025-12-31'));
    const r = await s.update();
    expect(r).toMatchObject({ status: 'rejected', reason: { code: 'campaign-not-running' } });
    if (r.status === 'rejected') expect(r.reason.message).toContain('31/12/2025');
  });

  it('switches to a running campaign; the floor is per campaign, so each keeps its own', async () => {
    const { s, serve, deps } = await storeHolding(await makeFeed(3));
    serve(await other(100, '2026-11-01', '2027-03-31'));
    expect(await s.update()).toMatchObject({ status: 'updated', version: 100, previousVersion: 3 });
    // Back to the first campaign at version 4: below 100, but above that campaign's own floor (3).
    serve(await makeFeed(4));
    expect(await s.update()).toMatchObject({ status: 'updated', version: 4 });
    // Its own older version is still a downgrade, also after a restart.
    serve(await makeFeed(2));
    expect(await s.update()).toMatchObject({ status: 'rejected', reason: { code: 'downgrade' } });
    const again = await createFeedStore(deps);
    serve(await other(99, '2026-11-01', '2027-03-31'));
    expect(await again.update()).toMatchObject({ status: 'rejected', reason: { code: 'downgrade' } });
  });

  it('publishedAt never goes backwards, even with a higher version', async () => {
    const { s, serve } = await storeHolding(await makeFeed(3, { publishedAt: '2026-11-20T08:00:00Z' }));
    serve(await makeFeed(4, { publishedAt: '2026-10-01T08:00:00Z' }));
    const r = await s.update();
    expect(r).toMatchObject({ status: 'rejected', reason: { code: 'published-backwards' } });
    expect(s.active().version).toBe(3);
  });
});

describe('"last checked" after a 304', () => {
  it('moves while the campaign runs, and not once the signed feed is past its campaign end', async () => {
    const feed = await makeFeed(3);
    const ending = { ...feed, campaign: { ...feed.campaign, endsOn: '2026-11-30' } };
    const { s, clock } = await storeHolding(ending, '2026-11-23');
    clock.at = Date.parse('2026-11-30T10:00:00Z'); // 17:00 in Vietnam, the last day
    expect(await s.update()).toMatchObject({ status: 'not-modified' });
    const lastValid = s.active().lastChecked;
    expect(lastValid).toBe('2026-11-30T10:00:00.000Z');
    clock.at = Date.parse('2026-11-30T17:30:00Z'); // 00:30 on 1 December in Vietnam
    expect(vietnamDay(new Date(clock.at))).toBe('2026-12-01');
    const r = await s.update();
    expect(r).toMatchObject({ status: 'failed', reason: { code: 'campaign-ended' } });
    expect(s.active().lastChecked).toBe(lastValid);
  });
});
