// `feed inspect` of a big file (issue 18): the listing is made as the parse hands the indicators
// over (parseFeedInto), so a million-line list is never held as lines or as indicator objects,
// only as the listing's text.
import { parseFeedInto } from '../../shared/indicator-formats';
import type { FeedParseResult } from '../../shared/indicator-formats';
import { broadReasonOfCanonical } from '../../shared/indicators/breadth';
import type { BroadReason } from '../../shared/indicators/breadth';

/** What `feed inspect` lists of one file. */
export interface InspectListing {
  /** The parse's result; its `indicators` is empty (they are in `chunks`). */
  result: FeedParseResult;
  /** Indicators listed, and how many of them were taken from URL hosts. */
  count: number;
  fromUrl: number;
  /** The catch-all indicators, in file order. */
  broad: { line: number; type: string; value: string; reason: BroadReason }[];
  /**
   * The listing, one `kind\tvalue` line per indicator (`\t← url` for a URL's host), as UTF-8 in
   * chunks that end at a line's end.
   */
  chunks: Buffer[];
}

/** Bytes of one chunk of the listing (one write each, not one per indicator). */
const CHUNK_BYTES = 1 << 16;

/** Parses the file and lists its indicators as `feed inspect` prints them. Never throws for bad input. */
export function inspectListing(bytes: Uint8Array, file: string): InspectListing {
  const chunks: Buffer[] = [];
  const broad: InspectListing['broad'] = [];
  // Encoded as it is made: a million lines held as strings were most of an inspect's memory.
  let buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  let count = 0;
  let fromUrl = 0;
  const result = parseFeedInto(bytes, file, (kind, value, line, full) => {
    count++;
    const url = full?.fromUrl;
    if (url !== undefined) fromUrl++;
    const text = url === undefined ? `${kind}\t${value}\n` : `${kind}\t${value}\t← ${url}\n`;
    // At most 3 bytes a UTF-16 code unit; a line longer than a chunk gets a chunk of its own.
    if (used + text.length * 3 > CHUNK_BYTES) {
      if (used > 0) chunks.push(buf.subarray(0, used));
      buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, text.length * 3));
      used = 0;
    }
    used += buf.write(text, used, 'utf8');
    const reason = broadReasonOfCanonical(kind, value);
    if (reason !== null) broad.push({ line, type: kind, value, reason });
  });
  if (used > 0) chunks.push(buf.subarray(0, used));
  return { result, count, fromUrl, broad, chunks };
}
