// Pins the agency's production feed keys into a build. The private keys never come near the
// repository; their PUBLIC halves come from one of (first found):
//   SACHMADOC_FEED_KEYS       PEM text of one or more public keys (a CI secret or variable)
//   SACHMADOC_FEED_KEYS_DIR   a folder of *.pub files
//   assets/keys/agency/       the same, in an agency's own checkout (ignored by git)
// The build refuses a key that is one of the published test or sample keys (anyone can sign with
// those), and a release build (`dist:win`) refuses to build without a production key at all.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePrivateKey, parsePublicKey, keyIdOf } from '../node-shared/feed/keys';
import { createPublicKey } from 'node:crypto';

/** What the build pins: PEM texts and their key ids, or nothing (a development build). */
export interface PinnedProductionKeys {
  pems: string[];
  keyIds: string[];
  source: string;
}

async function files(dir: string, ext: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => n.endsWith(ext)).map((n) => join(dir, n));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Key ids whose private halves are published in this repository (test and sample keys). */
export async function publishedKeyIds(root: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const dir of ['assets/keys/test', 'assets/keys/sample', 'test/fixtures/feed-keys']) {
    for (const f of await files(join(root, dir), '.pub')) ids.add(parsePublicKey(await readFile(f), f).keyId);
    for (const f of await files(join(root, dir), '.key'))
      ids.add(keyIdOf(createPublicKey(parsePrivateKey(await readFile(f), f))));
  }
  return ids;
}

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g;

/** Reads, checks and returns the production keys to pin; throws a bilingual error the build prints. */
export async function pinFeedKeys(opts: {
  root: string;
  env: Record<string, string | undefined>;
  release: boolean;
}): Promise<PinnedProductionKeys | null> {
  const { env, root } = opts;
  let found: { pem: string; name: string }[] = [];
  let source = '';
  if (env.SACHMADOC_FEED_KEYS?.trim()) {
    source = 'SACHMADOC_FEED_KEYS';
    found = (env.SACHMADOC_FEED_KEYS.match(PEM_BLOCK) ?? []).map((pem, i) => ({
      pem,
      name: `${source}[${i}]`,
    }));
    if (found.length === 0)
      throw new Error(
        'SACHMADOC_FEED_KEYS không chứa khoá công khai PEM nào / holds no PEM public key ("-----BEGIN PUBLIC KEY-----")',
      );
  } else {
    const dir = env.SACHMADOC_FEED_KEYS_DIR?.trim() || join(root, 'assets', 'keys', 'agency');
    source = dir;
    for (const f of (await files(dir, '.pub')).sort())
      found.push({ pem: await readFile(f, 'utf8'), name: f });
    if (env.SACHMADOC_FEED_KEYS_DIR?.trim() && found.length === 0)
      throw new Error(`${dir}: không có tệp *.pub / no *.pub file (SACHMADOC_FEED_KEYS_DIR)`);
  }
  if (found.length === 0) {
    if (opts.release)
      throw new Error(
        'Bản phát hành cần khoá công khai thật của cơ quan: đặt SACHMADOC_FEED_KEYS (PEM) hoặc SACHMADOC_FEED_KEYS_DIR (thư mục *.pub); xem "Nghi thức khoá" trong README. / ' +
          'A release build needs the agency\'s production public key: set SACHMADOC_FEED_KEYS (PEM) or SACHMADOC_FEED_KEYS_DIR (a folder of *.pub); see "Key ceremony" in the README.',
      );
    return null;
  }
  const published = await publishedKeyIds(root);
  const keyIds: string[] = [];
  for (const { pem, name } of found) {
    const k = parsePublicKey(pem, name);
    if (published.has(k.keyId))
      throw new Error(
        `${name}: khoá ${k.keyId} là khoá THỬ NGHIỆM/MẪU có khoá bí mật công khai trong kho mã; không được ghim vào bản dựng. / ` +
          `key ${k.keyId} is a TEST/SAMPLE key whose private half is published in the repository; it must not be pinned into a build.`,
      );
    keyIds.push(k.keyId);
  }
  return { pems: found.map((f) => f.pem.trim()), keyIds, source };
}

/** The esbuild `define` that compiles the pinned keys into the bundle (null: use the test keys). */
export function agencyKeysDefine(pinned: PinnedProductionKeys | null): Record<string, string> {
  return { __SACHMADOC_AGENCY_KEYS__: JSON.stringify(pinned ? pinned.pems : null) };
}
