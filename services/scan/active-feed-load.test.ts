// The scan's view of the active campaign feed (issue 10, points 3 and 7): the bundled sample is
// marked and carries the warning; a signed agency feed brings its KMS hosts and no sample mark.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitCache } from '../feed/feed-cache';
import { createFeedStore } from '../feed/feed-store';
import { activeFeedLoad } from './default-feed';
import { bundled, makeFeed, signed, tempDir, testKeys } from '../../test/support/feed/feed-test-kit';

describe('activeFeedLoad', () => {
  it('the bundled sample: feeds[].sample, one warning naming what to do, no KMS hosts', async () => {
    const { pinned } = await testKeys();
    const store = await createFeedStore({
      cacheDir: join(await tempDir(), 'feed'),
      bundled,
      keys: pinned,
      env: {},
    });
    const load = activeFeedLoad(store.active());
    expect(load.feeds).toEqual([{ source: 'lam-sach-ma-doc-mau', indicators: 9, version: 1, sample: true }]);
    expect(load.warnings).toEqual([
      {
        file: bundled.feedFile,
        line: 0,
        message: expect.stringMatching(
          /danh sách MẪU.*the real campaign list is not loaded.*feed update --url/,
        ),
      },
    ]);
    expect(load.kmsHosts).toEqual([]);
  });

  it('a signed agency feed in the cache: its kmsHosts, no sample mark, no warning', async () => {
    const { pinned, k2026 } = await testKeys();
    const cacheDir = join(await tempDir(), 'feed');
    const { bytes, sig } = signed(
      await makeFeed(5, { kmsHosts: ['kms.agency.gov.vn', 'agency.gov.vn'] }),
      k2026,
    );
    await commitCache(cacheDir, bytes, sig, {
      etag: '"v5"',
      sourceUrl: 'https://feed.example.vn/feed.json',
      lastChecked: '2026-11-20T00:00:00.000Z',
      acceptedVersion: 5,
      acceptedAt: '2026-11-20T00:00:00.000Z',
      keyId: 'x',
    });
    const store = await createFeedStore({ cacheDir, bundled, keys: pinned, env: {} });
    const load = activeFeedLoad(store.active());
    expect(load.feeds).toEqual([{ source: 'lam-sach-ma-doc-test', indicators: 9, version: 5 }]);
    expect(load.warnings).toEqual([]);
    expect(load.kmsHosts).toEqual(['kms.agency.gov.vn', 'agency.gov.vn']);
  });
});
