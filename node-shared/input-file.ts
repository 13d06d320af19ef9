// Every file the CLI or the app reads on a person's say-so (captures, feeds, signatures, unit lists,
// files hashed as evidence): regular files only (a FIFO would block forever, a device such as
// /dev/zero or /dev/urandom never ends, a directory is a mistake), and a size cap per kind, checked
// before a byte is read, so a 300 MB capture is refused at once instead of after minutes and gigabytes.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../shared/errors';
import { bilingual, bilingualWith } from '../shared/i18n';

/** What a file is for; each kind has its own cap. */
export type InputKind = 'capture' | 'feed' | 'signature' | 'unit-list' | 'evidence';

const MB = 1024 * 1024;
/**
 * Caps: a netstat/tasklist/DNS/registry capture of a busy server is a few MB (the largest in
 * shared/realdata is under 1 MB); feeds match the download cap (http-download.ts); the evidence
 * cap is for hashing a suspicious program, which may legitimately be large.
 */
export const INPUT_CAPS: Readonly<Record<InputKind, number>> = {
  capture: 64 * MB,
  feed: 64 * MB,
  signature: 64 * 1024,
  'unit-list': 4 * MB,
  evidence: 2048 * MB,
};

/** The catalogue key naming what a file is for ("nguồn cấp / feed"). */
const what = (kind: InputKind): string => `msg.input.what.${kind}`;

/** The catalogue key of what a path names instead of a regular file. */
function typeOf(mode: number): string {
  const t = mode & constants.S_IFMT;
  if (t === constants.S_IFDIR) return 'msg.input.type.dir';
  if (t === constants.S_IFIFO) return 'msg.input.type.fifo';
  if (t === constants.S_IFCHR || t === constants.S_IFBLK) return 'msg.input.type.device';
  if (t === constants.S_IFSOCK) return 'msg.input.type.socket';
  return 'msg.input.type.other';
}

/** Opens `path` for reading without blocking on a FIFO and checks it is a regular file within the cap. */
export async function openInputFile(
  path: string,
  kind: InputKind,
): Promise<{ handle: FileHandle; size: number }> {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever. A missing file or no
  // permission throws the plain errno error: the caller words it with the flag that named the file.
  const handle: FileHandle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = await handle.stat();
    if (!st.isFile())
      throw new UserError(
        `${path}: ${bilingualWith('msg.input.notRegular', {}, { what: what(kind), type: typeOf(st.mode) })}`,
        bilingual('msg.input.regularOnly'),
      );
    if (st.size > INPUT_CAPS[kind]) throw tooLarge(path, kind, st.size);
    return { handle, size: st.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

function tooLarge(path: string, kind: InputKind, size: number | undefined): UserError {
  const cap = INPUT_CAPS[kind];
  const mb = (n: number) => `${Math.round((n / MB) * 10) / 10} MB`;
  const sized = { size: size !== undefined ? ` (${mb(size)})` : '', cap: mb(cap) };
  return new UserError(
    `${path}: ${bilingualWith('msg.input.tooLarge', sized, { what: what(kind) })}`,
    bilingual(kind === 'capture' ? 'msg.input.notCommandOutput' : 'msg.input.rightFile'),
  );
}

/** Reads a regular file of at most the kind's cap (re-checked while reading: the file may grow). */
export async function readInputFile(path: string, kind: InputKind): Promise<Uint8Array> {
  const { handle, size } = await openInputFile(path, kind);
  try {
    const cap = INPUT_CAPS[kind];
    const chunks: Buffer[] = [];
    let total = 0;
    let chunkSize = Math.min(cap + 1, Math.max(size + 1, 64 * 1024));
    for (;;) {
      const buf = Buffer.allocUnsafe(chunkSize);
      const { bytesRead } = await handle.read(buf, 0, buf.length, total);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > cap) throw tooLarge(path, kind, undefined);
      chunkSize = Math.min(cap + 1 - total, 1024 * 1024);
    }
    const out = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    return new Uint8Array(out.buffer, out.byteOffset, total);
  } finally {
    await handle.close();
  }
}
