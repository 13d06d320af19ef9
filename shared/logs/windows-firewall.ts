// Windows Defender Firewall log (pfirewall.log), W3C extended style:
//   #Version: 1.5
//   #Software: Microsoft Windows Firewall
//   #Time Format: Local
//   #Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path [pid]
//   2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 203.0.113.9 51514 443 0 - 0 0 0 - - - SEND 4728
// Windows 10 1903 and later add the pid column; older systems end at path. The #Fields line
// decides the columns; without one (a fragment), the classic order is assumed. Times are local
// time of the PC that wrote the log. This parser is the hot path of the benchmark: it finds
// fields by scanning for spaces and cuts out only the addresses and ports it needs; quickMiss
// does the same on the file's bytes and counts a line whose two IPv4 addresses are on no
// indicator without building any string (most lines of a log); anything else goes to parse().
import { Outcome } from './record';
import type { LazyFields, LineParser, LogRecord, QuickProbe, TimeContext } from './record';
import { digits, localMs } from './time';
import { bilingual } from '../i18n';

const CLASSIC =
  'date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path'.split(
    ' ',
  );

/** A parser for one pfirewall.log file. */
export class WindowsFirewallParser implements LineParser, LazyFields {
  readonly format = 'windows-firewall' as const;
  lastError?: string;
  private proto = 3;
  private src = 4;
  private dst = 5;
  private sport = 6;
  private dport = 7;
  private last = 7;
  private dateCol = 0;
  /** Start of the last local day seen and its text, so most lines cost a compare, not a Date. */
  private dayKey = '';
  private dayMs = NaN;
  private readonly ends = new Int32Array(32);
  /** The line of the last record, for fill(). */
  private line = '';

  constructor(private readonly ctx: TimeContext) {
    this.columns(CLASSIC);
  }

  private columns(fields: string[]): void {
    const at = (name: string): number => fields.indexOf(name);
    this.dateCol = at('date');
    this.proto = at('protocol');
    this.src = at('src-ip');
    this.dst = at('dst-ip');
    this.sport = at('src-port');
    this.dport = at('dst-port');
    this.last = Math.max(this.proto, this.src, this.dst, this.sport, this.dport, this.dateCol + 1);
  }

  parse(line: string, rec: LogRecord): Outcome {
    if (line.charCodeAt(0) === 35) {
      if (line.startsWith('#Fields:')) {
        const fields = line.slice(8).trim().split(/\s+/);
        if (fields.includes('src-ip') && fields.includes('dst-ip')) this.columns(fields);
      }
      return Outcome.Skip;
    }
    if (line.length === 0) return Outcome.Skip;
    // End offsets of the fields up to the last one we need.
    const ends = this.ends;
    const need = this.last;
    let n = 0;
    let pos = 0;
    while (n <= need) {
      const sp = line.indexOf(' ', pos);
      if (sp < 0) {
        ends[n++] = line.length;
        break;
      }
      ends[n++] = sp;
      pos = sp + 1;
    }
    if (n <= need) return this.bad('too few fields');
    rec.reset();
    // Only the addresses are cut out now: ports and protocol only matter for a hit (fill()).
    const src = this.src;
    const dst = this.dst;
    rec.src = line.slice(src === 0 ? 0 : ends[src - 1] + 1, ends[src]);
    rec.dst = line.slice(dst === 0 ? 0 : ends[dst - 1] + 1, ends[dst]);
    rec.timeText = this.dateCol === 0 ? line : line.slice(ends[this.dateCol - 1] + 1);
    rec.reader = this;
    rec.lazy = this;
    this.line = line;
    return Outcome.Record;
  }

  /**
   * True when parse() would read the line as a record whose source and destination are IPv4
   * addresses on no indicator (and, for a time-filtered hunt, whose time reads): the hunt can
   * count it without parsing. Stricter than parse() on purpose: any doubt answers false.
   */
  quickMiss(b: Uint8Array, start: number, end: number, probe: QuickProbe): boolean {
    if (end <= start || b[start] === 35) return false;
    const need = this.last;
    const srcCol = this.src;
    const dstCol = this.dst;
    const dateCol = this.dateCol;
    // Signed 32-bit addresses (quadField); NaN until read.
    let src = NaN;
    let dst = NaN;
    let dateAt = -1;
    let n = 0;
    let from = start;
    // The same field count as parse(): fields end at single spaces, up to the last one it needs.
    while (n <= need) {
      let j: number;
      // The two addresses are read as they are scanned (one pass over their bytes).
      if (n === srcCol) {
        src = quadField(b, from, end);
        if (src !== src) return false;
        j = quadEnd;
      } else if (n === dstCol) {
        dst = quadField(b, from, end);
        if (dst !== dst) return false;
        j = quadEnd;
      } else {
        j = from;
        while (j < end && b[j] !== 32) j++;
      }
      if (n === dateCol) dateAt = from;
      n++;
      if (j >= end) break;
      from = j + 1;
    }
    if (n <= need || src !== src || dst !== dst) return false;
    if (probe.timeFiltered && !this.timeReads(b, dateAt, end)) return false;
    return !probe.mayMatchV4(dst) && !probe.mayMatchV4(src);
  }

  /** True when time() would read the bytes at `at` (same day as the last line read, valid clock). */
  private timeReads(b: Uint8Array, at: number, end: number): boolean {
    if (at < 0 || at + 19 > end || this.dayMs !== this.dayMs) return false;
    if (b[at + 4] !== 45 || b[at + 10] !== 32 || b[at + 13] !== 58 || b[at + 16] !== 58) return false;
    const key = this.dayKey;
    if (key.length !== 10) return false;
    for (let k = 0; k < 10; k++) if (b[at + k] !== key.charCodeAt(k)) return false;
    const h = two(b, at + 11);
    const m = two(b, at + 14);
    const s = two(b, at + 17);
    return h >= 0 && m >= 0 && s >= 0 && h <= 23 && m <= 59 && s <= 60;
  }

  fill(rec: LogRecord): void {
    const ends = this.ends;
    const line = this.line;
    const cut = (i: number): string => line.slice(i === 0 ? 0 : ends[i - 1] + 1, ends[i]);
    rec.srcPort = cut(this.sport);
    rec.dstPort = cut(this.dport);
    rec.proto = cut(this.proto).toLowerCase();
  }

  time(rec: LogRecord): number {
    const t = rec.timeText;
    // "2026-11-23 08:15:02"
    if (t.charCodeAt(4) !== 45 || t.charCodeAt(10) !== 32 || t.charCodeAt(13) !== 58) return NaN;
    const key = t.slice(0, 10);
    if (key !== this.dayKey) {
      this.dayKey = key;
      this.dayMs = localMs(this.ctx, digits(t, 0, 4), digits(t, 5, 7) - 1, digits(t, 8, 10), 0, 0, 0);
    }
    const h = digits(t, 11, 13);
    const m = digits(t, 14, 16);
    const s = digits(t, 17, 19);
    if (h < 0 || m < 0 || s < 0 || h > 23 || m > 59 || s > 60) return NaN;
    // A day with a clock change is off by the change for the hours after it: one hour, on one day
    // a year, in zones that have one (Viet Nam has none).
    return this.dayMs + ((h * 60 + m) * 60 + s) * 1000;
  }

  private bad(why: string): Outcome {
    this.lastError = bilingual('msg.log.unreadable.windowsFirewall', { why });
    return Outcome.Bad;
  }
}

/** Two ASCII digits at `i` as a number, -1 when either is not a digit. */
function two(b: Uint8Array, i: number): number {
  const x = b[i] - 48;
  const y = b[i + 1] - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
}

/**
 * A dotted quad in bytes [s, e) as a 32-bit number, -1 when it is anything else. As strict as
 * the text parser (shared/net/ip.ts): four decimal octets ≤ 255, no leading zero, nothing around.
 */
export function v4At(b: Uint8Array, s: number, e: number): number {
  const v = quadField(b, s, e);
  return v !== v || quadEnd !== e ? -1 : v >>> 0;
}

/** Where the field read by quadField ends (its space, or the end of the line). */
let quadEnd = 0;

/**
 * A field that starts at `s` and is exactly a dotted quad (up to a space or `end`), as signed 32 bits
 * (255.255.255.255 is -1; NaN for anything else), found and read in one pass; its end is left in quadEnd.
 */
function quadField(b: Uint8Array, s: number, end: number): number {
  let value = 0;
  let i = s;
  for (let part = 0; ; part++) {
    const from = i;
    let octet = 0;
    while (i < end) {
      const c = b[i] - 48;
      if (c < 0 || c > 9) break;
      octet = octet * 10 + c;
      if (++i - from > 3) return NaN;
    }
    const len = i - from;
    if (len === 0 || octet > 255 || (len > 1 && b[from] === 48)) return NaN;
    value = (value << 8) | octet;
    if (part === 3) {
      if (i < end && b[i] !== 32) return NaN;
      quadEnd = i;
      return value;
    }
    if (i >= end || b[i] !== 46) return NaN;
    i++;
  }
}
