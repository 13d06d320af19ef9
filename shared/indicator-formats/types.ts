// Result types of the threat-feed parsers, and the collector every format parser fills so that
// deduplication, line numbers and error wording are the same whatever the format.
import type { IndicatorKind, ParseIssue } from '../domain';
import { fill, translate, type Language, type Params } from '../i18n';
import { sharedPlatformOf, type PlatformCategory } from '../indicators/shared-platforms';
import { U32Map } from '../indicators/tables';
import { parseIpInto } from '../net/ip';
import { SeenValues } from './seen-values';
import type { UrlHost } from './canon';

/** Every feed shape parseFeed recognises; 'unknown' carries one error that says what the file looks like. */
export type FeedFormat =
  | 'plain'
  | 'hosts'
  | 'feodo-csv'
  | 'feodo-txt'
  | 'urlhaus-csv'
  | 'urlhaus-hosts'
  | 'threatfox-csv'
  | 'stix'
  | 'misp'
  | 'misp-manifest'
  | 'campaign'
  | 'unknown';

export type Severity = 'low' | 'medium' | 'high' | 'critical';

/** One indicator read from a feed file, value already canonical (see shared/net). */
export interface ParsedIndicator {
  kind: IndicatorKind;
  value: string;
  /** 1-based line of the value in the file (JSON formats: where the value text was found, else 1). */
  line: number;
  /** The feed's own id (STIX indicator id, MISP attribute uuid, ThreatFox ioc_id...). */
  id?: string;
  comment?: string;
  /** Port the feed gave with the address (ThreatFox ip:port, Feodo dst_port, MISP ip-dst|port). */
  port?: number;
  severity?: Severity;
  /** Set on an address or domain indicator derived from the host of this URL (canonical). */
  fromUrl?: string;
}

/** A URL host (or URLhaus host-file name) left out because it is a shared platform. */
export interface SharedPlatformDrop {
  line: number;
  /** The canonical URL whose host it is; absent for a host-file name. */
  url?: string;
  host: string;
  /** The list entry it is, or is under. */
  platform: string;
  category: PlatformCategory;
}

/** What parseFeed returns; it never throws. */
export interface FeedParseResult {
  format: FeedFormat;
  indicators: ParsedIndicator[];
  /** Malformed entries, each with file and line, that were skipped. */
  errors: ParseIssue[];
  /** Entries left out on purpose (localhost lines, hashes, MISP to_ids=false, duplicates...). */
  skipped: number;
  /** Informational remarks a person may want to see (e.g. how many MISP attributes had to_ids=false). */
  notes?: string[];
  /** URL hosts not made indicators because they are shared platforms (github.com, zalo.me...). */
  sharedPlatformDrops?: SharedPlatformDrop[];
}

/** Options shared by the format parsers. */
export interface FeedParseOptions {
  /** MISP: also keep attributes marked to_ids=false (default false: they are context, not detections). */
  mispIncludeNonIds?: boolean;
}

/** A format parser: decoded text in, result out; may throw only ParseError. */
export type FormatParser = (text: string, file: string, options?: FeedParseOptions) => FeedParseResult;

const MAX_ERRORS = 1000;

// The two texts of each message code, looked up once: a file of a million bad lines words a
// million messages, and a lookup per message was most of that time.
const texts = new Map<string, readonly [string, string]>();

/**
 * A catalogue message as the feed tools word a line they cannot read: Vietnamese first, English in
 * brackets ("… (…)"). A parameter named in `keys` is itself a catalogue key, worded in each language.
 */
export function msg(code: string, params: Params = {}, keys?: Readonly<Record<string, string>>): string {
  if (keys !== undefined) {
    const one = (language: Language): string => {
      const worded: Record<string, string> = {};
      for (const [name, key] of Object.entries(keys)) worded[name] = translate(language, key);
      return translate(language, code, { ...params, ...worded });
    };
    return `${one('vi')} (${one('en')})`;
  }
  let text = texts.get(code);
  if (text === undefined) {
    text = [translate('vi', code), translate('en', code)];
    texts.set(code, text);
  }
  return `${fill('vi', text[0], params)} (${fill('en', text[1], params)})`;
}

/** Shortens and de-controls a piece of input so it can be quoted safely in a message. */
export function quote(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a terminal
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return JSON.stringify(clean.length > max ? `${clean.slice(0, max)}…` : clean);
}

/**
 * Where a streamed parse hands each kept indicator, in file order, instead of an array of them
 * (issue 18: a million `ParsedIndicator` objects were a fifth of a big build's time in the
 * garbage collector). `full` is given for an indicator with more than kind, value and line (an
 * id, comment, port, severity or URL); a list's bare line comes without it.
 */
export type IndicatorSink = (
  kind: IndicatorKind,
  value: string,
  line: number,
  full: ParsedIndicator | undefined,
) => void;

/** Accumulates indicators (deduplicated, first line kept), errors (capped) and skip counts. */
export class FeedCollector {
  /** The kept indicators, in order; empty when they go to a sink instead. */
  readonly indicators: ParsedIndicator[] = [];
  /** How many indicators were kept (handed to the sink or put in `indicators`). */
  count = 0;
  readonly errors: ParseIssue[] = [];
  readonly notes: string[] = [];
  readonly sharedPlatformDrops: SharedPlatformDrop[] = [];
  skipped = 0;
  /**
   * Values seen, one set per kind: no `${kind}:${value}` key string is built per indicator (at a
   * million indicators those concatenations and their hashing were most of a parse's time).
   */
  private readonly seen = new Map<string, SeenValues>();
  /** IPv4 addresses seen (most of a big feed), by number: a typed-array hash, not a string Set. */
  private readonly seenV4 = new U32Map();
  private readonly words = new Uint32Array(4);
  private droppedErrors = 0;

  private seenOf(kind: string): SeenValues {
    let set = this.seen.get(kind);
    if (set === undefined) this.seen.set(kind, (set = new SeenValues(this.text)));
    return set;
  }

  /**
   * `sink`: where kept indicators go (else `indicators`); `text`: the decoded file, whose ranges
   * addRange and addV4 are given.
   */
  constructor(
    readonly file: string,
    private readonly sink?: IndicatorSink,
    private readonly text = '',
  ) {}

  /**
   * Adds an indicator unless the same kind and value was already seen in this file. A URL with
   * its host (see classifyUrl) also yields the host as an address or domain indicator, marked
   * `fromUrl`, unless the host is a shared platform: then the drop is recorded instead, since
   * flagging github.com for one release URL would flag every PC that uses GitHub.
   */
  add(indicator: ParsedIndicator & { urlHost?: UrlHost }): void {
    // A URL seen before in this file was already derived from (or dropped) the first time.
    if (!this.push(indicator)) return;
    const host = indicator.urlHost;
    if (indicator.kind !== 'url' || host === undefined) return;
    if (host.kind === 'domain') {
      const platform = sharedPlatformOf(host.value);
      if (platform !== null) {
        this.dropSharedPlatform(indicator.line, host.value, platform, indicator.value);
        return;
      }
    }
    const derived: ParsedIndicator = { kind: host.kind, value: host.value, line: indicator.line };
    if (indicator.id !== undefined && indicator.id !== '') derived.id = `${indicator.id}#${host.value}`;
    if (indicator.comment !== undefined) derived.comment = indicator.comment;
    if (host.port !== undefined) derived.port = host.port;
    if (indicator.severity !== undefined) derived.severity = indicator.severity;
    derived.fromUrl = indicator.value;
    // The same host from a second URL is not a duplicate entry of the file: no skip is counted.
    if (!this.has(derived.kind, derived.value)) this.push(derived);
  }

  /**
   * `add` for a list's fast path (lists.ts): text[from, to) is a bare canonical name, block or
   * IPv6 address, with no id, comment or URL host; its string is made only when it is new.
   */
  addRange(kind: 'domain' | 'cidr' | 'ip', from: number, to: number, line: number): void {
    if (this.seenOf(kind).addRange(from, to)) this.keep(kind, this.text.slice(from, to), line, undefined);
    else this.skipped++;
  }

  /** `addRange` for a canonical dotted quad, deduplicated by its number `v4`. */
  addV4(v4: number, from: number, to: number, line: number): void {
    if (this.seenV4.putIfAbsent(v4, 0) < 0) this.keep('ip', this.text.slice(from, to), line, undefined);
    else this.skipped++;
  }

  private keep(kind: IndicatorKind, value: string, line: number, full: ParsedIndicator | undefined): void {
    this.count++;
    if (this.sink !== undefined) this.sink(kind, value, line, full);
    else this.indicators.push(full ?? { kind, value, line });
  }

  /** Records a host left out as a shared platform (a URL's host, or a name of a URLhaus host file). */
  dropSharedPlatform(
    line: number,
    host: string,
    platform: { domain: string; category: PlatformCategory },
    url?: string,
  ): void {
    const drop: SharedPlatformDrop = { line, host, platform: platform.domain, category: platform.category };
    if (url !== undefined) drop.url = url;
    this.sharedPlatformDrops.push(drop);
  }

  /** Keeps the indicator unless its kind and value came before (counted as skipped); true when kept. */
  private push(indicator: ParsedIndicator): boolean {
    if (!this.remember(indicator.kind, indicator.value)) {
      this.skipped++;
      return false;
    }
    const clean: ParsedIndicator = { kind: indicator.kind, value: indicator.value, line: indicator.line };
    if (indicator.id !== undefined && indicator.id !== '') clean.id = indicator.id;
    if (indicator.comment !== undefined && indicator.comment.trim() !== '')
      clean.comment = indicator.comment.trim();
    if (indicator.port !== undefined) clean.port = indicator.port;
    if (indicator.severity !== undefined) clean.severity = indicator.severity;
    if (indicator.fromUrl !== undefined) clean.fromUrl = indicator.fromUrl;
    this.keep(clean.kind, clean.value, clean.line, clean);
    return true;
  }

  /** The canonical IPv4 address an `ip` value is, as a number, or -1 (IPv6). */
  private v4Of(kind: string, value: string): number {
    return kind === 'ip' && parseIpInto(value, this.words) === 4 ? this.words[0] : -1;
  }

  /** True when this kind and value came before. */
  private has(kind: string, value: string): boolean {
    const v4 = this.v4Of(kind, value);
    return v4 >= 0 ? this.seenV4.get(v4) >= 0 : this.seenOf(kind).has(value);
  }

  /** Notes this kind and value; false when they came before. */
  private remember(kind: string, value: string): boolean {
    const v4 = this.v4Of(kind, value);
    if (v4 >= 0) return this.seenV4.putIfAbsent(v4, 0) < 0;
    return this.seenOf(kind).add(value);
  }

  /** Records a malformed entry; past MAX_ERRORS only counts them so a binary file cannot flood memory. */
  error(line: number, message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ file: this.file, line, message });
    else this.droppedErrors++;
  }

  /** Builds the result, adding a summary error when errors were capped. */
  result(format: FeedFormat): FeedParseResult {
    const errors = [...this.errors];
    if (this.droppedErrors > 0) {
      errors.push({
        file: this.file,
        line: errors[errors.length - 1]?.line ?? 1,
        message: msg('msg.formats.moreErrors', { n: this.droppedErrors }),
      });
    }
    const out: FeedParseResult = { format, indicators: this.indicators, errors, skipped: this.skipped };
    if (this.notes.length > 0) out.notes = [...this.notes];
    if (this.sharedPlatformDrops.length > 0) out.sharedPlatformDrops = [...this.sharedPlatformDrops];
    return out;
  }
}
