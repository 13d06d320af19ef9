// The feed service's public face: the store, its defaults, and the pieces the CLI and main use.
import type { Logger } from '../../shared/logger';
import { createFeedStore } from './feed-store';
import type { FeedStore } from './feed-store';
import type { HttpOptions } from './http-download';
import { loadPinnedKeys } from '../../node-shared/feed/keys';
import { bundledPaths, defaultAssetsDir, defaultCacheDir } from './paths';

export type { FeedStore } from './feed-store';
/** Where the store reads its settings from when the caller has no opinion. */
export interface DefaultFeedStoreOptions {
  env?: NodeJS.ProcessEnv;
  /** Assets directory (packaged app: process.resourcesPath/assets); default from env or the source tree. */
  assetsDir?: string;
  /** Cache directory; default SACHMADOC_DATA_DIR/feed or the per-user data dir. */
  cacheDir?: string;
  /** Feed URL when none is cached; default SACHMADOC_FEED_URL. */
  defaultUrl?: string;
  logger?: Logger;
  http?: Partial<HttpOptions>;
}

/** Opens the feed store with the bundled sample, the pinned keys of assets/keys and the per-user cache. */
export async function openDefaultFeedStore(options: DefaultFeedStoreOptions = {}): Promise<FeedStore> {
  const env = options.env ?? process.env;
  const paths = bundledPaths(options.assetsDir ?? defaultAssetsDir(env));
  const defaultUrl = options.defaultUrl ?? env.SACHMADOC_FEED_URL;
  return createFeedStore({
    cacheDir: options.cacheDir ?? defaultCacheDir(env),
    bundled: paths,
    keys: await loadPinnedKeys(paths.keysDir),
    env,
    ...(defaultUrl ? { defaultUrl } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.http ? { http: options.http } : {}),
  });
}
