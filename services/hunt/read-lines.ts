// Reads a log file line by line in constant memory: plain or gzip (by its magic bytes, so
// rotated "pfirewall.log.1.gz" and "messages.2" both work), UTF-8 or UTF-16 (Event Viewer and
// some Windows exports write UTF-16 LE with a BOM). A line longer than MAX_LINE (bytes of UTF-8,
// characters of UTF-16) is cut there and counted as one line: no input can make the reader hold
// more than that.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

/** The longest line kept whole (a one-line XML export of a few thousand events fits). */
export const MAX_LINE = 16 * 1024 * 1024;
// 64 KB: a chunk's text stays in V8's young generation and dies there. 1 MB chunks went to the
// large-object space, freed only by full collections: +66 MB of RSS over 94 MB of log, against +16 MB.
const CHUNK = 1 << 16;

/** How a file's bytes are wrapped and encoded, from its first bytes. */
export interface FileKind {
  gzip: boolean;
  encoding: 'utf8' | 'utf16le';
}

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Reads the first bytes of a file to tell gzip from plain, and UTF-16 LE (its BOM) from UTF-8. */
export async function fileKind(path: string): Promise<FileKind> {
  const head = await firstBytes(path, 4);
  return {
    gzip: head[0] === 0x1f && head[1] === 0x8b,
    encoding: head[0] === 0xff && head[1] === 0xfe ? 'utf16le' : 'utf8',
  };
}

/** Progress of one file: bytes read from disk and lines so far. */
export type ProgressFn = (bytes: number, lines: number) => void;

/**
 * Sees a line's UTF-8 bytes [start, end) first (without its line break); true means it was dealt
 * with and is not decoded for onLine. Only UTF-8 (and plain ASCII) files go through it.
 */
export type QuickLineFn = (bytes: Buffer, start: number, end: number) => boolean;

/** How readLines reads. */
export interface ReadLinesOptions {
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  quick?: QuickLineFn;
  /** The longest line kept whole (MAX_LINE; smaller in tests). */
  maxLine?: number;
}

/**
 * Calls onLine for every line (without \r\n); resolves with the bytes read. Stops early, without
 * error, when `signal` aborts. Lines are handed over in batches between awaits, so a huge file
 * does not starve the event loop. UTF-8 text is split into lines on its bytes (a line break is
 * never inside a multi-byte character) and each line decoded on its own, only when `quick` does
 * not take it.
 */
export async function readLines(
  path: string,
  onLine: (line: string) => void,
  opts: ReadLinesOptions = {},
): Promise<number> {
  const kind = await fileKind(path);
  if (!kind.gzip && kind.encoding === 'utf8') return readPlainUtf8(path, onLine, opts);
  const maxLine = opts.maxLine ?? MAX_LINE;
  const raw = createReadStream(path, { highWaterMark: CHUNK });
  let bytes = 0;
  raw.on('data', (b: Buffer | string) => {
    bytes += b.length;
  });
  const stream: Readable = kind.gzip ? raw.pipe(createGunzip()) : raw;
  if (kind.gzip) raw.on('error', (e) => stream.destroy(e));
  const quick = opts.quick;
  let decoder: StringDecoder | null = null;
  let utf8 = false;
  let carry = '';
  /** Bytes of an unfinished line (UTF-8 files). */
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lines = 0;
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (opts.signal?.aborted) break;
      let buf = chunk;
      if (first) {
        first = false;
        // BOMs: UTF-16 LE (FF FE), UTF-8 (EF BB BF).
        if (buf[0] === 0xff && buf[1] === 0xfe) {
          decoder = new StringDecoder('utf16le');
          buf = buf.subarray(2);
        } else {
          utf8 = true;
          if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
        }
      }
      if (utf8) {
        let start = 0;
        if (pending.length > 0) {
          // The end of a line begun in earlier chunks (copied there: a view would keep them alive).
          const nl = buf.indexOf(10);
          if (nl < 0) {
            pending.push(Buffer.from(buf));
            pendingBytes += buf.length;
            if (pendingBytes > maxLine) {
              onLine(Buffer.concat(pending).toString('utf8', 0, maxLine));
              lines++;
              pending = [];
              pendingBytes = 0;
            }
            opts.onProgress?.(bytes, lines);
            continue;
          }
          pending.push(buf.subarray(0, nl));
          const line = Buffer.concat(pending);
          pending = [];
          pendingBytes = 0;
          const end = line.length > 0 && line[line.length - 1] === 13 ? line.length - 1 : line.length;
          if (quick === undefined || !quick(line, 0, end)) onLine(line.toString('utf8', 0, end));
          lines++;
          start = nl + 1;
        }
        for (;;) {
          const nl = buf.indexOf(10, start);
          if (nl < 0) break;
          const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
          if (quick === undefined || !quick(buf, start, end)) onLine(buf.toString('utf8', start, end));
          lines++;
          start = nl + 1;
        }
        if (start < buf.length) {
          pending.push(Buffer.from(buf.subarray(start)));
          pendingBytes = buf.length - start;
        }
        opts.onProgress?.(bytes, lines);
        continue;
      }
      const text = carry + (decoder as StringDecoder).write(buf);
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) break;
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        onLine(text.slice(start, end));
        lines++;
        start = nl + 1;
      }
      carry = start === 0 ? text : text.slice(start);
      if (carry.length > maxLine) {
        onLine(carry.slice(0, maxLine));
        lines++;
        carry = '';
      }
      opts.onProgress?.(bytes, lines);
    }
    if (!opts.signal?.aborted) {
      if (pending.length > 0) {
        // The last line of a UTF-8 file has no line break: offered to quick like every other line.
        const last = Buffer.concat(pending);
        const end = last.length > 0 && last[last.length - 1] === 13 ? last.length - 1 : last.length;
        if (quick === undefined || !quick(last, 0, end)) onLine(last.toString('utf8', 0, end));
        lines++;
      } else {
        const rest = carry + (decoder ? decoder.end() : '');
        if (rest.length > 0) {
          onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
          lines++;
        }
      }
      opts.onProgress?.(bytes, lines);
    }
  } finally {
    raw.destroy();
  }
  return bytes;
}

/** Bytes read at a time from a plain UTF-8 file (the buffer grows only for a longer line). */
const PLAIN_CHUNK = 1 << 18;

/**
 * readLines for a plain UTF-8 file (nearly every log): read into one reused buffer, the bytes of
 * an unfinished line moved to its start, so reading allocates nothing per chunk and skips the
 * stream machinery (a fifth of the hunt's time on a big log). Same lines, same cuts, same
 * progress as the stream path.
 */
async function readPlainUtf8(
  path: string,
  onLine: (line: string) => void,
  opts: ReadLinesOptions,
): Promise<number> {
  const maxLine = opts.maxLine ?? MAX_LINE;
  const quick = opts.quick;
  const fh = await open(path, 'r');
  let buf = Buffer.allocUnsafe(Math.min(PLAIN_CHUNK, maxLine + 2));
  let have = 0;
  let bytes = 0;
  let lines = 0;
  let first = true;
  try {
    for (;;) {
      if (opts.signal?.aborted) return bytes;
      if (have === buf.length) {
        // One line fills the buffer: grow it, up to a line of maxLine bytes and its line break.
        const grown = Buffer.allocUnsafe(Math.min(buf.length * 2, maxLine + 2));
        buf.copy(grown, 0, 0, have);
        buf = grown;
      }
      const { bytesRead } = await fh.read(buf, have, buf.length - have, null);
      if (bytesRead === 0) break;
      bytes += bytesRead;
      let start = 0;
      if (first) {
        first = false;
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf && bytesRead >= 3) start = 3;
      }
      const total = have + bytesRead;
      for (;;) {
        const nl = buf.indexOf(10, start);
        if (nl < 0 || nl >= total) break;
        const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
        if (quick === undefined || !quick(buf, start, end)) onLine(buf.toString('utf8', start, end));
        lines++;
        start = nl + 1;
      }
      have = total - start;
      if (have > maxLine) {
        // A line longer than maxLine: its first maxLine bytes are one line, the bytes read past
        // them up to here are dropped, and what follows is read as a new line.
        onLine(buf.toString('utf8', start, start + maxLine));
        lines++;
        have = 0;
      } else if (have > 0 && start > 0) buf.copy(buf, 0, start, total);
      opts.onProgress?.(bytes, lines);
    }
    if (opts.signal?.aborted) return bytes;
    if (have > 0) {
      // The last line has no line break: it is offered to quick like every other line.
      const end = buf[have - 1] === 13 ? have - 1 : have;
      if (opts.quick === undefined || !opts.quick(buf, 0, end)) onLine(buf.toString('utf8', 0, end));
      lines++;
    }
    opts.onProgress?.(bytes, lines);
  } finally {
    await fh.close();
  }
  return bytes;
}
