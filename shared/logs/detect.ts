// Which format a log is, from its content: the first lines of a file are scored against each
// format's signature and the best wins. Syslog-borne formats (filterlog, MikroTik, Cisco ASA,
// Sophos, FortiGate, BIND, Unbound, dnsmasq) are read by one dispatcher that decides per line, because a
// router's or a collector's syslog file mixes them with lines of other programs.
import { ColumnsParser } from './columns';
import type { ColumnMap } from './columns';
import { BindParser, DnsmasqParser, UnboundParser } from './dns-servers';
import { CiscoAsaParser, FilterlogParser, FortigateParser, MikrotikParser } from './firewalls';
import { Outcome } from './record';
import type { LineParser, LogFormat, LogRecord, TimeContext } from './record';
import { SophosParser } from './sophos';
import { SquidParser } from './squid';
import { SuricataParser } from './suricata';
import { WindowsDnsParser } from './windows-dns';
import { WindowsEventCsvParser, WindowsEventXmlParser } from './windows-events';
import { WindowsFirewallParser } from './windows-firewall';
import { ZeekParser } from './zeek';
import { bilingual } from '../i18n';

/** Lines looked at to decide a file's format. */
export const DETECT_LINES = 64;

type SyslogFormat =
  'filterlog' | 'cisco-asa' | 'sophos' | 'fortigate' | 'dnsmasq' | 'unbound' | 'bind' | 'mikrotik';

/** The syslog-borne format of one line, or null for a line of another program. */
export function syslogLineFormat(line: string): SyslogFormat | null {
  if (line.indexOf('filterlog') >= 0) return 'filterlog';
  if (line.indexOf('%ASA-') >= 0 || line.indexOf('%FTD-') >= 0) return 'cisco-asa';
  // Sophos UTM lines carry srcip= like FortiGate's; their sys="Secure…" tells them apart.
  if (line.indexOf('srcip=') >= 0) return line.indexOf(' sys="Secure') >= 0 ? 'sophos' : 'fortigate';
  if (line.indexOf('logid=') >= 0 && line.indexOf('devname=') >= 0) return 'fortigate';
  if (line.indexOf('log_component=') >= 0 && line.indexOf('log_type=') >= 0) return 'sophos';
  if (line.indexOf('query[') >= 0 && line.indexOf(' from ') >= 0) return 'dnsmasq';
  if (line.indexOf('unbound') >= 0 && line.indexOf('info: ') >= 0) return 'unbound';
  if (line.indexOf('query: ') >= 0 && line.indexOf('client ') >= 0) return 'bind';
  if (line.indexOf('proto ') >= 0 && line.indexOf('->') >= 0) return 'mikrotik';
  return null;
}

/** The format one line looks like, or null. */
function lineFormat(line: string): LogFormat | null {
  const t = line.trimStart();
  if (
    t.startsWith('#Software: Microsoft Windows Firewall') ||
    t.startsWith('#Fields: date time action protocol src-ip')
  )
    return 'windows-firewall';
  if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (ALLOW|DROP|OPEN|CLOSE|OPEN-INBOUND|INFO-EVENTS-LOST) /.test(t))
    return 'windows-firewall';
  if (t.startsWith('DNS Server log file') || (t.indexOf(' PACKET ') > 0 && /\s(Rcv|Snd)\s/.test(t)))
    return 'windows-dns';
  if (t.startsWith('<Event')) return 'windows-event-xml';
  if (/^[^,]*,[^,]*,"?Microsoft-Windows-(Sysmon|Security-Auditing)"?,\d+,/.test(t))
    return 'windows-event-csv';
  if (/^Level,Date and Time,Source,Event ID,Task Category/.test(t)) return 'windows-event-csv';
  if (t.startsWith('#separator') || t.startsWith('#fields\t') || t.startsWith('#path\t')) return 'zeek';
  if (t.startsWith('{')) {
    if (t.indexOf('"event_type"') > 0) return 'suricata';
    if (t.indexOf('"id.orig_h"') > 0) return 'zeek';
    return null;
  }
  if (/^\d{9,10}\.\d{3}\s+\d+ \S+ [A-Z_]+\/\d{3} \d+ /.test(t)) return 'squid';
  return syslogLineFormat(t) === null ? null : 'syslog';
}

/** The format of a file from its first lines; null when nothing matches (the person can pass --format). */
export function detectFormat(lines: readonly string[]): LogFormat | null {
  const score = new Map<LogFormat, number>();
  let n = 0;
  let syslogHeaded = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (n >= DETECT_LINES) break;
    n++;
    if (SYSLOG_HEADER.test(line)) syslogHeaded++;
    if (line.indexOf('<?xml') >= 0 || line.indexOf('<Events') >= 0) {
      score.set('windows-event-xml', (score.get('windows-event-xml') ?? 0) + 2);
      continue;
    }
    const f = lineFormat(line);
    if (f !== null) score.set(f, (score.get(f) ?? 0) + 1);
  }
  let best: LogFormat | null = null;
  let top = 0;
  for (const [f, s] of score)
    if (s > top) {
      best = f;
      top = s;
    }
  // A router's syslog may open with many lines of other programs (DHCP, kernel) before the first
  // firewall or DNS line: a file of syslog lines is read by the per-line dispatcher anyway.
  if (best === null && n > 0 && syslogHeaded * 2 > n) return 'syslog';
  return best;
}

const SYSLOG_HEADER =
  /^(<\d{1,3}>\d? ?)?([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)/;

/** Reads syslog-borne lines, each with the parser its content calls for; other programs' lines are skipped. */
export class SyslogParser implements LineParser {
  readonly format = 'syslog' as const;
  lastError?: string;
  /** The formats met so far, for the file list ("syslog: filterlog+cisco-asa"). */
  readonly seen = new Set<SyslogFormat>();
  private readonly parsers: Record<SyslogFormat, LineParser>;

  constructor(ctx: TimeContext) {
    this.parsers = {
      filterlog: new FilterlogParser(ctx),
      'cisco-asa': new CiscoAsaParser(ctx),
      sophos: new SophosParser(ctx),
      fortigate: new FortigateParser(ctx),
      dnsmasq: new DnsmasqParser(ctx),
      unbound: new UnboundParser(ctx),
      bind: new BindParser(ctx),
      mikrotik: new MikrotikParser(ctx),
    };
  }

  parse(line: string, rec: LogRecord): Outcome {
    const f = syslogLineFormat(line);
    if (f === null) return Outcome.Skip;
    this.seen.add(f);
    const p = this.parsers[f];
    const out = p.parse(line, rec);
    if (out === Outcome.Bad) this.lastError = p.lastError;
    return out;
  }

  time(rec: LogRecord): number {
    return rec.reader === null || rec.reader === this ? NaN : rec.reader.time(rec);
  }
}

/** A fresh parser of a format for one file. `columns` is required for 'csv'. */
export function createParser(format: LogFormat, ctx: TimeContext, columns?: ColumnMap): LineParser {
  switch (format) {
    case 'windows-firewall':
      return new WindowsFirewallParser(ctx);
    case 'windows-dns':
      return new WindowsDnsParser(ctx);
    case 'windows-event-xml':
      return new WindowsEventXmlParser();
    case 'windows-event-csv':
      return new WindowsEventCsvParser(ctx);
    case 'zeek':
      return new ZeekParser();
    case 'suricata':
      return new SuricataParser();
    case 'squid':
      return new SquidParser();
    case 'fortigate':
      return new FortigateParser(ctx);
    case 'sophos':
      return new SophosParser(ctx);
    case 'filterlog':
      return new FilterlogParser(ctx);
    case 'mikrotik':
      return new MikrotikParser(ctx);
    case 'cisco-asa':
      return new CiscoAsaParser(ctx);
    case 'bind':
      return new BindParser(ctx);
    case 'unbound':
      return new UnboundParser(ctx);
    case 'dnsmasq':
      return new DnsmasqParser(ctx);
    case 'syslog':
      return new SyslogParser(ctx);
    case 'csv':
      if (!columns) throw new Error(bilingual('msg.cli.hunt.csvNeedsColumns'));
      return new ColumnsParser(columns, ctx);
  }
}

/** The format name to show for a file once read ("syslog (filterlog, cisco-asa)" for a mixed one). */
export function formatLabel(parser: LineParser): string {
  if (parser instanceof SyslogParser && parser.seen.size > 0) return [...parser.seen].sort().join('+');
  return parser.format;
}
