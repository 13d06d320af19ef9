// The files a hunt reads: each path given, and every file under a folder given (recursively, in
// name order, so rotated files come in a stable order). Hidden entries are included: log folders
// are copied as they are.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { userError } from '../../shared/errors';

/** One file to read, with its size and modification time (the year of syslog dates depends on it). */
export interface LogFileEntry {
  path: string;
  size: number;
  mtimeMs: number;
}

async function walk(dir: string, out: LogFileEntry[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) {
      const s = await stat(p);
      out.push({ path: p, size: s.size, mtimeMs: s.mtimeMs });
    }
  }
}

/** Expands paths into files; a path that does not exist is a UserError naming it. */
export async function listLogFiles(paths: readonly string[]): Promise<LogFileEntry[]> {
  const out: LogFileEntry[] = [];
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      throw userError('msg.hunt.cannotRead', {
        params: { path: p },
        hint: 'msg.hunt.checkPath',
        detail: typeof code === 'string' ? code : String(e),
      });
    }
    if (s.isDirectory()) await walk(p, out);
    else out.push({ path: p, size: s.size, mtimeMs: s.mtimeMs });
  }
  return out;
}
