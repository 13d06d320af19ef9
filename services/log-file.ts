// The app's log file (userData/logs/main.log): one JSON record a line, appended in order, rotated by
// size so months of use never fill the disk: main.log, main.log.1, main.log.2 (oldest dropped).
import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LogRecord } from '../shared/logger';

/** A log sink writing to a size-rotated file; `flushed()` resolves once every record so far is on disk. */
export interface LogFile {
  write(record: LogRecord): void;
  flushed(): Promise<void>;
}

/** Opens `file` for appending; past `maxBytes` it becomes `file.1` (then `.2`…), `files` in all. */
export function openLogFile(file: string, opts: { maxBytes?: number; files?: number } = {}): LogFile {
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const files = Math.max(1, opts.files ?? 3);
  let size: number | null = null;
  let chain: Promise<void> = mkdir(dirname(file), { recursive: true }).then(() => undefined);

  async function rotate(): Promise<void> {
    await rm(`${file}.${files - 1}`, { force: true });
    for (let i = files - 2; i >= 1; i--)
      await rename(`${file}.${i}`, `${file}.${i + 1}`).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    if (files > 1) await rename(file, `${file}.1`);
    else await rm(file, { force: true });
    size = 0;
  }

  async function append(line: string): Promise<void> {
    size ??= await stat(file).then(
      (s) => s.size,
      () => 0,
    );
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > maxBytes) await rotate();
    await appendFile(file, line);
    size += bytes;
  }

  return {
    write(record) {
      const line = `${JSON.stringify(record)}\n`;
      // A failing log write must never stop the app; the next record tries again.
      chain = chain
        .then(() => append(line))
        .catch(() => {
          size = null;
        });
    },
    flushed: () => chain,
  };
}
