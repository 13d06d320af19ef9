// Reads log files into a Hunt: detect each file's format from its first lines (or take the
// forced one), parse line by line, look every record up. Runs in the main thread or in a worker
// (hunt-worker.ts); memory stays flat whatever the files' size.
import type { ColumnMap } from '../../shared/logs/columns';
import { createParser, DETECT_LINES, detectFormat, formatLabel } from '../../shared/logs/detect';
import { FileHunt, Hunt } from '../../shared/logs/hunt';
import type { LogMatcher } from '../../shared/logs/hunt';
import { LogRecord } from '../../shared/logs/record';
import type { LineParser, LogFormat, TimeContext } from '../../shared/logs/record';
import type { LogFileEntry } from './files';
import { readLines } from './read-lines';
import { bilingual } from '../../shared/i18n';

/** How to read the files. */
export interface HuntReadOptions {
  format?: LogFormat;
  columns?: ColumnMap;
  sinceMs?: number;
  untilMs?: number;
  /** Minutes east of UTC of local-time logs; null = this computer's zone. */
  offsetMinutes: number | null;
  signal?: AbortSignal;
  /** Bytes and lines read so far over all files of this call. */
  onProgress?: (bytes: number, lines: number) => void;
}

/** Reads one file into the hunt. */
export async function huntFile(hunt: Hunt, entry: LogFileEntry, o: HuntReadOptions): Promise<void> {
  const ctx: TimeContext = { offsetMinutes: o.offsetMinutes, referenceMs: entry.mtimeMs };
  const rec = new LogRecord();
  let parser: LineParser | null = o.format ? createParser(o.format, ctx, o.columns) : null;
  let fileHunt: FileHunt | null = parser ? new FileHunt(hunt, parser, entry.path, rec) : null;
  const pending: string[] = [];
  let nonEmpty = 0;
  let unknown = false;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  o.signal?.addEventListener('abort', onAbort);

  const decide = (): void => {
    const format = detectFormat(pending);
    if (format === null) {
      unknown = true;
      stop.abort();
      return;
    }
    parser = createParser(format, ctx, o.columns);
    fileHunt = new FileHunt(hunt, parser, entry.path, rec);
    for (const l of pending) fileHunt.line(l);
    pending.length = 0;
  };
  let bytes = 0;
  try {
    bytes = await readLines(
      entry.path,
      (line) => {
        if (fileHunt !== null) return fileHunt.line(line);
        if (unknown) return;
        pending.push(line);
        if (line.trim() !== '' && ++nonEmpty >= DETECT_LINES) decide();
      },
      {
        signal: stop.signal,
        onProgress: o.onProgress,
        // Big logs: a line the parser can rule out on its bytes is counted without a string.
        quick: (bytes, start, end) => fileHunt !== null && fileHunt.quick(bytes, start, end),
      },
    );
    if (fileHunt === null && !unknown && !o.signal?.aborted) decide();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    hunt.warn(
      entry.path,
      0,
      bilingual('msg.hunt.fileUnreadable', { code: typeof code === 'string' ? code : (e as Error).message }),
    );
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
  const fh = fileHunt;
  const p = parser;
  if (unknown)
    hunt.warn(
      entry.path,
      0,
      // A binary .evtx starts with "ElfFile\0": no pure-JS EVTX reader on npm is maintained and
      // streaming (README, "EVTX"), so the person is told how to turn it into the XML we read.
      pending[0]?.startsWith('ElfFile')
        ? `${bilingual('msg.hunt.evtx')} — ${bilingual('msg.hunt.evtxConvert')}: wevtutil qe "${entry.path}" /lf:true /f:xml > events.xml`
        : bilingual('msg.hunt.unknownFormat'),
    );
  hunt.files.push({
    path: entry.path,
    format: p ? formatLabel(p) : 'unknown',
    bytes: bytes || entry.size,
    lines: fh ? fh.lines : pending.length,
    records: fh ? fh.records : 0,
    skipped: fh ? fh.skipped : 0,
  });
}

/** Reads files one after another into a new Hunt. */
export async function huntFiles(
  matcher: LogMatcher,
  files: readonly LogFileEntry[],
  o: HuntReadOptions,
): Promise<Hunt> {
  const hunt = new Hunt(matcher, { sinceMs: o.sinceMs, untilMs: o.untilMs });
  let doneBytes = 0;
  let doneLines = 0;
  for (const f of files) {
    if (o.signal?.aborted) break;
    const before = hunt.files.length;
    await huntFile(hunt, f, {
      ...o,
      onProgress: o.onProgress ? (b, l) => o.onProgress?.(doneBytes + b, doneLines + l) : undefined,
    });
    const got = hunt.files[before];
    doneBytes += got ? got.bytes : f.size;
    doneLines += got ? got.lines : 0;
  }
  return hunt;
}
