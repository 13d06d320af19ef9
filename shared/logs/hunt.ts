// The hunt: records read from logs → indicator lookups → one entry per internal device with
// every indicator it contacted, when, how often, on which ports, with evidence lines. Memory
// grows with what was found (devices × indicators, at most 20 evidence lines each), never with
// the log's size. A hunt over many files (or worker threads) folds partial results with merge().
//
// Which side is the device: the side that is not the indicator. A destination on the feed makes
// the source the device; a source on the feed (an inbound connection from a listed address)
// makes the destination the device; a name or URL on the feed makes the asking side the device
// (the destination for a DNS answer). The allow-list is the index's: an allowed address or name
// never matches.
import type { Indicator, IndicatorKind, ParseIssue } from '../domain';
import { parseIpInto } from '../net/ip';
import { Outcome } from './record';
import type { LineParser, LogRecord, QuickProbe } from './record';
import { urlHost } from './url';
import { bilingual } from '../i18n';

/** What the hunt asks of the indicator index. */
export interface LogMatcher {
  matchAddress(addr: string): Indicator | null;
  matchDomain(name: string): Indicator | null;
  /**
   * Full-URL indicators (IndicatorIndex.matchUrl: the exact canonical URL, so a URL on a shared
   * platform flags that URL only). Optional for matchers without URL indicators; either way the
   * URL's host is also looked up in the address and domain tables.
   */
  matchUrl?(url: string): Indicator | null;
  /**
   * False when an IPv4 address (its 32 bits, signed or unsigned) is on no indicator (IndicatorIndex.mayMatchV4);
   * true means "ask matchAddress". Optional: without it every line goes through the full parser.
   */
  mayMatchV4?(addr: number): boolean;
}

/**
 * The index's id path (IndicatorIndex has it): matchDomain as an entry number and its canonical
 * value; the indicator is built (domainIndicator) only when a device meets it for the first time.
 */
interface DomainIds {
  lookupDomainId(name: string): number;
  domainValue(id: number): string;
  domainIndicator(id: number): Indicator;
}

function domainIdsOf(m: LogMatcher): DomainIds | null {
  const x = m as LogMatcher & Partial<DomainIds>;
  return typeof x.lookupDomainId === 'function' &&
    typeof x.domainValue === 'function' &&
    typeof x.domainIndicator === 'function'
    ? (x as LogMatcher & DomainIds)
    : null;
}

/** The kinds a hunt reports. */
export type HuntIndicatorKind = IndicatorKind | 'url';

/** One indicator as one device met it. */
export interface HuntHit {
  indicator: string;
  kind: HuntIndicatorKind;
  source: string;
  count: number;
  /** How many of `count` were connections opened from the indicator's side. */
  inbound: number;
  firstMs: number | null;
  lastMs: number | null;
  ports: string[];
  protocols: string[];
}

/** A line kept as evidence: where it is and what it said. */
export interface HuntEvidence {
  file: string;
  line: number;
  text: string;
}

/** One internal device and what it contacted. */
export interface HuntDevice {
  address: string;
  mac?: string;
  hostname?: string;
  /** Its address after NAT, when the log showed one. */
  translated: string[];
  count: number;
  hits: HuntHit[];
  evidence: HuntEvidence[];
}

/** What one file gave. */
export interface HuntFile {
  path: string;
  format: string;
  bytes: number;
  lines: number;
  records: number;
  /** Lines that did not read as the format (each warned about, at most 50 shown). */
  skipped: number;
}

/** A hunt's result before it is worded for a person; plain data (crosses worker threads). */
export interface HuntPartial {
  devices: HuntDevice[];
  files: HuntFile[];
  warnings: ParseIssue[];
  warningCount: number;
  /** Records left out by --since/--until because they had no readable time. */
  undated: number;
}

export const MAX_EVIDENCE = 20;
export const MAX_WARNINGS = 50;
const MAX_PORTS = 20;
const MAX_EVIDENCE_CHARS = 400;
const words = new Uint32Array(4);

interface Filter {
  sinceMs?: number;
  untilMs?: number;
}

/** A string that shares no storage with a larger one (V8 keeps the parent of a slice alive). */
function copyString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function addSmall(list: string[], v: string, max: number): void {
  if (v !== '' && list.length < max && !list.includes(v)) list.push(v);
}

/** Collects what records show; one per hunt (or per worker, merged after). */
export class Hunt implements QuickProbe {
  private readonly devices = new Map<string, HuntDevice>();
  private readonly hitIndex = new Map<HuntDevice, Map<string, HuntHit>>();
  readonly files: HuntFile[] = [];
  readonly warnings: ParseIssue[] = [];
  warningCount = 0;
  undated = 0;
  private readonly filtered: boolean;
  private readonly since: number;
  private readonly until: number;
  /** The device the line being considered has already been counted for (one line, one contact). */
  private lineDevice: HuntDevice | null = null;

  private readonly ids: DomainIds | null;

  constructor(
    private readonly matcher: LogMatcher,
    filter: Filter = {},
  ) {
    this.ids = domainIdsOf(matcher);
    this.since = filter.sinceMs ?? -Infinity;
    this.until = filter.untilMs ?? Infinity;
    this.filtered = filter.sinceMs !== undefined || filter.untilMs !== undefined;
  }

  /** True when --since/--until apply (QuickProbe). */
  get timeFiltered(): boolean {
    return this.filtered;
  }

  /** True when parsers' byte scanners may be used: the matcher can rule IPv4 addresses out. */
  get canProbe(): boolean {
    return this.matcher.mayMatchV4 !== undefined;
  }

  /** QuickProbe: false when the address is on no indicator. */
  mayMatchV4(addr: number): boolean {
    const m = this.matcher;
    return m.mayMatchV4 === undefined || m.mayMatchV4(addr);
  }

  /** Notes a line that did not read (kept up to MAX_WARNINGS, all counted). */
  warn(file: string, line: number, message: string): void {
    this.warningCount++;
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push({ file, line, message });
  }

  /** Looks up one record; `line` is its text (for evidence) and `lineNo` its 1-based line. */
  consider(rec: LogRecord, file: string, lineNo: number, line: string): void {
    this.lineDevice = null;
    if (this.filtered) {
      const t = rec.time();
      if (t !== t) {
        this.undated++;
        return;
      }
      if (t < this.since || t > this.until) return;
    }
    const m = this.matcher;
    // Addresses first: the destination, then (only if it is not listed) the source.
    let addrHit: Indicator | null = null;
    if (rec.dst !== '') {
      addrHit = m.matchAddress(rec.dst);
      if (addrHit !== null) {
        rec.complete();
        this.recordHit(rec, addrHit, -1, false, false, rec.dstPort, file, lineNo, line);
      } else if (rec.src !== '') {
        addrHit = m.matchAddress(rec.src);
        if (addrHit !== null) {
          rec.complete();
          this.recordHit(rec, addrHit, -1, true, true, rec.dstPort, file, lineNo, line);
        }
      }
    }
    if (rec.domain === '' && rec.url === '') return;
    rec.complete();
    // The remote side's port: the destination's, or the source's when the device got an answer.
    const port = rec.deviceIsDst ? rec.srcPort : rec.dstPort;
    // Without a domain field a full URL's host stands for it.
    const name = rec.domain !== '' ? rec.domain : rec.url !== '' ? urlHost(rec.url) : '';
    // A full URL (proxy and HTTP logs) is looked up as it is, and its host as a name as well:
    // the URL indicator and its host's indicator are both reported, the line counted once.
    if (rec.url !== '' && m.matchUrl) {
      const u = m.matchUrl(rec.url);
      if (u !== null) this.recordHit(rec, u, -1, rec.deviceIsDst, false, port, file, lineNo, line);
    }
    if (name === '') return;
    const ids = this.ids;
    if (ids !== null && parseIpInto(name, words) === 0) {
      // A name through the index's id path: never the address already recorded for this line
      // (matchAddress never answers with a domain), and no Indicator unless the hit is new.
      const id = ids.lookupDomainId(name);
      if (id >= 0) this.recordHit(rec, null, id, rec.deviceIsDst, false, port, file, lineNo, line);
      return;
    }
    const nameHit = this.matchName(name);
    // One line is one contact: a CONNECT to a listed address is not counted twice.
    if (
      nameHit !== null &&
      !(addrHit !== null && addrHit.kind === nameHit.kind && addrHit.value === nameHit.value)
    )
      this.recordHit(rec, nameHit, -1, rec.deviceIsDst, false, port, file, lineNo, line);
  }

  private matchName(name: string): Indicator | null {
    if (name === '') return null;
    return parseIpInto(name, words) === 0 ? this.matcher.matchDomain(name) : this.matcher.matchAddress(name);
  }

  /** Records a hit on the indicator `ind`, or (when null) on domain entry `domainId` of the index. */
  private recordHit(
    rec: LogRecord,
    ind: Indicator | null,
    domainId: number,
    deviceIsDst: boolean,
    inbound: boolean,
    port: string,
    file: string,
    lineNo: number,
    line: string,
  ): void {
    rec.complete();
    const address = deviceIsDst ? rec.dst : rec.src;
    const key = address !== '' ? address : rec.hostname;
    if (key === '') return;
    let dev = this.devices.get(key);
    if (dev === undefined) {
      dev = { address: copyString(key), translated: [], count: 0, hits: [], evidence: [] };
      this.devices.set(dev.address, dev);
      this.hitIndex.set(dev, new Map());
    }
    if (!deviceIsDst) {
      if (rec.mac !== '' && dev.mac === undefined) dev.mac = rec.mac.toLowerCase();
      if (rec.hostname !== '' && dev.hostname === undefined) dev.hostname = rec.hostname;
      addSmall(dev.translated, rec.natSrc, MAX_PORTS);
    }
    const hits = this.hitIndex.get(dev) as Map<string, HuntHit>;
    const kind: HuntIndicatorKind = ind !== null ? ind.kind : 'domain';
    const value = ind !== null ? ind.value : (this.ids as DomainIds).domainValue(domainId);
    const hitKey = `${kind}:${value}`;
    let hit = hits.get(hitKey);
    if (hit === undefined) {
      hit = {
        indicator: value,
        kind,
        source: (ind ?? (this.ids as DomainIds).domainIndicator(domainId)).source,
        count: 0,
        inbound: 0,
        firstMs: null,
        lastMs: null,
        ports: [],
        protocols: [],
      };
      hits.set(hitKey, hit);
      dev.hits.push(hit);
    }
    hit.count++;
    const again = this.lineDevice === dev;
    this.lineDevice = dev;
    if (!again) dev.count++;
    if (inbound) hit.inbound++;
    const t = rec.time();
    if (t === t) {
      if (hit.firstMs === null || t < hit.firstMs) hit.firstMs = t;
      if (hit.lastMs === null || t > hit.lastMs) hit.lastMs = t;
    }
    addSmall(hit.ports, port, MAX_PORTS);
    addSmall(hit.protocols, rec.proto, 8);
    if (!again && dev.evidence.length < MAX_EVIDENCE) {
      // A copy: a slice would keep the reader's whole chunk of the file alive.
      const text = copyString(rec.evidence !== '' ? rec.evidence : line);
      dev.evidence.push({
        file,
        line: lineNo - rec.spanLines,
        text: text.length > MAX_EVIDENCE_CHARS ? `${text.slice(0, MAX_EVIDENCE_CHARS)}…` : text,
      });
    }
  }

  /** The result so far, as plain data. */
  partial(): HuntPartial {
    return {
      devices: [...this.devices.values()],
      files: this.files,
      warnings: this.warnings,
      warningCount: this.warningCount,
      undated: this.undated,
    };
  }

  /** Folds another hunt's partial result (another file's worker) into this one. */
  merge(p: HuntPartial): void {
    this.files.push(...p.files);
    for (const w of p.warnings) if (this.warnings.length < MAX_WARNINGS) this.warnings.push(w);
    this.warningCount += p.warningCount;
    this.undated += p.undated;
    for (const d of p.devices) {
      let dev = this.devices.get(d.address);
      if (dev === undefined) {
        dev = { address: d.address, translated: [], count: 0, hits: [], evidence: [] };
        this.devices.set(d.address, dev);
        this.hitIndex.set(dev, new Map());
      }
      if (d.mac !== undefined && dev.mac === undefined) dev.mac = d.mac;
      if (d.hostname !== undefined && dev.hostname === undefined) dev.hostname = d.hostname;
      for (const t of d.translated) addSmall(dev.translated, t, MAX_PORTS);
      dev.count += d.count;
      for (const e of d.evidence) if (dev.evidence.length < MAX_EVIDENCE) dev.evidence.push(e);
      const hits = this.hitIndex.get(dev) as Map<string, HuntHit>;
      for (const h of d.hits) {
        const key = `${h.kind}:${h.indicator}`;
        const mine = hits.get(key);
        if (mine === undefined) {
          const copy = { ...h, ports: [...h.ports], protocols: [...h.protocols] };
          hits.set(key, copy);
          dev.hits.push(copy);
          continue;
        }
        mine.count += h.count;
        mine.inbound += h.inbound;
        if (h.firstMs !== null && (mine.firstMs === null || h.firstMs < mine.firstMs))
          mine.firstMs = h.firstMs;
        if (h.lastMs !== null && (mine.lastMs === null || h.lastMs > mine.lastMs)) mine.lastMs = h.lastMs;
        for (const p of h.ports) addSmall(mine.ports, p, MAX_PORTS);
        for (const p of h.protocols) addSmall(mine.protocols, p, 8);
      }
    }
  }
}

/** Feeds lines to a parser and the hunt; the Node reader and the tests both drive files through this. */
export class FileHunt {
  lines = 0;
  records = 0;
  skipped = 0;

  constructor(
    private readonly hunt: Hunt,
    private readonly parser: LineParser,
    private readonly file: string,
    private readonly rec: LogRecord,
  ) {
    this.quickOk = parser.quickMiss !== undefined && hunt.canProbe;
  }

  private readonly quickOk: boolean;

  /**
   * One line as UTF-8 bytes (without its line break), for big logs: true when it was counted here
   * (a record that matches nothing: the parser's quickMiss), false when the caller must decode it
   * and hand it to line().
   */
  quick(bytes: Uint8Array, start: number, end: number): boolean {
    if (!this.quickOk || this.parser.quickMiss?.(bytes, start, end, this.hunt) !== true) return false;
    this.lines++;
    this.records++;
    return true;
  }

  /** One line (without its line break). */
  line(text: string): void {
    const n = ++this.lines;
    const p = this.parser;
    let out: Outcome | null = p.parse(text, this.rec);
    while (out !== null) {
      if (out === Outcome.Record) {
        this.records++;
        this.hunt.consider(this.rec, this.file, n, text);
      } else if (out === Outcome.Bad) {
        this.skipped++;
        this.hunt.warn(this.file, n, p.lastError ?? bilingual('msg.log.unreadableLine'));
      }
      out = p.next ? p.next(this.rec) : null;
    }
  }
}
