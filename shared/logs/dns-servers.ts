// Query logs of DNS servers that small offices and routers run:
// - BIND 9 (category queries), in its own file or through syslog:
//     23-Nov-2026 08:15:02.123 queries: info: client @0x7f8b4c0a1b20 10.1.2.3#51514 (evil.example): query: evil.example IN A +E(0)K (10.1.1.1)
//     Nov 23 08:15:02 ns1 named[812]: client 10.1.2.3#51514: query: evil.example IN A + (10.1.1.1)
//   and the responses category (Infoblox NIOS too), which also names the client and the query:
//     named[2588]: 14-Apr-2022 16:17:20.046 client 10.1.2.3#57738: UDP: query: evil.example IN A response: NOERROR + ...
// - Unbound (log-queries: yes): "[1700726102] unbound[1234:0] info: 10.1.2.3 evil.example. A IN",
//   or with a syslog/ascii time. Reply lines (log-replies: more fields) repeat the query and are skipped.
// - dnsmasq and Pi-hole (log-queries): "Nov 23 08:15:02 dnsmasq[1234]: query[A] evil.example from 10.1.2.3",
//   Pi-hole's extra form "dnsmasq[1234]: 12 10.1.2.3/51514 query[A] evil.example from 10.1.2.3".
// The client is the device; every line is a query it made.
import { Outcome } from './record';
import type { LineParser, LogRecord, TimeContext } from './record';
import { SyslogTime, syslogLineMs } from './syslog-time';
import { localMs, monthIndex } from './time';
import { bilingual } from '../i18n';

/** Fills `rec` with the query for `domain` that the client `src` (the device) made; the line is its time. */
function query(rec: LogRecord, reader: LineParser, line: string, src: string, domain: string): Outcome {
  rec.reset();
  rec.src = src;
  rec.domain = domain;
  rec.dstPort = '53';
  rec.proto = 'dns';
  rec.timeText = line;
  rec.reader = reader;
  return Outcome.Record;
}

/** Marks a line `parser` cannot read: `key` words why, for the hunt's warnings. */
function unreadable(parser: { lastError?: string }, key: string, why: string): Outcome {
  parser.lastError = bilingual(key, { why });
  return Outcome.Bad;
}

// The "responses" category (BIND 9.16+, Infoblox NIOS "infoblox-responses") writes the transport
// and no colon after the port: "client 10.1.2.3#51514 UDP: query: evil.example IN A response: NOERROR ...".
const BIND =
  /client (?:@\S+ )?(\S+)#(\d+)(?: \([^)]*\))?:? (?:view [^:]+: )?(?:(?:UDP|TCP): )?query: (\S+) (\S+) (\S+)/;
// BIND's own stamp, at the start of its file or after the syslog tag ("named[2588]: 14-Apr-2022 …"):
// it carries the year that a syslog header lacks, so it wins over the header.
const BIND_DATE = /(?:^|: )(\d{2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?/;

/** BIND query log. */
export class BindParser implements LineParser {
  readonly format = 'bind' as const;
  lastError?: string;
  constructor(private readonly ctx: TimeContext) {}

  parse(line: string, rec: LogRecord): Outcome {
    if (line.indexOf('query: ') < 0) {
      if (line.trim() === '') return Outcome.Skip;
      return this.bad('no "query:"');
    }
    const m = BIND.exec(line);
    if (!m) return this.bad('query line not in the documented form');
    const outcome = query(rec, this, line, m[1], m[3]);
    rec.srcPort = m[2];
    return outcome;
  }

  time(rec: LogRecord): number {
    const m = BIND_DATE.exec(rec.timeText);
    if (!m) return syslogLineMs(rec.timeText, this.ctx);
    return localMs(this.ctx, +m[3], monthIndex(m[2]), +m[1], +m[4], +m[5], +m[6], m[7] ? +m[7] : 0);
  }

  private bad(why: string): Outcome {
    return unreadable(this, 'msg.log.unreadable.bind', why);
  }
}

const UNBOUND = /info: (\S+) (\S+) (\S+) (\S+)\s*$/;

/** Unbound query log. */
export class UnboundParser extends SyslogTime implements LineParser {
  readonly format = 'unbound' as const;
  lastError?: string;

  parse(line: string, rec: LogRecord): Outcome {
    const info = line.indexOf('info: ');
    if (info < 0) return line.indexOf('unbound') >= 0 ? Outcome.Skip : this.bad('no "info:"');
    const m = UNBOUND.exec(line);
    // Other info lines (start-up, statistics, replies with rcode and timing) are not queries.
    if (!m || !/^[\d.:a-fA-F]+$/.test(m[1]) || (m[1].indexOf('.') < 0 && m[1].indexOf(':') < 0))
      return Outcome.Skip;
    return query(rec, this, line, m[1], m[2]);
  }

  private bad(why: string): Outcome {
    return unreadable(this, 'msg.log.unreadable.unbound', why);
  }
}

const DNSMASQ = /query\[[A-Za-z0-9]+\] (\S+) from (\S+)/;

/** dnsmasq / Pi-hole query log. */
export class DnsmasqParser extends SyslogTime implements LineParser {
  readonly format = 'dnsmasq' as const;
  lastError?: string;

  parse(line: string, rec: LogRecord): Outcome {
    const m = DNSMASQ.exec(line);
    if (!m)
      return line.indexOf('dnsmasq') >= 0 ? Outcome.Skip : this.bad('no "query[...] NAME from ADDRESS"');
    return query(rec, this, line, m[2], m[1]);
  }

  private bad(why: string): Outcome {
    return unreadable(this, 'msg.log.unreadable.dnsmasq', why);
  }
}
