// Threat-feed parsing: bytes of any supported feed in, canonical indicators out. parseFeed never
// throws: a damaged or foreign file comes back as errors a person can act on.
import type { Indicator } from '../domain';
import { ParseError } from '../errors';
import { parseFeodoCsv, parseThreatfoxCsv, parseUrlhausCsv } from './abusech';
import { parseCampaignJson } from './campaign';
import { decodeFeed } from './decode';
import { detectFormat } from './detect';
import { parseHostsList, parsePlainList } from './lists';
import { parseMispJson } from './misp';
import { parseStixBundle } from './stix';
import {
  msg,
  type FeedFormat,
  type FeedParseOptions,
  type FeedParseResult,
  type FormatParser,
  type IndicatorSink,
} from './types';

export type { FeedFormat, FeedParseOptions, FeedParseResult, FormatParser, IndicatorSink } from './types';
export { parseFeodoCsv, parseThreatfoxCsv, parseUrlhausCsv } from './abusech';
export { parseCampaignJson } from './campaign';
export { decodeFeed } from './decode';
export { parseHostsList, parsePlainList } from './lists';
export { parseMispJson } from './misp';
export { parseStixBundle } from './stix';

/** The parser of every known format, for callers (and tests) that already know the format. */
export const FORMAT_PARSERS: Record<Exclude<FeedFormat, 'unknown' | 'misp-manifest'>, FormatParser> = {
  plain: (text, file) => parsePlainList(text, file, 'plain'),
  hosts: (text, file) => parseHostsList(text, file, 'hosts'),
  'feodo-txt': (text, file) => parsePlainList(text, file, 'feodo-txt'),
  'urlhaus-hosts': (text, file) => parseHostsList(text, file, 'urlhaus-hosts'),
  'feodo-csv': parseFeodoCsv,
  'urlhaus-csv': parseUrlhausCsv,
  'threatfox-csv': parseThreatfoxCsv,
  stix: parseStixBundle,
  misp: parseMispJson,
  campaign: parseCampaignJson,
};

function unknownFile(file: string, looksLike: string): FeedParseResult {
  return {
    format: 'unknown',
    indicators: [],
    errors: [
      {
        file,
        line: 1,
        message: msg('msg.formats.notAFeed', {}, { looksLike, accepted: 'msg.formats.accepted' }),
      },
    ],
    skipped: 0,
  };
}

/** ParseError's message carries "file:line: " for logs; a ParseIssue keeps file and line apart. */
function issueMessage(e: ParseError): string {
  const prefix = `${e.file}:${e.line}: `;
  return e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
}

/** Parses a feed file of any supported format, detected from its content. Never throws. */
export function parseFeed(
  input: Uint8Array | string,
  file: string,
  options: FeedParseOptions = {},
): FeedParseResult {
  return parseAny(input, file, options, undefined);
}

/**
 * parseFeed for a big file (issue 18): each kept indicator is handed to `sink` in file order and
 * the result's `indicators` is empty. A plain list (and Feodo .txt, Loki) streams: no array of
 * lines or indicators is made at all; any other format is parsed as before, then handed over.
 * Never throws, unless an internal error happens after indicators were handed over (then that
 * error is thrown: the caller must not take half a file for the whole).
 */
export function parseFeedInto(
  input: Uint8Array | string,
  file: string,
  sink: IndicatorSink,
  options: FeedParseOptions = {},
): FeedParseResult {
  return parseAny(input, file, options, sink);
}

function parseAny(
  input: Uint8Array | string,
  file: string,
  options: FeedParseOptions,
  sink: IndicatorSink | undefined,
): FeedParseResult {
  let format: FeedFormat = 'unknown';
  let handed = 0;
  try {
    const decoded = decodeFeed(input);
    if (decoded.binaryCode !== undefined) return unknownFile(file, decoded.binaryCode);
    const detected = detectFormat(decoded.text);
    if (detected.format === 'unknown') return unknownFile(file, detected.looksLike);
    format = detected.format;
    if (sink !== undefined && (format === 'plain' || format === 'feodo-txt')) {
      return parsePlainList(decoded.text, file, format, (kind, value, line, full) => {
        handed++;
        sink(kind, value, line, full);
      });
    }
    const parser = detected.format === 'misp-manifest' ? parseMispJson : FORMAT_PARSERS[detected.format];
    const result = parser(decoded.text, file, options);
    if (sink === undefined) return result;
    for (const p of result.indicators) {
      handed++;
      sink(p.kind, p.value, p.line, p);
    }
    return { ...result, indicators: [] };
  } catch (e) {
    if (handed > 0) throw e;
    if (e instanceof ParseError) {
      return {
        format,
        indicators: [],
        errors: [{ file, line: e.line, message: issueMessage(e) }],
        skipped: 0,
      };
    }
    // A bug of ours must not take the scan down with it; say so plainly instead.
    const detail = e instanceof Error ? e.message : String(e);
    return {
      format,
      indicators: [],
      errors: [
        {
          file,
          line: 1,
          message: msg('msg.formats.internalError', { detail }),
        },
      ],
      skipped: 0,
    };
  }
}

/** Turns parsed indicators into domain Indicators of one source; id is the feed's own or `${kind}:${value}`. */
export function toIndicators(result: FeedParseResult, source: string): Indicator[] {
  return result.indicators.map((p) => {
    const indicator: Indicator = { id: p.id ?? `${p.kind}:${p.value}`, kind: p.kind, value: p.value, source };
    if (p.comment !== undefined) indicator.comment = p.comment;
    if (p.severity !== undefined) indicator.severity = p.severity;
    return indicator;
  });
}
