// The one crash-safe file write of the project: every file people rely on (the feed cache, the
// settings, the result queue and its memory, exports and reports, the signed feeds the tally
// publishes) goes through here. Write a temp file in the same directory, fsync it, rename it over
// the target (retried on Windows' transient EPERM/EACCES/EBUSY), then fsync the directory where the
// platform allows it. A crash at any point leaves the old file or the new one, never a torn one,
// because a rename within one directory is atomic on NTFS and POSIX file systems.
import { randomBytes } from 'node:crypto';
import { open, rename as fsRename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Options of {@link writeFileAtomic}; the hooks and `rename` exist for tests. */
export interface AtomicWriteOptions {
  /** Permission bits of a new file (default 0o644; 0o600 for private state). */
  mode?: number;
  /** Runs after the temp file is durable and before it is renamed. */
  beforeRename?: (tempPath: string, targetPath: string) => void | Promise<void>;
  /** The rename to use (default `fs.rename`): tests inject one that fails like Windows does. */
  rename?: (from: string, to: string) => Promise<void>;
  /** Waits between rename attempts (default a real timer). */
  wait?: (ms: number) => Promise<void>;
}

/** Transient rename failures on Windows: an antivirus, the indexer or a reader briefly holds the target. */
const RETRYABLE = new Set(['EPERM', 'EACCES', 'EBUSY']);
/** Attempts in all, spaced 25, 50, 100, 200 ms apart (under half a second in the worst case). */
const ATTEMPTS = 5;

/**
 * Atomically and durably replaces `path` with `data` (temp file beside it, fsync, rename, fsync dir).
 * `data` may be chunks written in order (a big feed without one copy of all its bytes).
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string | readonly Uint8Array[],
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', options.mode ?? 0o644);
  try {
    if (Array.isArray(data)) {
      for (const chunk of data as readonly Uint8Array[]) {
        for (let done = 0; done < chunk.byteLength;) {
          const { bytesWritten } = await handle.write(chunk, done, chunk.byteLength - done);
          done += bytesWritten;
        }
      }
    } else await handle.writeFile(data as Uint8Array | string);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await rm(temp, { force: true });
    throw e;
  }
  await handle.close();
  try {
    await options.beforeRename?.(temp, path);
    await renameWithRetry(temp, path, options);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  await syncDir(dir);
}

async function renameWithRetry(from: string, to: string, options: AtomicWriteOptions): Promise<void> {
  const rename = options.rename ?? fsRename;
  const wait = options.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (attempt >= ATTEMPTS || !RETRYABLE.has(code)) throw e;
      await wait(25 * 2 ** (attempt - 1));
    }
  }
}

/** Flushes a directory entry change (rename, unlink) to disk where the platform allows it. */
export async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (e) {
    // Some file systems (network shares, FUSE) refuse fsync on a directory: nothing more to do there.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR' && code !== 'EPERM') throw e;
  } finally {
    await handle.close();
  }
}

/** Options for private state (the result queue, install ids, settings): readable by this account only. */
export const PRIVATE: AtomicWriteOptions = Object.freeze({ mode: 0o600 });
