// Crash-safe file replacement: write a temp file in the same directory, fsync it, rename it over
// the target, then fsync the directory. A crash at any point leaves either the old file or the
// new one, never a mix, because rename within one directory is atomic on NTFS and POSIX file systems.
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Hooks for tests: `beforeRename` runs after the temp file is durable and before it is renamed. */
export interface AtomicWriteHooks {
  beforeRename?: (tempPath: string, targetPath: string) => void | Promise<void>;
}

/** Atomically replaces `path` with `data` (temp file in the same dir, fsync, rename, fsync dir). */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  hooks: AtomicWriteHooks = {},
): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await hooks.beforeRename?.(temp, path);
    await renameWithRetry(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  await syncDir(dir);
}

// On Windows an antivirus or indexer briefly holding the target makes rename fail with
// EPERM/EACCES/EBUSY; a few short, bounded retries ride that out.
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (attempt >= 4 || !(code === 'EPERM' || code === 'EACCES' || code === 'EBUSY')) throw e;
      await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
    }
  }
}

// Makes the rename itself durable. Windows cannot open a directory for fsync; NTFS journals the
// rename, so skipping it there is safe.
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
