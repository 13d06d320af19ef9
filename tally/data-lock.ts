// One server per data directory: two would each believe they own the SQLite files, the published
// feed and the counts. `tally.lock` holds the pid of the server that owns the directory; a lock
// whose process is gone (a crash, kill -9) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { userError } from '../shared/errors';

/** True when a process with this pid exists (EPERM: it exists, owned by someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the data directory for this process; returns the release function. */
export function lockDataDir(dataDir: string, pid = process.pid): () => void {
  const file = join(dataDir, 'tally.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, `${pid}\n`);
      } finally {
        closeSync(fd);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(file, 'utf8').trim() === String(pid)) unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner = NaN;
    try {
      owner = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    } catch {
      // Removed meanwhile: try again.
    }
    if (Number.isInteger(owner) && owner > 0 && owner !== pid && alive(owner))
      throw userError('tally.lock.busy', {
        params: { dir: dataDir, pid: owner },
        hint: 'tally.lock.busyHint',
      });
    // Its process is gone: a stale lock.
    try {
      unlinkSync(file);
    } catch {
      // Someone else removed it first.
    }
  }
  throw userError('tally.lock.failed', { params: { file }, hint: 'tally.lock.failedHint' });
}
