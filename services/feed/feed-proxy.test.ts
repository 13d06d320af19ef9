// The corporate proxy: a loopback proxy started here must see the feed request when
// HTTPS_PROXY / HTTP_PROXY point at it, and must not when NO_PROXY exempts the host.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFeedStore } from './feed-store';
import type { Proxy, TestServer } from '../../test/support/feed/feed-test-kit';
import {
  bundled,
  feedRoutes,
  makeFeed,
  recordingSleep,
  signed,
  startProxy,
  startServer,
  tempDir,
  testKeys,
} from '../../test/support/feed/feed-test-kit';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function setup(env: (proxy: Proxy, feed: TestServer) => Record<string, string>) {
  const { pinned, k2026 } = await testKeys();
  const feed = await startServer(feedRoutes(signed(await makeFeed(2), k2026)));
  const proxy = await startProxy();
  open.push(feed, proxy);
  const store = await createFeedStore({
    cacheDir: join(await tempDir(), 'feed'),
    bundled,
    keys: pinned,
    env: env(proxy, feed),
    sleep: recordingSleep().sleep,
    http: { retries: 0 },
  });
  const r = await store.update({ url: `${feed.url}/feed.json` });
  return { r, proxy, feed };
}

describe('feed download through the corporate proxy', () => {
  it('goes through HTTPS_PROXY (plain http feed URL)', async () => {
    const { r, proxy, feed } = await setup((p) => ({ HTTPS_PROXY: p.url }));
    expect(r).toMatchObject({ status: 'updated', version: 2 });
    const target = new URL(feed.url).host;
    expect(proxy.connects).toEqual([target, target]);
  });

  it('goes through HTTP_PROXY too', async () => {
    const { r, proxy } = await setup((p) => ({ HTTP_PROXY: p.url }));
    expect(r).toMatchObject({ status: 'updated' });
    expect(proxy.connects).toHaveLength(2);
  });

  it('connects directly when NO_PROXY lists the host', async () => {
    const { r, proxy, feed } = await setup((p) => ({
      HTTPS_PROXY: p.url,
      NO_PROXY: 'intranet.vn,127.0.0.1',
    }));
    expect(r).toMatchObject({ status: 'updated' });
    expect(proxy.connects).toEqual([]);
    expect(feed.requests).toHaveLength(2);
  });

  it('reports an unreachable proxy as a network failure naming the proxy', async () => {
    const { pinned } = await testKeys();
    const dead = await startProxy();
    await dead.close();
    const store = await createFeedStore({
      cacheDir: join(await tempDir(), 'feed'),
      bundled,
      keys: pinned,
      env: { HTTPS_PROXY: dead.url },
      http: { retries: 0 },
    });
    const r = await store.update({ url: 'http://127.0.0.1:9/feed.json' });
    expect(r).toMatchObject({ status: 'failed', reason: { code: 'network' } });
    expect(r.status === 'failed' && r.reason.message).toContain(dead.url);
  });
});
