// Ed25519 keys of the agency: generation, pinned public keys, signing and verification.
// Only Node's crypto is used (no extra library), over the feed file's exact bytes.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatSignatureFile, signatureFileSchema } from '../../shared/campaign-feed/signature-file';
import { bilingual, bilingualWith } from '../../shared/i18n';

/**
 * Which world a key belongs to. An `agency` key signs the real campaign feed; a `sample` key only
 * ever verifies a feed marked `campaign.sample: true` (its private half is public, in test/).
 */
export type KeyRole = 'agency' | 'sample';

/** A public key the app trusts, with the id that signature files name it by. */
export interface PinnedKey {
  keyId: string;
  /** Where it came from (file name), for messages and `status`. */
  name: string;
  key: KeyObject;
  role: KeyRole;
  /** True for the TEST-ONLY agency keys a development build trusts (their private halves are in test/). */
  test?: boolean;
}

/** Why a signature did not hold; `message` is Vietnamese first, then English. */
export type SignatureProblem =
  | { code: 'malformed-signature'; message: string }
  | { code: 'unknown-key'; message: string }
  | { code: 'bad-signature'; message: string };

/** Generates a new Ed25519 key pair as PEM text (PKCS#8 private, SPKI public). */
export function generateKeyPairPem(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Id of a public key: first 8 bytes (16 hex) of SHA-256 over its raw 32 bytes. */
export function keyIdOf(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new Error('not an Ed25519 public key');
  }
  const raw = Buffer.from(jwk.x, 'base64url');
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

/** Reads a PEM public key; throws with the file name when it is not an Ed25519 key. */
export function parsePublicKey(pem: string | Uint8Array, name: string, role: KeyRole = 'agency'): PinnedKey {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(pem), format: 'pem' });
  } catch {
    throw new Error(`${name}: ${bilingual('msg.keys.notPublicPem')}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${name}: ${bilingual('msg.keys.notEd25519')} (${key.asymmetricKeyType ?? '?'})`);
  }
  return { keyId: keyIdOf(key), name, key, role };
}

/** Reads a PEM private key (PKCS#8) for signing; throws with the file name when unusable. */
export function parsePrivateKey(pem: string | Uint8Array, name: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(pem), format: 'pem' });
  } catch {
    throw new Error(`${name}: ${bilingual('msg.keys.notPrivatePem')}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${name}: ${bilingual('msg.keys.notEd25519')}`);
  }
  return key;
}

/** Signs `bytes` and returns the text of the `.sig` file. */
export function signFeedBytes(bytes: Uint8Array, privateKey: KeyObject): string {
  const publicKey = createPublicKey(privateKey);
  const sig = sign(null, bytes, privateKey);
  return formatSignatureFile(keyIdOf(publicKey), sig.toString('base64'));
}

/**
 * Checks a `.sig` file over `bytes` against the pinned keys. The hinted key is tried first, then
 * every other pinned key, so rotation works whichever key signed.
 */
export function verifyFeedBytes(
  bytes: Uint8Array,
  sigText: string | Uint8Array,
  keys: readonly PinnedKey[],
): { ok: true; key: PinnedKey } | { ok: false; problem: SignatureProblem } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(sigText).toString('utf8'));
  } catch {
    return malformed(null);
  }
  const sigFile = signatureFileSchema.safeParse(parsed);
  if (!sigFile.success) {
    return malformed(
      sigFile.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    );
  }
  const signature = Buffer.from(sigFile.data.sig, 'base64');
  const ordered = [...keys].sort(
    (a, b) => Number(b.keyId === sigFile.data.keyId) - Number(a.keyId === sigFile.data.keyId),
  );
  for (const k of ordered) {
    if (verify(null, bytes, k.key, signature)) return { ok: true, key: k };
  }
  if (!keys.some((k) => k.keyId === sigFile.data.keyId)) {
    return {
      ok: false,
      problem: {
        code: 'unknown-key',
        message: bilingual('msg.keys.unknownKey', { keyId: sigFile.data.keyId }),
      },
    };
  }
  return {
    ok: false,
    problem: {
      code: 'bad-signature',
      message: bilingual('msg.keys.badSignature'),
    },
  };
}

/** A .sig that cannot be read: `detail` is the schema's technical reason, or null when it is not JSON. */
function malformed(detail: string | null): { ok: false; problem: SignatureProblem } {
  return {
    ok: false,
    problem: {
      code: 'malformed-signature',
      message:
        detail === null
          ? bilingualWith('msg.keys.malformed', {}, { detail: 'msg.keys.notJson' })
          : bilingual('msg.keys.malformed', { detail }),
    },
  };
}

// Production keys are compiled into the main bundle by `npm run build` (scripts/pin-feed-keys.ts):
// esbuild replaces this identifier with the PEM list. Running from source it is not defined.
declare const __SACHMADOC_AGENCY_KEYS__: readonly string[] | null | undefined;

/** The agency keys pinned into this build at build time, or null (a source run or a dev build). */
export function buildPinnedAgencyKeys(): readonly string[] | null {
  return typeof __SACHMADOC_AGENCY_KEYS__ === 'undefined' ? null : __SACHMADOC_AGENCY_KEYS__;
}

async function pubFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => n.endsWith('.pub')).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/**
 * The keys the app trusts, from an assets `keys` directory:
 * - `sample/*.pub`: sample keys, which only ever verify a feed marked sample;
 * - the agency keys: those pinned into the build, else `agency/*.pub` (an agency's own checkout,
 *   never committed), else the TEST-ONLY keys of `test/*.pub`, marked `test` so the app says so.
 * Sorted by file name within each group, agency keys first.
 */
export async function loadPinnedKeys(
  dir: string,
  builtIn: readonly string[] | null = buildPinnedAgencyKeys(),
): Promise<PinnedKey[]> {
  const read = async (sub: string, role: KeyRole, test = false) => {
    const out: PinnedKey[] = [];
    for (const name of await pubFiles(join(dir, sub))) {
      const k = parsePublicKey(await readFile(join(dir, sub, name)), name, role);
      out.push(test ? { ...k, test } : k);
    }
    return out;
  };
  let agency: PinnedKey[];
  if (builtIn && builtIn.length > 0)
    agency = builtIn.map((pem, i) => parsePublicKey(pem, `built-in-${i + 1}.pub`));
  else {
    agency = await read('agency', 'agency');
    if (agency.length === 0) agency = await read('test', 'agency', true);
  }
  return [...agency, ...(await read('sample', 'sample'))];
}
