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
  /** The listing, one `kind\tvalue` line per indicator (`\t← url` for a URL's host), in chunks. */
  chunks: string[];
}

/** Lines gathered into one chunk of the listing (one write each, not one per indicator). */
const CHUNK_LINES = 4096;

/** Parses the file and lists its indicators as `feed inspect` prints them. Never throws for bad input. */
export function inspectListing(bytes: Uint8Array, file: string): InspectListing {
  const chunks: string[] = [];
  const broad: InspectListing['broad'] = [];
  let chunk = '';
  let lines = 0;
  let count = 0;
  let fromUrl = 0;
  const result = parseFeedInto(bytes, file, (kind, value, line, full) => {
    count++;
    const url = full?.fromUrl;
    if (url !== undefined) fromUrl++;
    chunk += url === undefined ? `${kind}\t${value}\n` : `${kind}\t${value}\t← ${url}\n`;
    if (++lines === CHUNK_LINES) {
      chunks.push(chunk);
      chunk = '';
      lines = 0;
    }
    const reason = broadReasonOfCanonical(kind, value);
    if (reason !== null) broad.push({ line, type: kind, value, reason });
  });
  if (chunk !== '') chunks.push(chunk);
  return { result, count, fromUrl, broad, chunks };
}
