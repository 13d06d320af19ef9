import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPaths, defaultAssetsDir, defaultCacheDir } from './paths';
import { assetsDir } from '../../test/support/feed/feed-test-kit';

describe('feed paths', () => {
  it('puts the cache under SACHMADOC_DATA_DIR, LOCALAPPDATA on Windows, XDG data elsewhere', () => {
    expect(defaultCacheDir({ SACHMADOC_DATA_DIR: '/data' }, 'linux')).toBe(join(resolve('/data'), 'feed'));
    expect(defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\an\\AppData\\Local' }, 'win32')).toBe(
      join('C:\\Users\\an\\AppData\\Local', 'SachMaDoc', 'feed'),
    );
    expect(defaultCacheDir({ XDG_DATA_HOME: '/x' }, 'linux')).toBe(join('/x', 'sachmadoc', 'feed'));
    expect(defaultCacheDir({ HOME: '/home/an' }, 'darwin')).toBe(
      join('/home/an', '.local', 'share', 'sachmadoc', 'feed'),
    );
  });

  it('finds the bundled feed and keys in the source tree, or where SACHMADOC_ASSETS_DIR says', () => {
    expect(defaultAssetsDir({})).toBe(assetsDir);
    expect(bundledPaths(defaultAssetsDir({ SACHMADOC_ASSETS_DIR: '/opt/app/assets' }))).toEqual({
      feedFile: join(resolve('/opt/app/assets'), 'feed', 'sample-feed.json'),
      sigFile: join(resolve('/opt/app/assets'), 'feed', 'sample-feed.json.sig'),
      keysDir: join(resolve('/opt/app/assets'), 'keys'),
    });
  });
});
