// Loading the active feed: first run, the cache, and what a crash or a damaged file leaves behind.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFeedStore } from './feed-store';
import { commitCache } from './feed-cache';
import { UserError } from '../../shared/errors';
import {
  bundled,
  feedRoutes,
  makeFeed,
  recordingSleep,
  signed,
  startServer,
  testKeys,
  storeDeps,
} from '../../test/support/feed/feed-test-kit';

const deps = storeDeps;

async function cacheWith(version: number, cacheDir?: string) {
  const { k2026 } = await testKeys();
  const d = await deps(cacheDir ? { cacheDir } : {});
  const { bytes, sig } = signed(await makeFeed(version), k2026);
  await commitCache(d.cacheDir, bytes, sig, {
    etag: '"v' + version + '"',
    sourceUrl: 'https://feed.example.vn/feed.json',
    lastChecked: '2026-11-20T00:00:00.000Z',
    acceptedVersion: version,
    acceptedAt: '2026-11-20T00:00:00.000Z',
    keyId: 'x',
  });
  return d;
}

describe('createFeedStore: loading', () => {
  it('first run with no cache and no network uses the bundled signed sample', async () => {
    const store = await createFeedStore(await deps({ defaultUrl: undefined }));
    const a = store.active();
    expect(a).toMatchObject({
      origin: 'bundled',
      version: 1,
      sample: true,
      lastChecked: null,
      source: bundled.feedFile,
      warnings: [],
    });
    expect(a.indicators.find((i) => i.value === '203.0.113.9')).toMatchObject({
      kind: 'ip',
      severity: 'critical',
    });
    expect(a.allowList.map((e) => e.value)).toContain('198.51.100.53');
    expect(a.campaign.cleanupToolUrl).toMatch(/^https:\/\/khonggianmang\.vn\//);
  });

  it('first run offline: the update fails with a network reason and the bundled sample stays active', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once (no outside network).
    const store = await createFeedStore(await deps({ sleep: recordingSleep().sleep, http: { retries: 1 } }));
    const r = await store.update({ url: 'http://127.0.0.1:1/feed.json' });
    expect(r).toMatchObject({ status: 'failed', reason: { code: 'network' } });
    expect(r.status === 'failed' && r.reason.message).toMatch(/Không kết nối được.*Cannot reach/s);
    expect(store.active()).toMatchObject({ origin: 'bundled', version: 1, sample: true });
  });

  it('uses the cached feed when it verifies and is newer than the bundled one', async () => {
    const store = await createFeedStore(await cacheWith(4));
    expect(store.active()).toMatchObject({
      origin: 'cache',
      version: 4,
      sample: false,
      source: 'https://feed.example.vn/feed.json',
      lastChecked: '2026-11-20T00:00:00.000Z',
    });
  });

  it.each([
    ['meta.json is garbage', async (dir: string) => writeFile(join(dir, 'meta.json'), '{"formatVersion":1,')],
    [
      'the feed file lost its tail',
      async (dir: string) => {
        const name = (await readdir(dir)).find((n) => n.endsWith('.json') && n.startsWith('feed-v'))!;
        const bytes = await readFile(join(dir, name));
        await writeFile(join(dir, name), bytes.subarray(0, bytes.length >> 1));
      },
    ],
    [
      'the signature file is empty',
      async (dir: string) => {
        const name = (await readdir(dir)).find((n) => n.endsWith('.sig'))!;
        await writeFile(join(dir, name), '');
      },
    ],
  ])('falls back to the bundled feed with a warning when %s', async (_what, damage) => {
    const d = await cacheWith(4);
    await damage(d.cacheDir);
    const store = await createFeedStore(d);
    const a = store.active();
    expect(a.origin).toBe('bundled');
    expect(a.version).toBe(1);
    expect(a.warnings).toHaveLength(1);
    expect(a.warnings[0]).toMatch(/Bộ nhớ đệm danh sách bị hỏng.*The feed cache is damaged/s);
  });

  it('a crash between writing the new feed and renaming it leaves the previous good cache', async () => {
    const { k2026 } = await testKeys();
    const d = await cacheWith(4);
    const v5 = signed(await makeFeed(5), k2026);
    const server = await startServer(feedRoutes(v5));
    const seenAtCrash: unknown[] = [];
    try {
      const crashing = await createFeedStore({
        ...d,
        writeHooks: {
          beforeRename: async (temp) => {
            // The disk now holds exactly what a power cut here would leave: load it afresh.
            const afterCrash = await createFeedStore(d);
            seenAtCrash.push([
              temp.endsWith('.tmp'),
              afterCrash.active().version,
              afterCrash.active().warnings.length,
            ]);
            throw new Error('simulated crash');
          },
        },
      });
      const r = await crashing.update({ url: `${server.url}/feed.json` });
      expect(r).toMatchObject({ status: 'failed', reason: { code: 'cache-write' } });
      expect(crashing.active().version).toBe(4);
    } finally {
      await server.close();
    }
    expect(seenAtCrash).toEqual([[true, 4, 0]]);
    const reopened = await createFeedStore(d);
    expect(reopened.active()).toMatchObject({ origin: 'cache', version: 4, warnings: [] });
    expect((await readdir(d.cacheDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a crash after the new pair is written but before meta.json moves keeps the old feed; the next update cleans up', async () => {
    const { k2026 } = await testKeys();
    const d = await cacheWith(4);
    const v5 = signed(await makeFeed(5), k2026);
    const server = await startServer(feedRoutes(v5));
    try {
      let writes = 0;
      const crashing = await createFeedStore({
        ...d,
        writeHooks: {
          beforeRename: (_t, target) => {
            writes++;
            if (target.endsWith('meta.json')) throw new Error('simulated crash');
          },
        },
      });
      expect(await crashing.update({ url: `${server.url}/feed.json` })).toMatchObject({ status: 'failed' });
      expect(writes).toBe(3);
      expect((await createFeedStore(d)).active().version).toBe(4);
      const healthy = await createFeedStore(d);
      expect(await healthy.update({ url: `${server.url}/feed.json` })).toMatchObject({
        status: 'updated',
        version: 5,
      });
      const left = (await readdir(d.cacheDir)).sort();
      expect(left).toHaveLength(3);
      expect(left[0]).toMatch(/^feed-v5-[0-9a-f]{12}\.json$/);
      expect(left.slice(1)).toEqual([`${left[0]}.sig`, 'meta.json']);
    } finally {
      await server.close();
    }
  });

  it('refuses to start when neither the cache nor the bundled feed is usable', async () => {
    const d = await deps({
      bundled: { feedFile: '/nonexistent/feed.json', sigFile: '/nonexistent/feed.json.sig' },
    });
    await expect(createFeedStore(d)).rejects.toBeInstanceOf(UserError);
  });
});
