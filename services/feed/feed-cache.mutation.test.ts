// The feed cache on disk (services/feed/feed-cache.ts), edge by edge: what mutation
// testing (issue 19) showed no test pinned down. Real files in a temp directory.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitCache, readCache, sha256Hex, writeMeta, type CacheMeta } from './feed-cache';
import { tempDir } from '../../test/support/feed/feed-test-kit';

const FEED = Buffer.from('{"schemaVersion":1,"version":7}\n');
const SIG = Buffer.from('c2lnbmF0dXJl');
const META = {
  etag: '"v7"',
  sourceUrl: 'https://feed.example.vn/feed.json',
  lastChecked: '2026-11-20T00:00:00.000Z',
  acceptedVersion: 7,
  acceptedAt: '2026-11-20T00:00:00.000Z',
  keyId: 'ncsc-2026',
};

async function committed(): Promise<{ dir: string; meta: CacheMeta }> {
  const dir = join(await tempDir(), 'nested', 'feed');
  const meta = await commitCache(dir, FEED, SIG, META);
  return { dir, meta };
}

describe('sha256Hex', () => {
  it('gives the lower-case hex SHA-256', () => {
    expect(sha256Hex(new Uint8Array())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});

describe('commitCache', () => {
  it('creates the folder, names the pair by version and hash, writes meta.json last and pretty', async () => {
    const { dir, meta } = await committed();
    const sha = sha256Hex(FEED);
    expect(meta).toEqual({
      formatVersion: 1,
      feedFile: `feed-v7-${sha.slice(0, 12)}.json`,
      sigFile: `feed-v7-${sha.slice(0, 12)}.json.sig`,
      sha256: sha,
      ...META,
    });
    expect((await readdir(dir)).sort()).toEqual([meta.feedFile, meta.sigFile, 'meta.json'].sort());
    expect(await readFile(join(dir, meta.feedFile))).toEqual(FEED);
    expect(await readFile(join(dir, meta.sigFile))).toEqual(SIG);
    expect(await readFile(join(dir, 'meta.json'), 'utf8')).toBe(`${JSON.stringify(meta, null, 2)}\n`);
  });

  it('removes the old pair and temp files, keeps the new pair and files that are not its own', async () => {
    const { dir, meta: old } = await committed();
    await writeFile(join(dir, 'feed-v8-aaaaaaaaaaaa.json.tmp'), 'half');
    // The temp name writeFileAtomic gives meta.json: no "feed-v" prefix, only the ".tmp" end.
    await writeFile(join(dir, '.meta.json.0a1b2c3d4e5f.tmp'), 'half');
    await writeFile(join(dir, '.tmp-notes'), 'kept');
    await writeFile(join(dir, 'notes.txt'), 'kept');
    await writeFile(join(dir, 'old-feed-v1.json'), 'kept');
    const next = Buffer.from('{"schemaVersion":1,"version":8}\n');
    const meta = await commitCache(dir, next, SIG, { ...META, acceptedVersion: 8 });
    expect((await readdir(dir)).sort()).toEqual(
      [meta.feedFile, meta.sigFile, '.tmp-notes', 'meta.json', 'notes.txt', 'old-feed-v1.json'].sort(),
    );
    expect(meta.feedFile).not.toBe(old.feedFile);
    const read = await readCache(dir);
    expect(read.kind === 'present' ? read.cached.feedBytes : null).toEqual(next);
  });
});

describe('writeMeta', () => {
  it('creates the folder and writes meta.json alone', async () => {
    const { meta } = await committed();
    const dir = join(await tempDir(), 'a', 'b');
    await writeMeta(dir, meta);
    expect(await readdir(dir)).toEqual(['meta.json']);
    expect(JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'))).toEqual(meta);
  });
});

describe('readCache', () => {
  it('reads a committed pair back, with its path', async () => {
    const { dir, meta } = await committed();
    expect(await readCache(dir)).toEqual({
      kind: 'present',
      cached: { meta, feedBytes: FEED, sigBytes: SIG, feedPath: join(dir, meta.feedFile) },
    });
  });

  it('is absent when there is no meta.json (first run)', async () => {
    expect(await readCache(await tempDir())).toEqual({ kind: 'absent' });
  });

  it('is damaged, naming meta.json, when meta.json cannot be read', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'meta.json'));
    const read = await readCache(dir);
    expect(read).toMatchObject({ kind: 'damaged', meta: null });
    expect(read.kind === 'damaged' && read.reason.startsWith(`${join(dir, 'meta.json')}: `)).toBe(true);
  });

  it('is damaged when meta.json is not JSON', async () => {
    const { dir } = await committed();
    await writeFile(join(dir, 'meta.json'), '{"formatVersion":1,');
    expect(await readCache(dir)).toEqual({
      kind: 'damaged',
      reason: `${join(dir, 'meta.json')}: tệp hỏng / corrupt file`,
      meta: null,
    });
  });

  const sha = 'a'.repeat(64);
  it.each<[string, Record<string, unknown>]>([
    ['another format version', { formatVersion: 2 }],
    ['a feed file outside the folder', { feedFile: '../x/feed-v1-aaaaaaaaaaaa.json' }],
    ['a feed file with a suffix', { feedFile: 'feed-v1-aaaaaaaaaaaa.json.bak' }],
    ['a feed file without a version number', { feedFile: 'feed-vX-aaaaaaaaaaaa.json' }],
    ['a feed file with no version at all', { feedFile: 'feed-v-aaaaaaaaaaaa.json' }],
    ['a feed file with an upper-case hash', { feedFile: 'feed-v1-AAAAAAAAAAAA.json' }],
    ['a feed file with a short hash', { feedFile: 'feed-v1-aaaaaaaaaaa.json' }],
    ['a feed file with any character for the dot', { feedFile: 'feed-v1-aaaaaaaaaaaaxjson' }],
    ['a signature file outside the folder', { sigFile: '../feed-v1-aaaaaaaaaaaa.json.sig' }],
    ['a signature file with a suffix', { sigFile: 'feed-v1-aaaaaaaaaaaa.json.sig2' }],
    ['a signature file that is the feed', { sigFile: 'feed-v1-aaaaaaaaaaaa.json' }],
    ['a signature file without a version number', { sigFile: 'feed-v-aaaaaaaaaaaa.json.sig' }],
    ['a signature file with an upper-case hash', { sigFile: 'feed-v1-AAAAAAAAAAAA.json.sig' }],
    ['a signature file with any character for the dot', { sigFile: 'feed-v1-aaaaaaaaaaaa.jsonxsig' }],
    ['a short hash', { sha256: sha.slice(1) }],
    ['a hash with a prefix', { sha256: `x${sha}` }],
    ['a hash with a suffix', { sha256: `${sha}x` }],
    ['an upper-case hash', { sha256: sha.toUpperCase() }],
    ['a number for the etag', { etag: 7 }],
    ['a number for the source', { sourceUrl: 7 }],
    ['a number for lastChecked', { lastChecked: 7 }],
    ['version 0', { acceptedVersion: 0 }],
    ['a fractional version', { acceptedVersion: 1.5 }],
    ['no acceptedAt', { acceptedAt: undefined }],
    ['no key id', { keyId: undefined }],
    ['an unknown field', { extra: true }],
    [
      'a campaign floor of version 0',
      { campaigns: { 'cd-2026': { version: 0, publishedAt: 'x', sha256: 'y' } } },
    ],
    [
      'a campaign floor with an unknown field',
      { campaigns: { 'cd-2026': { version: 1, publishedAt: 'x', sha256: 'y', z: 1 } } },
    ],
    ['a campaign floor without its hash', { campaigns: { 'cd-2026': { version: 1, publishedAt: 'x' } } }],
  ])('is damaged when meta.json has %s', async (_what, change) => {
    const { dir, meta } = await committed();
    await writeFile(join(dir, 'meta.json'), JSON.stringify({ ...meta, ...change }));
    expect(await readCache(dir)).toEqual({
      kind: 'damaged',
      reason: `${join(dir, 'meta.json')}: tệp hỏng / corrupt file`,
      meta: null,
    });
  });

  it('accepts null etag, source and lastChecked, and a campaign floor', async () => {
    const { dir, meta } = await committed();
    const campaigns = {
      'cd-2026': { version: 7, publishedAt: '2026-08-23T01:00:00.000Z', sha256: meta.sha256 },
    };
    const changed = { ...meta, etag: null, sourceUrl: null, lastChecked: null, campaigns };
    await writeFile(join(dir, 'meta.json'), JSON.stringify(changed));
    const read = await readCache(dir);
    expect(read.kind === 'present' ? read.cached.meta : read).toEqual(changed);
  });

  it('is damaged, with meta, when the feed no longer matches its hash', async () => {
    const { dir, meta } = await committed();
    await writeFile(join(dir, meta.feedFile), Buffer.concat([FEED, Buffer.from(' ')]));
    expect(await readCache(dir)).toEqual({
      kind: 'damaged',
      reason: `${join(dir, meta.feedFile)}: nội dung không khớp meta.json / content does not match meta.json`,
      meta,
    });
  });

  it('is damaged, with meta, when the signature file is gone', async () => {
    const { dir, meta } = await committed();
    await writeFile(
      join(dir, 'meta.json'),
      JSON.stringify({ ...meta, sigFile: 'feed-v9-bbbbbbbbbbbb.json.sig' }),
    );
    const read = await readCache(dir);
    expect(read).toMatchObject({
      kind: 'damaged',
      meta: { ...meta, sigFile: 'feed-v9-bbbbbbbbbbbb.json.sig' },
    });
    expect(read.kind === 'damaged' && read.reason.startsWith(`${join(dir, meta.feedFile)}: `)).toBe(true);
    expect(read.kind === 'damaged' && read.reason).toContain('ENOENT');
  });
});
