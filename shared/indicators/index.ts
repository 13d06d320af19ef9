// The indicator index: every campaign indicator (IP, CIDR block, domain, URL) in compact tables,
// so a scan can ask "is this address / name listed?" for thousands of connections and DNS records
// without walking the feed. URLs are looked up only by matchUrl (exact canonical URL, for proxy
// logs): matchAddress, matchDomain and match never answer with a URL indicator.
//
// Complexity, with n indicators:
// - build: O(n) hashing plus O(b log b) to sort the b IPv4 blocks. Memory: typed arrays (hash
//   slots, flattened segments, a metadata class per indicator: source, severity) plus one string
//   per indicator that is not an exact IPv4 address. Exact IPv4 addresses, most of a feed, keep
//   only key and class in their hash slot; the value is rebuilt from the key on a hit. Ids and
//   comments are stored only when the id is not `${kind}:${value}` or a comment exists.
// - matchAddress: parse O(length of text); IPv4 exact O(1) (hash), then IPv4 blocks by a /16
//   jump table and a binary search over that /16's segments (O(log b) at worst); IPv6 exact O(1),
//   then one hash probe per IPv6 prefix length that a block with the same first 32 bits has
//   (≤ 129, usually 0 or 1). The allow-list is checked the same way first. No step walks the list.
// - matchDomain: canonicalise, hash every label-starting suffix in one pass, then one probe per
//   label (most specific first), after the same walk over the allow-list; no substrings built.
// - matchUrl: canonicalise (O(length)), one Map probe. The allow-list applies to the URL's host.
//
// Rules: the allow-list wins (an allowed address, address inside an allowed block, or name under
// an allowed domain never matches). Loopback and private addresses are not exempt. When the same
// canonical value comes twice, the first indicator is kept. An indicator whose value is neither
// an address, a block nor a domain is counted in stats.rejected and otherwise ignored (the feed
// parsers report bad lines to the user; this is only a safety net).

import type { Indicator } from '../domain';
import type { AllowEntry as FeedAllowEntry } from '../campaign-feed/campaign-feed';
import { canonicalDomain } from '../net/domain';
import { parseCanonicalUrl } from '../net/url';
import { formatIpv4, formatIpv6, parseCidrNumeric, parseIpInto } from '../net/ip';
import { AddressTable, Hit } from './address-table';
import type { AddressTableShape } from './address-table';
import { DomainTable, NameQuery } from './domain-table';
import type { DomainTableShape } from './domain-table';
import { packStrings, toSharedMemory, unpackString } from './shared-memory';
import type { PackedStrings } from './shared-memory';

/** One allow-list entry: an address, a block or a domain that must never be flagged (the feed's shape). */
export type AllowEntry = Pick<FeedAllowEntry, 'type' | 'value'>;

/** What the index holds, for the feed screen and the logs. */
export interface IndicatorIndexStats {
  ipv4: number;
  ipv6: number;
  cidr4: number;
  cidr6: number;
  domains: number;
  /** URL indicators (matched only by matchUrl). */
  urls: number;
  /** Allow-list entries in force. */
  allowed: number;
  /** Indicators dropped because the same canonical value came before. */
  duplicates: number;
  /** Indicators (and allow entries) whose value was not an address, block or domain. */
  rejected: number;
  /** Up to ten rejected values, verbatim, to show where a feed went wrong. */
  rejectedSamples: string[];
  /** Feed names, in the order they first appeared. */
  sources: string[];
  /** Bytes held by the numeric tables (strings and maps not counted). */
  tableBytes: number;
}

const SEVERITIES = [undefined, 'low', 'medium', 'high', 'critical'] as const;
type Severity = NonNullable<Indicator['severity']>;
const SEVERITY_CODE: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };
const MAX_SAMPLES = 10;
// Per-entry metadata packed in one 32-bit word: source number << 4 | severity code << 1 | has-extra.
const HAS_EXTRA = 1;
const SOURCE_SHIFT = 4;

/** True when `id` is exactly `${kind}:${value}`, checked without building that string. */
function isDefaultId(id: string, kind: string, value: string): boolean {
  return (
    id.length === kind.length + 1 + value.length &&
    id.charCodeAt(kind.length) === 58 &&
    id.startsWith(kind) &&
    id.endsWith(value)
  );
}

/** A dotted quad with nothing around it is already canonical (the IPv4 parser is strict). */
function isBareV4(value: string): boolean {
  return value.indexOf(':') < 0 && value.charCodeAt(0) > 32 && value.charCodeAt(value.length - 1) > 32;
}

interface Extra {
  id: string;
  comment?: string;
}

/**
 * An index in shared memory, for worker threads (IndicatorIndex.share / fromShared): its numeric
 * tables as typed arrays over SharedArrayBuffers, its strings packed, and the few small parts
 * (URL indicators, ids and comments that differ from the default, sources) as plain lists.
 * Structured clone (workerData, postMessage) passes the shared buffers by reference.
 */
export interface SharedIndexShape {
  ind: AddressTableShape;
  allowAddr: AddressTableShape;
  domains: DomainTableShape;
  allowDomains: DomainTableShape;
  allowAddrCount: number;
  values: PackedStrings;
  metaIndex: Uint8Array | Uint16Array | Uint32Array;
  metaClasses: number[];
  urls: [string, number][];
  extras: [number, Extra][];
  v4Extras: [number, Extra][];
  sources: string[];
  duplicates: number;
  rejected: number;
  rejectedSamples: string[];
}

/** What a reader of full URLs (proxy logs) needs of the index. */
export interface UrlMatcher {
  matchUrl(url: string): Indicator | null;
}

/** Sub-linear lookup of addresses and domain names against campaign indicators, with an allow-list. */
export class IndicatorIndex implements UrlMatcher {
  private ind = new AddressTable();
  private allowAddr = new AddressTable();
  private domains = new DomainTable();
  private allowDomains = new DomainTable();
  private readonly nameQuery = new NameQuery();
  /** Entry number of each URL indicator, by canonical URL. */
  private urls = new Map<string, number>();
  private allowAddrCount = 0;
  /**
   * Canonical value per entry (exact IPv4 addresses have no entry; see add). An index wrapped from
   * shared memory starts with none and decodes an entry's value from `packedValues` on its first hit.
   */
  private values: (string | undefined)[] = [];
  private packedValues: PackedStrings | null = null;
  private shape: SharedIndexShape | null = null;
  /**
   * Metadata per entry, as an index into `metaClasses` (distinct packed words: source, severity,
   * has-extra; see HAS_EXTRA, SOURCE_SHIFT). Feeds have few such combinations, so this is one
   * byte per indicator, small enough to stay in cache; a plain array while building.
   */
  private metaIndex: Uint8Array | Uint16Array | Uint32Array = new Uint8Array(0);
  private metaList: number[] = [];
  private metaClasses: number[] = [];
  private readonly metaClassOf = new Map<number, number>();
  private extras = new Map<number, Extra>();
  /** Ids and comments of exact IPv4 indicators that have them, by address. */
  private v4Extras = new Map<number, Extra>();
  private sources: string[] = [];
  private readonly sourceIndex = new Map<string, number>();
  private lastSource: string | null = null;
  private lastSourceId = 0;
  private lastMeta = -1;
  private lastMetaClass = 0;
  private pendingExtra: Extra | null = null;
  private readonly words = new Uint32Array(4);
  private duplicates = 0;
  private rejected = 0;
  private rejectedSamples: string[] = [];
  private statsCache: IndicatorIndexStats | null = null;

  private constructor() {}

  /** Builds the index from indicators (any iterable, consumed once) and an optional allow-list. */
  static build(indicators: Iterable<Indicator>, allow?: Iterable<AllowEntry>): IndicatorIndex {
    const index = new IndicatorIndex();
    for (const ind of indicators) index.add(ind);
    if (allow) for (const a of allow) index.addAllow(a);
    for (const e of index.ind.finish()) index.dropEntry(e);
    index.allowAddr.finish();
    const classes = index.metaClasses.length;
    index.metaIndex =
      classes <= 256
        ? Uint8Array.from(index.metaList)
        : classes <= 65536
          ? Uint16Array.from(index.metaList)
          : Uint32Array.from(index.metaList);
    index.metaList = [];
    return index;
  }

  /**
   * Moves the index's tables into shared memory (the first call; they are not copied again) and
   * describes them for IndicatorIndex.fromShared in another thread. This index keeps answering
   * from the same memory.
   */
  share(): SharedIndexShape {
    if (this.shape) return this.shape;
    this.metaIndex = toSharedMemory(this.metaIndex);
    this.packedValues = packStrings(this.values);
    this.shape = {
      ind: this.ind.share(),
      allowAddr: this.allowAddr.share(),
      domains: this.domains.share(),
      allowDomains: this.allowDomains.share(),
      allowAddrCount: this.allowAddrCount,
      values: this.packedValues,
      metaIndex: this.metaIndex,
      metaClasses: [...this.metaClasses],
      urls: [...this.urls],
      extras: [...this.extras],
      v4Extras: [...this.v4Extras],
      sources: [...this.sources],
      duplicates: this.duplicates,
      rejected: this.rejected,
      rejectedSamples: [...this.rejectedSamples],
    };
    return this.shape;
  }

  /**
   * An index over the memory of one that another thread shared: the same answers, no table
   * rebuilt or copied (only the URL indicators and the non-default ids and comments, small lists,
   * are made into maps again). Strings are decoded on the first hit that needs each.
   */
  static fromShared(s: SharedIndexShape): IndicatorIndex {
    const index = new IndicatorIndex();
    index.ind = AddressTable.fromShared(s.ind);
    index.allowAddr = AddressTable.fromShared(s.allowAddr);
    index.domains = DomainTable.fromShared(s.domains);
    index.allowDomains = DomainTable.fromShared(s.allowDomains);
    index.allowAddrCount = s.allowAddrCount;
    index.packedValues = s.values;
    index.values = new Array<string | undefined>(s.values.offsets.length - 1);
    index.metaIndex = s.metaIndex;
    index.metaClasses = s.metaClasses;
    index.urls = new Map(s.urls);
    index.extras = new Map(s.extras);
    index.v4Extras = new Map(s.v4Extras);
    index.sources = s.sources;
    index.duplicates = s.duplicates;
    index.rejected = s.rejected;
    index.rejectedSamples = s.rejectedSamples;
    index.shape = s;
    return index;
  }

  /** Number of distinct indicators held. */
  get size(): number {
    const s = this.stats;
    return s.ipv4 + s.ipv6 + s.cidr4 + s.cidr6 + s.domains + s.urls;
  }

  /** Counts by kind, duplicates, rejects, sources and table memory. */
  get stats(): IndicatorIndexStats {
    if (this.statsCache) return this.statsCache;
    this.statsCache = {
      ipv4: this.ind.v4.size,
      ipv6: this.ind.v6.size,
      cidr4: this.ind.v4Blocks.size,
      cidr6: this.ind.v6BlockCount,
      domains: this.domains.size,
      urls: this.urls.size,
      allowed: this.allowAddrCount + this.allowDomains.size,
      duplicates: this.duplicates,
      rejected: this.rejected,
      rejectedSamples: [...this.rejectedSamples],
      sources: [...this.sources],
      tableBytes:
        this.ind.bytes +
        this.allowAddr.bytes +
        this.domains.bytes +
        this.allowDomains.bytes +
        this.metaIndex.byteLength,
    };
    return this.statsCache;
  }

  /**
   * The indicator an address (any textual form: brackets, zone id, mapped IPv6) falls under, or
   * null. Each call returns a new object.
   */
  matchAddress(addr: string): Indicator | null {
    const w = this.words;
    const family = parseIpInto(addr, w);
    if (family === 4) {
      const a = w[0];
      if (this.allowAddrCount > 0 && this.allowAddr.lookup4(a) !== Hit.None) return null;
      const hit = this.ind.lookup4(a);
      if (hit === Hit.None) return null;
      return hit === Hit.Exact
        ? this.v4Indicator(a, this.ind.entry)
        : this.indicatorAt(this.ind.entry, 'cidr');
    }
    if (family === 6) {
      const a = w[0];
      const b = w[1];
      const c = w[2];
      const d = w[3];
      if (this.allowAddrCount > 0 && this.allowAddr.lookup6(a, b, c, d) !== Hit.None) return null;
      const hit = this.ind.lookup6(a, b, c, d);
      if (hit === Hit.None) return null;
      return this.indicatorAt(this.ind.entry, hit === Hit.Exact ? 'ip' : 'cidr');
    }
    return null;
  }

  /**
   * False when the IPv4 address (its 32 bits, as a signed or unsigned number) is on no indicator,
   * exact or block: the log
   * hunt's byte scanner skips such lines without building a string. True means "ask matchAddress"
   * (the allow-list is left to it).
   */
  mayMatchV4(addr: number): boolean {
    return this.ind.lookup4(addr) !== Hit.None;
  }

  /** The most specific domain indicator a name is (or is under), or null; case, trailing dot and IDN folded. */
  matchDomain(name: string): Indicator | null {
    const e = this.lookupDomainId(name);
    return e >= 0 ? this.indicatorAt(e, 'domain') : null;
  }

  /**
   * matchDomain without building the answer: the entry number of the most specific domain
   * indicator a name is (or is under), or -1 (no match, allow-listed, or not a name). Building the
   * `Indicator` is about a fifth of a lookup, so hot callers (the scan's matching, the hunt) look up
   * the number and call domainIndicator / domainValue only for the hits they keep. An entry number
   * is valid for this index only.
   */
  lookupDomainId(name: string): number {
    // Plain ASCII names (nearly all) are read and hashed in one pass, without building strings.
    const q = this.nameQuery;
    const read = q.read(name);
    if (read === 0) return -1;
    if (read === 1) {
      if (this.allowDomains.size > 0 && this.allowDomains.lookupQuery(q) >= 0) return -1;
      return this.domains.lookupQuery(q);
    }
    const canonical = canonicalDomain(name);
    if (canonical === null) return -1;
    if (this.allowDomains.size > 0 && this.allowDomains.lookupSuffixes(canonical) >= 0) return -1;
    return this.domains.lookupSuffixes(canonical);
  }

  /** The indicator of an entry number from lookupDomainId (a new object, as matchDomain returns). */
  domainIndicator(id: number): Indicator {
    return this.indicatorAt(id, 'domain');
  }

  /** The canonical domain of an entry number from lookupDomainId, without building the indicator. */
  domainValue(id: number): string {
    return this.valueAt(id);
  }

  /** The canonical value of an entry (decoded from shared memory on first use). */
  private valueAt(entry: number): string {
    const v = this.values[entry];
    if (v !== undefined) return v;
    const decoded = unpackString(this.packedValues!, entry);
    this.values[entry] = decoded;
    return decoded;
  }

  /**
   * The URL indicator a URL (any spelling: case, IDN, default port, fragment) is exactly, or
   * null. A URL whose host is allow-listed never matches.
   */
  matchUrl(url: string): Indicator | null {
    if (this.urls.size === 0) return null;
    const parsed = parseCanonicalUrl(url);
    if (parsed === null) return null;
    const e = this.urls.get(parsed.url);
    if (e === undefined) return null;
    if (this.allowAddrCount > 0 || this.allowDomains.size > 0) {
      const host = parsed.host.value;
      const w = this.words;
      const family = parsed.host.kind === 'ip' ? parseIpInto(host, w) : 0;
      const allowed =
        family === 4
          ? this.allowAddr.lookup4(w[0]) !== Hit.None
          : family === 6
            ? this.allowAddr.lookup6(w[0], w[1], w[2], w[3]) !== Hit.None
            : this.allowDomains.lookupSuffixes(host) >= 0;
      if (allowed) return null;
    }
    return this.indicatorAt(e, 'url');
  }

  /** matchAddress for address text, matchDomain for anything else (never a URL indicator). */
  match(text: string): Indicator | null {
    return parseIpInto(text, this.words) === 0 ? this.matchDomain(text) : this.matchAddress(text);
  }

  /** Rebuilds the indicator of an exact IPv4 address from its key and metadata class. */
  private v4Indicator(addr: number, metaClass: number): Indicator {
    const meta = this.metaClasses[metaClass];
    return this.indicator(
      'ip',
      formatIpv4(addr),
      meta,
      meta & HAS_EXTRA ? this.v4Extras.get(addr) : undefined,
    );
  }

  /** Rebuilds the indicator of a numbered entry (IPv6 address, block or domain). */
  private indicatorAt(entry: number, kind: Indicator['kind']): Indicator {
    // A one-byte metadata class and the value string; extras only where the feed had them.
    const meta = this.metaClasses[this.metaIndex[entry]];
    return this.indicator(
      kind,
      this.valueAt(entry),
      meta,
      meta & HAS_EXTRA ? this.extras.get(entry) : undefined,
    );
  }

  private indicator(
    kind: Indicator['kind'],
    value: string,
    meta: number,
    extra: Extra | undefined,
  ): Indicator {
    // A new object per call (a cache of recent answers was tried: with many distinct hits it
    // cost more in GC than it saved).
    const out: Indicator = {
      id: extra ? extra.id : `${kind}:${value}`,
      kind,
      value,
      source: this.sources[meta >>> SOURCE_SHIFT],
    };
    if (extra?.comment !== undefined) out.comment = extra.comment;
    const severity = SEVERITIES[(meta >>> 1) & 7];
    if (severity !== undefined) out.severity = severity;
    return out;
  }

  private sourceId(source: string): number {
    // Feeds come one after another, so the last source answers almost every call.
    if (source === this.lastSource) return this.lastSourceId;
    let id = this.sourceIndex.get(source);
    if (id === undefined) {
      id = this.sources.length;
      this.sources.push(source);
      this.sourceIndex.set(source, id);
    }
    this.lastSource = source;
    this.lastSourceId = id;
    return id;
  }

  private add(ind: Indicator): void {
    const entry = this.values.length;
    const w = this.words;
    const raw = ind.value;
    let kind: Indicator['kind'];
    let value: string;
    if (ind.kind === 'url') {
      const url = parseCanonicalUrl(raw)?.url;
      if (url === undefined) return this.reject(raw);
      if (this.urls.has(url)) return this.duplicate();
      this.urls.set(url, entry);
      this.metaList.push(this.metaOf(ind, 'url', url));
      this.values.push(url);
      if (this.pendingExtra) this.extras.set(entry, this.pendingExtra);
      return;
    }
    // The feed's kind only picks which parser runs first: a domain is never an address or a
    // block, so the answer is the same either way.
    const domainFirst = ind.kind === 'domain' ? canonicalDomain(raw) : null;
    const family = domainFirst === null ? parseIpInto(raw, w) : 0;
    if (family === 4) {
      // Exact IPv4 addresses (most of a feed) get no entry number: the hash slot holds their
      // metadata class, and the value is rebuilt from the key, so a hit reads two arrays.
      const a = w[0];
      const text = isBareV4(raw) ? raw : formatIpv4(a);
      const metaClass = this.metaOf(ind, 'ip', text);
      if (this.ind.addAddress(4, w, metaClass) >= 0) return this.duplicate();
      if (this.pendingExtra) this.v4Extras.set(a, this.pendingExtra);
      return;
    }
    if (family === 6) {
      kind = 'ip';
      if (this.ind.addAddress(6, w, entry) >= 0) return this.duplicate();
      value = formatIpv6(w);
    } else {
      const block = domainFirst === null ? parseCidrNumeric(raw) : null;
      if (block) {
        kind = 'cidr';
        if (this.ind.addBlock(block, entry) >= 0) return this.duplicate();
        value =
          block.family === 4
            ? `${formatIpv4(block.value)}/${block.prefix}`
            : `${formatIpv6(block.words)}/${block.prefix}`;
      } else {
        const domain = domainFirst ?? (ind.kind === 'domain' ? null : canonicalDomain(raw));
        if (domain === null) return this.reject(raw);
        kind = 'domain';
        if (this.domains.putIfAbsent(domain, entry) >= 0) return this.duplicate();
        value = domain;
      }
    }
    this.metaList.push(this.metaOf(ind, kind, value));
    this.values.push(value);
    if (this.pendingExtra) this.extras.set(entry, this.pendingExtra);
  }

  /**
   * The metadata class of an indicator (source, severity, has-extra); leaves its own id and
   * comment, if it has any, in pendingExtra (a field, not a returned pair: this runs a million times).
   */
  private metaOf(ind: Indicator, kind: Indicator['kind'], value: string): number {
    const severity = ind.severity ? SEVERITY_CODE[ind.severity] : 0;
    const hasExtra = !isDefaultId(ind.id, kind, value) || ind.comment !== undefined;
    const meta =
      ((this.sourceId(ind.source) << SOURCE_SHIFT) | (severity << 1) | (hasExtra ? HAS_EXTRA : 0)) >>> 0;
    // Consecutive indicators of a feed nearly always share their class.
    let metaClass = meta === this.lastMeta ? this.lastMetaClass : this.metaClassOf.get(meta);
    if (metaClass === undefined) {
      metaClass = this.metaClasses.length;
      this.metaClasses.push(meta);
      this.metaClassOf.set(meta, metaClass);
    }
    this.lastMeta = meta;
    this.lastMetaClass = metaClass;
    if (!hasExtra) {
      this.pendingExtra = null;
      return metaClass;
    }
    const extra: Extra = { id: ind.id };
    if (ind.comment !== undefined) extra.comment = ind.comment;
    this.pendingExtra = extra;
    return metaClass;
  }

  private addAllow(a: AllowEntry): void {
    const w = this.words;
    const family = parseIpInto(a.value, w);
    if (family !== 0) {
      if (this.allowAddr.addAddress(family, w, 0) < 0) this.allowAddrCount++;
      return;
    }
    const block = parseCidrNumeric(a.value);
    if (block) {
      this.allowAddr.addBlock(block, 0);
      this.allowAddrCount++;
      return;
    }
    const domain = canonicalDomain(a.value);
    if (domain === null) this.reject(a.value);
    else this.allowDomains.putIfAbsent(domain, 0);
  }

  /** An IPv4 block found to be a duplicate only when the blocks were flattened. */
  private dropEntry(entry: number): void {
    this.duplicates++;
    this.extras.delete(entry);
  }

  private duplicate(): void {
    this.duplicates++;
  }

  private reject(value: string): void {
    this.rejected++;
    if (this.rejectedSamples.length < MAX_SAMPLES) this.rejectedSamples.push(value);
  }
}
