// The log reader against a model: the lines a file holds are the text split at "\n", each
// without its "\r", the last one kept when the file does not end with a line break. Checked for
// plain UTF-8 files (read into one reused buffer), the same bytes gzip-compressed (the stream
// path) and UTF-16 LE with its BOM, with lines that cross the reader's chunks, multi-byte
// characters, BOMs, empty lines and a byte scanner (quick) that takes some lines.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readLines } from './read-lines';
import { propertyRuns } from '../../test/support/property-runs';

const dir = mkdtempSync(join(tmpdir(), 'read-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (bytes: Buffer): string => {
  const p = join(dir, `f${n++}.log`);
  writeFileSync(p, bytes);
  return p;
};

/** The model: what a person means by the lines of this text. */
function model(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

async function read(path: string, quick?: (b: Buffer, s: number, e: number) => boolean) {
  const got: string[] = [];
  const progress: number[] = [];
  const bytes = await readLines(path, (l) => got.push(l), {
    quick,
    onProgress: (b) => progress.push(b),
  });
  return { got, bytes, progress };
}

// Lines of printable ASCII, Vietnamese letters (2–3 UTF-8 bytes), an emoji (4 bytes), tabs,
// lone carriage returns inside a line, and some long enough to cross the 256 KB buffer.
const piece = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '.', '\t', '#'), maxLength: 40 }),
  fc.constantFrom('Hà Nội', 'Sạch Mã Độc', 'đường dẫn', '🔥', '\r', ''),
  fc.integer({ min: 60_000, max: 300_000 }).map((k) => 'x'.repeat(k)),
);
const line = fc.array(piece, { maxLength: 4 }).map((p) => p.join(''));
const text = fc
  .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
  .map(([lines, eol, lastBreak, bom]) => ({
    text: lines.join(eol) + (lastBreak && lines.length > 0 ? eol : ''),
    bom,
  }));

describe('readLines', () => {
  it('gives the model lines for plain, gzip and UTF-16 files alike, and counts every byte', async () => {
    await fc.assert(
      fc.asyncProperty(text, async ({ text: t, bom }) => {
        const utf8 = Buffer.concat([
          bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
          Buffer.from(t, 'utf8'),
        ]);
        const want = model(t);
        const plain = await read(file(utf8));
        expect(plain.got).toEqual(want);
        expect(plain.bytes).toBe(utf8.length);
        const gz = gzipSync(utf8);
        const zipped = await read(file(gz));
        expect(zipped.got).toEqual(want);
        expect(zipped.bytes).toBe(gz.length);
        const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
        expect((await read(file(utf16))).got).toEqual(want);
      }),
      { numRuns: propertyRuns(60) },
    );
  });

  it('hands each line to quick first, as its exact bytes, and decodes only the lines quick leaves', async () => {
    await fc.assert(
      fc.asyncProperty(text, async ({ text: t }) => {
        const want = model(t);
        const seen: string[] = [];
        // quick takes the lines that start with "a".
        const { got } = await read(file(Buffer.from(t, 'utf8')), (b, s, e) => {
          seen.push(b.toString('utf8', s, e));
          return b[s] === 0x61;
        });
        expect(seen.slice(0, want.length)).toEqual(want.slice(0, seen.length));
        expect(got).toEqual(want.filter((l) => !l.startsWith('a')));
      }),
      { numRuns: propertyRuns(40) },
    );
  });

  it('offers the last line to quick too when the file does not end with a line break', async () => {
    for (const bytes of [Buffer.from('b\r\naline'), gzipSync(Buffer.from('b\naline\r'))]) {
      const seen: string[] = [];
      const { got } = await read(file(bytes), (b, s, e) => {
        seen.push(b.toString('utf8', s, e));
        return b[s] === 0x61;
      });
      expect(seen).toEqual(['b', 'aline']);
      expect(got).toEqual(['b']);
    }
  });

  it('reports progress as bytes grow to the file size', async () => {
    const body = Buffer.from('203.0.113.9 line\r\n'.repeat(40_000));
    const { progress, bytes } = await read(file(body));
    expect(bytes).toBe(body.length);
    expect(progress.length).toBeGreaterThan(2);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
    expect(progress[progress.length - 1]).toBe(body.length);
  });

  it('cuts a line longer than the limit and reads on, in both paths', async () => {
    // 300,000 bytes: longer than the limit and than the reader's chunks, so both paths meet it
    // part by part.
    const long = 'L'.repeat(300_000);
    const t = `first\n${long}\nlast\n`;
    for (const bytes of [Buffer.from(t), gzipSync(Buffer.from(t))]) {
      const got: string[] = [];
      await readLines(file(bytes), (l) => got.push(l), { maxLine: 100_000 });
      expect(got[0]).toBe('first');
      expect(got[1]).toBe('L'.repeat(100_000));
      expect(got[got.length - 1]).toBe('last');
      // Nothing longer than the limit, and no line of the file is lost or invented.
      for (const l of got) expect(l.length).toBeLessThanOrEqual(100_000);
      expect(got.filter((l) => !/^L+$/.test(l))).toEqual(['first', 'last']);
    }
  });

  it('stops without an error when aborted', async () => {
    const body = Buffer.from('a line\n'.repeat(200_000));
    const stop = new AbortController();
    const got: string[] = [];
    await readLines(
      file(body),
      (l) => {
        got.push(l);
        if (got.length === 10) stop.abort();
      },
      { signal: stop.signal },
    );
    expect(got.length).toBeGreaterThanOrEqual(10);
    expect(got.length).toBeLessThan(200_000);
  });
});
