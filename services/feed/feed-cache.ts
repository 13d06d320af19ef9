// The on-disk cache of the last good feed. Layout of the cache directory:
//   feed-v<version>-<sha12>.json      the feed bytes exactly as signed
//   feed-v<version>-<sha12>.json.sig  its detached signature
//   meta.json                         which pair is current + etag, source URL, lastChecked, acceptedVersion
// Every file is written atomically and meta.json is written LAST: it is the commit point. A crash
// before it leaves meta.json pointing at the previous, still present pair; the new pair is an
// orphan that the next commit removes. Nothing read from here is trusted: load() re-verifies the
// signature and the schema, so a damaged cache is detected and the caller falls back.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../node-shared/atomic-write';
import type { AtomicWriteOptions } from '../../node-shared/atomic-write';
import { bilingual } from '../../shared/i18n';

const metaSchema = z.strictObject({
  formatVersion: z.literal(1),
  feedFile: z.string().regex(/^feed-v\d+-[0-9a-f]{12}\.json$/),
  sigFile: z.string().regex(/^feed-v\d+-[0-9a-f]{12}\.json\.sig$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  etag: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  lastChecked: z.string().nullable(),
  acceptedVersion: z.number().int().min(1),
  acceptedAt: z.string(),
  keyId: z.string(),
  /**
   * The highest accepted version and its publishedAt, per campaign id: a signed feed of another
   * campaign can neither lower this campaign's floor nor lock it out.
   */
  campaigns: z
    .record(
      z.string(),
      z.strictObject({ version: z.number().int().min(1), publishedAt: z.string(), sha256: z.string() }),
    )
    .optional(),
});

/** What meta.json records about the cached feed. */
export type CacheMeta = z.infer<typeof metaSchema>;

/** A cache read back from disk (bytes not yet verified). */
export interface CachedFeed {
  meta: CacheMeta;
  feedBytes: Buffer;
  sigBytes: Buffer;
  feedPath: string;
}

/** Outcome of reading the cache: absent (first run), present, or damaged with a reason. */
export type CacheRead =
  | { kind: 'absent' }
  | { kind: 'present'; cached: CachedFeed }
  | { kind: 'damaged'; reason: string; meta: CacheMeta | null };

/** SHA-256 of bytes as hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads meta.json and the pair it names; reports damage instead of throwing. */
export async function readCache(dir: string): Promise<CacheRead> {
  const metaPath = join(dir, 'meta.json');
  let metaText: string;
  try {
    metaText = await readFile(metaPath, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'damaged', reason: `${metaPath}: ${(e as Error).message}`, meta: null };
  }
  let meta: CacheMeta;
  try {
    meta = metaSchema.parse(JSON.parse(metaText));
  } catch {
    return { kind: 'damaged', reason: `${metaPath}: ${bilingual('msg.feedTool.cacheCorrupt')}`, meta: null };
  }
  const feedPath = join(dir, meta.feedFile);
  try {
    const [feedBytes, sigBytes] = await Promise.all([readFile(feedPath), readFile(join(dir, meta.sigFile))]);
    if (sha256Hex(feedBytes) !== meta.sha256) {
      return {
        kind: 'damaged',
        reason: `${feedPath}: ${bilingual('msg.feedTool.cacheMismatch')}`,
        meta,
      };
    }
    return { kind: 'present', cached: { meta, feedBytes, sigBytes, feedPath } };
  } catch (e) {
    return { kind: 'damaged', reason: `${feedPath}: ${(e as Error).message}`, meta };
  }
}

/** Atomically makes (feedBytes, sigBytes) the cached feed; meta.json is written last. */
export async function commitCache(
  dir: string,
  feedBytes: Uint8Array,
  sigBytes: Uint8Array,
  meta: Omit<CacheMeta, 'formatVersion' | 'feedFile' | 'sigFile' | 'sha256'>,
  hooks: AtomicWriteOptions = {},
): Promise<CacheMeta> {
  await mkdir(dir, { recursive: true });
  const sha256 = sha256Hex(feedBytes);
  const feedFile = `feed-v${meta.acceptedVersion}-${sha256.slice(0, 12)}.json`;
  const full: CacheMeta = { formatVersion: 1, feedFile, sigFile: `${feedFile}.sig`, sha256, ...meta };
  await writeFileAtomic(join(dir, feedFile), feedBytes, hooks);
  await writeFileAtomic(join(dir, full.sigFile), sigBytes, hooks);
  await writeMeta(dir, full, hooks);
  await removeOrphans(dir, full);
  return full;
}

/** Atomically rewrites meta.json alone (a 304 only moves lastChecked). */
export async function writeMeta(dir: string, meta: CacheMeta, hooks: AtomicWriteOptions = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`, hooks);
}

// Old pairs and temp files left by a crash. Best effort: a file held open elsewhere (Windows
// antivirus) is retried at the next commit.
async function removeOrphans(dir: string, keep: CacheMeta): Promise<void> {
  for (const name of await readdir(dir)) {
    const stale =
      (name.startsWith('feed-v') && name !== keep.feedFile && name !== keep.sigFile) || name.endsWith('.tmp');
    if (stale) await rm(join(dir, name), { force: true }).catch(() => undefined);
  }
}
