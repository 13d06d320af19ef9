// Firewall lines that come through syslog:
// - pfSense/OPNsense filterlog: a CSV message without spaces,
//     Nov 23 08:15:02 pfsense filterlog[51234]: 5,,,1000000103,igb1,match,pass,in,4,0x0,,64,4242,0,DF,6,tcp,60,10.1.2.3,203.0.113.9,51514,443,0,S,123456789,,64240,,mss
//   fields (Netgate "Filter Log Format"): rule, sub-rule, anchor, tracker, interface, reason,
//   action, direction, IP version, then for IPv4 tos, ecn, ttl, id, offset, flags, protocol id,
//   protocol, length, source, destination, [source port, destination port...]; for IPv6 class,
//   flow label, hop limit, protocol, protocol id, length, source, destination, [ports...].
// - MikroTik RouterOS firewall "log=yes" lines:
//     Nov 23 08:15:02 router firewall,info forward: in:bridge out:ether1, connection-state:new src-mac 00:0c:29:aa:bb:cc, proto TCP (SYN), 10.1.2.3:51514->203.0.113.9:443, NAT (10.1.2.3:51514->198.18.0.1:51514)->203.0.113.9:443, len 60
// - Cisco ASA 302013 (TCP) and 302015 (UDP) "Built ... connection" messages, with NAT:
//     Nov 23 2026 08:15:02: %ASA-6-302013: Built outbound TCP connection 3312 for outside:203.0.113.9/443 (203.0.113.9/443) to inside:10.1.2.3/51514 (198.18.0.1/51514)
//   "outbound": the "to" side opened it; "inbound": the "for" side did. Teardowns (302014/302016)
//   repeat the build and are skipped.
// - FortiGate key=value logs (traffic, DNS and web filter):
//     date=2026-11-23 time=08:15:02 ... type="traffic" subtype="forward" srcip=10.1.2.3 srcport=51514 dstip=203.0.113.9 dstport=443 proto=6 srcmac="00:0c:29:aa:bb:cc" transip=198.18.0.1 ...
//     ... type="utm" subtype="dns" ... srcip=10.1.2.3 dstip=10.1.1.1 qname="evil.example" ...
//     ... type="utm" subtype="webfilter" ... srcip=10.1.2.3 dstip=203.0.113.9 hostname="evil.example" url="https://evil.example/gate.php"
//   eventtime (s, ms, µs or ns since 1970) wins; else date+time in tz="+0700" or local time.
import { Outcome } from './record';
import type { LineParser, LogRecord, TimeContext } from './record';
import { SyslogTime } from './syslog-time';
import { isoLikeMs, parseOffset } from './time';
import { urlHost } from './url';
import { bilingual } from '../i18n';

const IP_PROTOCOLS: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'ipv6-icmp' };

/** pfSense / OPNsense filterlog. */
export class FilterlogParser extends SyslogTime implements LineParser {
  readonly format = 'filterlog' as const;
  lastError?: string;

  parse(line: string, rec: LogRecord): Outcome {
    if (line.indexOf('filterlog') < 0) return this.bad('no "filterlog" tag');
    const sp = line.lastIndexOf(' ');
    const f = line.slice(sp + 1).split(',');
    if (f.length < 17) return this.bad('too few fields');
    rec.reset();
    const v = f[8];
    if (v === '4') {
      rec.proto = f[16].toLowerCase();
      rec.src = f[18] ?? '';
      rec.dst = f[19] ?? '';
      if (rec.proto === 'tcp' || rec.proto === 'udp') {
        rec.srcPort = f[20] ?? '';
        rec.dstPort = f[21] ?? '';
      }
    } else if (v === '6') {
      rec.proto = f[12].toLowerCase(); // OPNsense and pfSense write "UDP" here
      rec.src = f[15] ?? '';
      rec.dst = f[16] ?? '';
      if (rec.proto === 'tcp' || rec.proto === 'udp') {
        rec.srcPort = f[17] ?? '';
        rec.dstPort = f[18] ?? '';
      }
    } else return this.bad(`IP version "${v}"`);
    if (rec.src === '' || rec.dst === '') return this.bad('no addresses');
    rec.timeText = line;
    rec.reader = this;
    return Outcome.Record;
  }

  private bad(why: string): Outcome {
    this.lastError = bilingual('msg.log.unreadable.filterlog', { why });
    return Outcome.Bad;
  }
}

/** "10.1.2.3:51514", "[2001:db8::5]:443", "10.1.2.3" → [address, port]. */
function hostPort(text: string): [string, string] {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    return [text.slice(1, close), text.slice(close + 2)];
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0 || text.indexOf(':') !== colon) return [text, ''];
  return [text.slice(0, colon), text.slice(colon + 1)];
}

/** MikroTik RouterOS firewall log lines. */
export class MikrotikParser extends SyslogTime implements LineParser {
  readonly format = 'mikrotik' as const;
  lastError?: string;

  parse(line: string, rec: LogRecord): Outcome {
    const p = line.indexOf('proto ');
    if (p < 0 || line.indexOf('->', p) < 0) return this.bad('no "proto ... a->b"');
    rec.reset();
    const protoEnd = line.indexOf(',', p);
    rec.proto = line
      .slice(p + 6, protoEnd < 0 ? undefined : protoEnd)
      .split(' ')[0]
      .toLowerCase();
    // ICMP's "(type 3, code 3)" has a comma inside: skip to the token that holds "->".
    let i = protoEnd;
    let pair = '';
    while (i >= 0) {
      const next = line.indexOf(',', i + 1);
      const token = line.slice(i + 1, next < 0 ? undefined : next).trim();
      if (token.indexOf('->') > 0 && !token.startsWith('NAT')) {
        pair = token;
        i = next;
        break;
      }
      i = next;
    }
    const arrow = pair.indexOf('->');
    if (arrow < 0) return this.bad('no "a->b"');
    [rec.src, rec.srcPort] = hostPort(pair.slice(0, arrow));
    [rec.dst, rec.dstPort] = hostPort(pair.slice(arrow + 2));
    const mac = line.indexOf('src-mac ');
    if (mac >= 0)
      rec.mac = line.slice(mac + 8, line.indexOf(',', mac) < 0 ? undefined : line.indexOf(',', mac));
    const nat = line.indexOf('NAT (', i < 0 ? p : i);
    if (nat >= 0) {
      const close = line.indexOf(')', nat);
      const inner = line.slice(nat + 5, close);
      const a = inner.indexOf('->');
      if (a > 0) rec.natSrc = hostPort(inner.slice(a + 2))[0];
    }
    rec.timeText = line;
    rec.reader = this;
    return Outcome.Record;
  }

  private bad(why: string): Outcome {
    this.lastError = bilingual('msg.log.unreadable.mikrotik', { why });
    return Outcome.Bad;
  }
}

const ASA_BUILT =
  /%(?:ASA|FTD)-\d-30201[35]: Built (inbound|outbound) (TCP|UDP) connection \d+ for [^:\s]+:(\S+)\/(\d+) \((\S+)\/(\d+)\)(?: \([^)]*\))? to [^:\s]+:(\S+)\/(\d+) \((\S+)\/(\d+)\)/;

/** Cisco ASA / FTD connection builds (302013, 302015). */
export class CiscoAsaParser extends SyslogTime implements LineParser {
  readonly format = 'cisco-asa' as const;
  lastError?: string;

  parse(line: string, rec: LogRecord): Outcome {
    const tag = line.indexOf('%ASA-') >= 0 || line.indexOf('%FTD-') >= 0;
    if (!tag) return this.bad('no %ASA- message');
    if (!/-30201[35]:/.test(line)) return Outcome.Skip; // other messages carry no new connection
    const m = ASA_BUILT.exec(line);
    if (!m) return this.bad('302013/302015 not in the documented form');
    rec.reset();
    rec.proto = m[2].toLowerCase();
    const forSide = { real: m[3], port: m[4], mapped: m[5] };
    const toSide = { real: m[7], port: m[8], mapped: m[9] };
    const [opener, other] = m[1] === 'outbound' ? [toSide, forSide] : [forSide, toSide];
    rec.src = opener.real;
    rec.srcPort = opener.port;
    rec.dst = other.real;
    rec.dstPort = other.port;
    if (opener.mapped !== opener.real) rec.natSrc = opener.mapped;
    rec.timeText = line;
    rec.reader = this;
    return Outcome.Record;
  }

  private bad(why: string): Outcome {
    this.lastError = bilingual('msg.log.unreadable.ciscoAsa', { why });
    return Outcome.Bad;
  }
}

/** key=value pairs of a FortiGate line ("quoted values" may hold spaces). */
export function keyValues(line: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([A-Za-z_][\w-]*)=("((?:[^"\\]|\\.)*)"|\S*)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.set(m[1], m[3] !== undefined ? m[3] : m[2]);
  return out;
}

/** FortiGate traffic, DNS and web-filter logs. */
export class FortigateParser implements LineParser {
  readonly format = 'fortigate' as const;
  lastError?: string;

  constructor(private readonly ctx: TimeContext) {}

  parse(line: string, rec: LogRecord): Outcome {
    if (line.indexOf('srcip=') < 0) {
      if (line.indexOf('logid=') >= 0) return Outcome.Skip; // system events: no connection
      return this.bad('no srcip=');
    }
    const kv = keyValues(line);
    rec.reset();
    rec.src = kv.get('srcip') ?? '';
    rec.srcPort = kv.get('srcport') ?? '';
    rec.dst = kv.get('dstip') ?? '';
    rec.dstPort = kv.get('dstport') ?? '';
    const proto = kv.get('proto') ?? '';
    rec.proto = IP_PROTOCOLS[proto] ?? proto;
    rec.mac = kv.get('srcmac') ?? kv.get('mastersrcmac') ?? '';
    rec.hostname = kv.get('srcname') ?? '';
    const trans = kv.get('transip') ?? '';
    if (trans !== '' && trans !== rec.src) rec.natSrc = trans;
    const qname = kv.get('qname') ?? '';
    const host = kv.get('hostname') ?? '';
    rec.domain = qname || host;
    const url = kv.get('url') ?? '';
    if (/^https?:\/\//i.test(url)) rec.url = url;
    // A path-only url (older FortiOS, or HTTPS without deep inspection): the scheme is the service's.
    else if (host !== '' && url.startsWith('/'))
      rec.url = `${/^https$/i.test(kv.get('service') ?? '') || rec.dstPort === '443' ? 'https' : 'http'}://${host}${url}`;
    if (rec.domain === '' && rec.url !== '') rec.domain = urlHost(rec.url);
    // DNS logs name the resolver as dstip: the query, not the resolver, is what matters.
    if (qname !== '') rec.dst = '';
    rec.timeText = `${kv.get('eventtime') ?? ''}|${kv.get('date') ?? ''} ${kv.get('time') ?? ''}|${kv.get('tz') ?? ''}`;
    rec.reader = this;
    return Outcome.Record;
  }

  time(rec: LogRecord): number {
    const [event, dateTime, tz] = rec.timeText.split('|');
    if (/^\d{10,19}$/.test(event)) {
      const n = Number(event);
      const scale = event.length >= 18 ? 1e6 : event.length >= 15 ? 1e3 : event.length >= 12 ? 1 : 1e-3;
      return Math.floor(n / scale);
    }
    const offset = tz ? parseOffset(tz.replace(/^UTC/i, '')) : null;
    return isoLikeMs(dateTime, offset === null ? this.ctx : { ...this.ctx, offsetMinutes: offset });
  }

  private bad(why: string): Outcome {
    this.lastError = bilingual('msg.log.unreadable.fortigate', { why });
    return Outcome.Bad;
  }
}
