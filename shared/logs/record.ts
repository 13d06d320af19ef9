// The one record every log parser fills: who talked to whom, by which name or URL, and when. One
// instance is reused for every line of a file (a parser resets only what it sets), so reading a
// log allocates nothing per line beyond the substrings a parser cuts out.

/** What a parser made of one line. */
export const Outcome = {
  /** The line is a connection, query or request: see the record. */
  Record: 0,
  /** A header, comment or event that carries no connection (not an error). */
  Skip: 1,
  /** The line does not read as this format: counted and warned about with file:line. */
  Bad: 2,
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** Turns a record's time text into epoch milliseconds (NaN when unreadable); called only when needed. */
export interface TimeReader {
  time(rec: LogRecord): number;
}

/** One connection, DNS query or web request read from a log line. Empty string = not in the log. */
export class LogRecord {
  /** The side that opened the connection or asked the question (address text as logged). */
  src = '';
  srcPort = '';
  /** The side that was contacted. */
  dst = '';
  dstPort = '';
  /** tcp, udp, icmp... lower case. */
  proto = '';
  /** A name looked up or requested (DNS query, HTTP Host, TLS SNI, CONNECT host). */
  domain = '';
  /** A full URL where the log has one (proxy, HTTP logs). */
  url = '';
  /** The source's MAC address and host name, when the log carries them. */
  mac = '';
  hostname = '';
  /** The source address after NAT, when the log shows both. */
  natSrc = '';
  /** True when the device is the destination side (a DNS answer sent to it). */
  deviceIsDst = false;
  /** Text to keep as evidence when the line alone says little (a multi-line event); '' = the line. */
  evidence = '';
  /** Lines before this one that belong to the record (a multi-line event): evidence points at its first line. */
  spanLines = 0;
  /** The time as the log wrote it; `reader` turns it into epoch ms. */
  timeText = '';
  /** Epoch ms already known while parsing (NaN when only timeText is set). */
  timeMs = NaN;
  reader: TimeReader | null = null;
  /** Fields a parser cuts out only when the record is a hit (ports, protocol): see LazyFields. */
  lazy: LazyFields | null = null;

  /** Fills the fields a parser left for later; the hunt calls it before keeping a hit. */
  complete(): void {
    const lazy = this.lazy;
    if (lazy !== null) {
      this.lazy = null;
      lazy.fill(this);
    }
  }

  /** Clears every field (parsers call this first). */
  reset(): void {
    this.src = '';
    this.srcPort = '';
    this.dst = '';
    this.dstPort = '';
    this.proto = '';
    this.domain = '';
    this.url = '';
    this.mac = '';
    this.hostname = '';
    this.natSrc = '';
    this.deviceIsDst = false;
    this.evidence = '';
    this.spanLines = 0;
    this.timeText = '';
    this.timeMs = NaN;
    this.reader = null;
    this.lazy = null;
  }

  /** The record's time in epoch ms, NaN when the log had none or it did not read. */
  time(): number {
    if (this.timeMs === this.timeMs) return this.timeMs;
    if (this.reader === null || this.timeText === '') return NaN;
    this.timeMs = this.reader.time(this);
    return this.timeMs;
  }
}

/** A parser that leaves some fields of its last record to be cut out only if that record is a hit. */
export interface LazyFields {
  fill(rec: LogRecord): void;
}

/** What a parser's byte scanner asks of the hunt (see LineParser.quickMiss). */
export interface QuickProbe {
  /**
   * False when the IPv4 address is on no indicator, exact or block. The address is its 32 bits as
   * a signed or unsigned number (scanners pass it signed: no heap box per call).
   */
  mayMatchV4(addr: number): boolean;
  /** True when --since/--until apply: a line skipped must then have a readable time. */
  readonly timeFiltered: boolean;
}

/** A parser of one format; it may keep state across lines (a header, a multi-line event). */
export interface LineParser extends TimeReader {
  readonly format: LogFormat;
  /** Reads one line (without its line break) into `rec`. */
  parse(line: string, rec: LogRecord): Outcome;
  /** Why the last Bad line was bad, in words (bilingual), for the warning. */
  lastError?: string;
  /** Further records the same line held (several events on one line), until it answers null. */
  next?(rec: LogRecord): Outcome | null;
  /**
   * The fast path of a big log, on the line's UTF-8 bytes (without its line break): true only when
   * parse() would give one record whose lookups all miss (and, when the hunt is filtered by time,
   * whose time reads), so the line can be counted without building a string. False means "not
   * sure": the line goes through parse() as usual. Optional; must not change the parser's state.
   */
  quickMiss?(bytes: Uint8Array, start: number, end: number, probe: QuickProbe): boolean;
}

/** Every format the hunt reads; `--format NAME` takes these names. */
export const LOG_FORMATS = [
  'windows-firewall',
  'windows-dns',
  'windows-event-xml',
  'windows-event-csv',
  'zeek',
  'suricata',
  'squid',
  'fortigate',
  'sophos',
  'filterlog',
  'mikrotik',
  'cisco-asa',
  'bind',
  'unbound',
  'dnsmasq',
  'syslog',
  'csv',
] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** How times without a zone are read, and which year a syslog date without one falls in. */
export interface TimeContext {
  /** Minutes east of UTC for local-time logs; null = this computer's zone. */
  offsetMinutes: number | null;
  /** Epoch ms near the log's end (its file's modification time): a syslog date after it is last year. */
  referenceMs: number;
}
