// Where the feed lives on disk: the bundled assets (read-only) and the per-user cache directory.
// Paths are resolved here once so the CLI, the app and the harness agree.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bundled sample feed, its signature and the pinned keys. */
export interface BundledPaths {
  feedFile: string;
  sigFile: string;
  keysDir: string;
}

/**
 * The repository's (or the packaged app's) assets directory. `SACHMADOC_ASSETS_DIR` overrides it,
 * because a bundled main process no longer sits at the source path this module computes.
 */
export function defaultAssetsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SACHMADOC_ASSETS_DIR) return resolve(env.SACHMADOC_ASSETS_DIR);
  // A CommonJS bundle (esbuild) has no import.meta.url; main passes assetsDir explicitly there.
  const here = typeof import.meta.url === 'string' ? dirname(fileURLToPath(import.meta.url)) : null;
  return here ? resolve(here, '../../assets') : resolve('assets');
}

/** The bundled sample feed and pinned keys under an assets directory. */
export function bundledPaths(assetsDir: string = defaultAssetsDir()): BundledPaths {
  return {
    feedFile: join(assetsDir, 'feed', 'sample-feed.json'),
    sigFile: join(assetsDir, 'feed', 'sample-feed.json.sig'),
    keysDir: join(assetsDir, 'keys'),
  };
}

/**
 * The per-user feed cache directory: `SACHMADOC_DATA_DIR/feed` when set (tests, portable installs),
 * else %LOCALAPPDATA%\SachMaDoc\feed on Windows and $XDG_DATA_HOME/sachmadoc/feed elsewhere.
 */
export function defaultCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.SACHMADOC_DATA_DIR) return join(resolve(env.SACHMADOC_DATA_DIR), 'feed');
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA ?? join(env.USERPROFILE ?? homedir(), 'AppData', 'Local');
    return join(base, 'SachMaDoc', 'feed');
  }
  const base = env.XDG_DATA_HOME ?? join(env.HOME ?? homedir(), '.local', 'share');
  return join(base, 'sachmadoc', 'feed');
}
