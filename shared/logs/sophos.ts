// Sophos firewall logs, as their syslog carries them (shapes from real lines: test/fixtures/logs/real):
// - Sophos Firewall (XG / SFOS) key=value lines. Up to v18:
//     device="SFW" date=2018-05-30 time=13:14:26 timezone="IST" ... log_type="Firewall" log_component="Firewall Rule" ... src_mac=b8:97:5a:5b:0f:fd src_ip=10.198.32.19 dst_ip=1.128.3.4 protocol="UDP" src_port=1353 dst_port=0 tran_src_ip=81.2.69.144 ...
//   From v18.5 (quoted values, an ISO time with its offset, a syslog header in front):
//     Nov 16 00:25:00 sophos device_name="SFW" timestamp="2021-11-15T18:25:00-0600" ... log_type="Firewall" ... src_ip="192.168.2.111" dst_ip="89.160.20.156" protocol="TCP" src_port=50875 dst_port=443 src_trans_ip="192.168.1.2" ...
//   Web filtering ("Content Filtering", HTTP) adds url="https://host/path" and domain="host".
// - Sophos UTM 9: packet filter (ulogd) and web proxy (httpproxy), a local "YYYY:MM:DD-hh:mm:ss" stamp:
//     2023:04:28-11:08:04 utm ulogd[12511]: id="2001" ... sys="SecureNet" sub="packetfilter" ... srcmac="1a:fc:2b:33:4d:5f" srcip="10.1.2.3" dstip="203.0.113.9" proto="17" srcport="5319" dstport="5060"
//     2023:03:08-15:00:00 utm httpproxy[6267]: id="0001" ... sys="SecureWeb" sub="http" ... srcip="10.1.2.3" dstip="203.0.113.9" ... url="https://evil.example/gate.php" ...
// Lines that name no connection (system health, authentication, proxy errors) are skipped.
import { keyValues } from './firewalls';
import { Outcome } from './record';
import type { LineParser, LogRecord, TimeContext } from './record';
import { isoLikeMs, localMs, parseOffset } from './time';
import { urlHost } from './url';

const IP_PROTOCOLS: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'ipv6-icmp' };

// SFOS writes the appliance's zone as an abbreviation. Only unambiguous ones are trusted ("IST" is
// India, Israel or Ireland); any other is read in the zone given with --tz (default: this PC's).
const ZONES: Record<string, number> = { ICT: 420, UTC: 0, GMT: 0 };

/** True when a syslog-borne line is a Sophos Firewall (SFOS) or Sophos UTM log line. */
export function isSophosLine(line: string): boolean {
  return (
    (line.indexOf('log_type=') >= 0 && line.indexOf('log_component=') >= 0) ||
    line.indexOf(' sys="Secure') >= 0
  );
}

const IPV4_OR_V6 = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)$/i;

/** Sophos Firewall (XG/SFOS) and Sophos UTM lines. */
export class SophosParser implements LineParser {
  readonly format = 'sophos' as const;
  lastError?: string;

  constructor(private readonly ctx: TimeContext) {}

  parse(line: string, rec: LogRecord): Outcome {
    if (!isSophosLine(line)) return this.bad('no log_type=/log_component= (SFOS) or sys="Secure…" (UTM)');
    const kv = keyValues(line);
    const utm = kv.has('srcip');
    const src = (utm ? kv.get('srcip') : kv.get('src_ip')) ?? '';
    const dst = (utm ? kv.get('dstip') : kv.get('dst_ip')) ?? '';
    const rawUrl = kv.get('url') ?? '';
    const url = /^https?:\/\//i.test(rawUrl) ? rawUrl : '';
    if (src === '' || (dst === '' && url === '')) return Outcome.Skip; // events without a connection
    rec.reset();
    rec.src = src;
    rec.dst = dst;
    rec.srcPort = (utm ? kv.get('srcport') : kv.get('src_port')) ?? '';
    rec.dstPort = (utm ? kv.get('dstport') : kv.get('dst_port')) ?? '';
    const proto = ((utm ? kv.get('proto') : kv.get('protocol')) ?? '').toLowerCase();
    rec.proto = IP_PROTOCOLS[proto] ?? (proto === '0' ? '' : proto);
    const mac = ((utm ? kv.get('srcmac') : kv.get('src_mac')) ?? '').toLowerCase();
    if (mac !== '00:00:00:00:00:00') rec.mac = mac;
    const nat = kv.get('src_trans_ip') || kv.get('tran_src_ip') || '';
    if (nat !== '' && nat !== src) rec.natSrc = nat;
    rec.url = url;
    const domain = kv.get('domain') ?? '';
    // SFOS puts the address in domain= when the request named no host: the address is matched as dst.
    rec.domain = domain !== '' && !IPV4_OR_V6.test(domain) ? domain : '';
    if (rec.domain === '' && url !== '') {
      const host = urlHost(url);
      if (!IPV4_OR_V6.test(host)) rec.domain = host;
    }
    const stamp = kv.get('timestamp');
    if (stamp) rec.timeText = `T${stamp}`;
    else if (kv.has('date'))
      rec.timeText = `L${kv.get('date') ?? ''} ${kv.get('time') ?? ''}|${kv.get('timezone') ?? ''}`;
    else rec.timeText = `U${line}`;
    rec.reader = this;
    return Outcome.Record;
  }

  time(rec: LogRecord): number {
    const t = rec.timeText;
    const body = t.slice(1);
    if (t.startsWith('T')) return isoLikeMs(body, this.ctx);
    if (t.startsWith('L')) {
      const [dateTime, zone] = body.split('|');
      const known = ZONES[zone.toUpperCase()] ?? parseOffset(zone);
      return isoLikeMs(
        dateTime,
        known === null || known === undefined ? this.ctx : { ...this.ctx, offsetMinutes: known },
      );
    }
    // UTM: "[<pri>]2023:04:28-11:08:04 host ..." in local time.
    const m = /^(?:<\d{1,3}>)?(\d{4}):(\d\d):(\d\d)-(\d\d):(\d\d):(\d\d)/.exec(body);
    if (!m) return NaN;
    return localMs(this.ctx, +m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  }

  private bad(why: string): Outcome {
    this.lastError = `dòng Sophos không đọc được / unreadable Sophos line (${why})`;
    return Outcome.Bad;
  }
}
