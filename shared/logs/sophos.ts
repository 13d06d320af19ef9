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
import { Outcome } from './record';
import type { LazyFields, LineParser, LogRecord, TimeContext } from './record';
import { isoLikeMs, localMs, parseOffset } from './time';
import { urlHost } from './url';
import { bilingual } from '../i18n';

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

/**
 * The value of `key=` in a key=value line: "quoted" (up to the next quote, or the line's end when a
 * cut line lost it) or bare (up to the next space); '' when absent. `key` must start the line or
 * follow a space, so "time=" is never read out of "start_time=". Looking up the few keys the hunt
 * needs is several times faster than splitting the 60-odd pairs of an SFOS line.
 */
export function valueOf(line: string, key: string): string {
  const k = `${key}=`;
  let from = 0;
  for (;;) {
    const at = line.indexOf(k, from);
    if (at < 0) return '';
    if (at === 0 || line.charCodeAt(at - 1) === 32) {
      const v = at + k.length;
      if (line.charCodeAt(v) === 34) {
        const close = line.indexOf('"', v + 1);
        return line.slice(v + 1, close < 0 ? undefined : close);
      }
      const sp = line.indexOf(' ', v);
      return line.slice(v, sp < 0 ? undefined : sp);
    }
    from = at + 1;
  }
}

/** Sophos Firewall (XG/SFOS) and Sophos UTM lines. */
export class SophosParser implements LineParser, LazyFields {
  readonly format = 'sophos' as const;
  lastError?: string;
  /** The line of the last record and whether it is UTM's, for fill(). */
  private line = '';
  private utm = false;

  constructor(private readonly ctx: TimeContext) {}

  parse(line: string, rec: LogRecord): Outcome {
    if (!isSophosLine(line)) return this.bad('no log_type=/log_component= (SFOS) or sys="Secure…" (UTM)');
    const utm = line.indexOf(' sys="Secure') >= 0;
    const src = valueOf(line, utm ? 'srcip' : 'src_ip');
    const dst = valueOf(line, utm ? 'dstip' : 'dst_ip');
    const rawUrl = valueOf(line, 'url');
    const url = /^https?:\/\//i.test(rawUrl) ? rawUrl : '';
    if (src === '' || (dst === '' && url === '')) return Outcome.Skip; // events without a connection
    rec.reset();
    rec.src = src;
    rec.dst = dst;
    rec.url = url;
    const domain = valueOf(line, 'domain');
    // SFOS puts the address in domain= when the request named no host: the address is matched as dst.
    rec.domain = domain !== '' && !IPV4_OR_V6.test(domain) ? domain : '';
    if (rec.domain === '' && url !== '') {
      const host = urlHost(url);
      if (!IPV4_OR_V6.test(host)) rec.domain = host;
    }
    rec.timeText = line;
    rec.reader = this;
    // Ports, protocol, MAC and NAT only matter for a hit: fill() cuts them out then.
    this.line = line;
    this.utm = utm;
    rec.lazy = this;
    return Outcome.Record;
  }

  fill(rec: LogRecord): void {
    const line = this.line;
    const utm = this.utm;
    rec.srcPort = valueOf(line, utm ? 'srcport' : 'src_port');
    rec.dstPort = valueOf(line, utm ? 'dstport' : 'dst_port');
    const proto = valueOf(line, utm ? 'proto' : 'protocol').toLowerCase();
    rec.proto = IP_PROTOCOLS[proto] ?? (proto === '0' ? '' : proto);
    const mac = valueOf(line, utm ? 'srcmac' : 'src_mac').toLowerCase();
    if (mac !== '00:00:00:00:00:00') rec.mac = mac;
    const nat = valueOf(line, 'src_trans_ip') || valueOf(line, 'tran_src_ip');
    if (nat !== '' && nat !== rec.src) rec.natSrc = nat;
  }

  time(rec: LogRecord): number {
    const line = rec.timeText;
    const stamp = valueOf(line, 'timestamp');
    if (stamp !== '') return isoLikeMs(stamp, this.ctx);
    const date = valueOf(line, 'date');
    if (date !== '') {
      const zone = valueOf(line, 'timezone');
      const known = ZONES[zone.toUpperCase()] ?? parseOffset(zone);
      const ctx = known === null || known === undefined ? this.ctx : { ...this.ctx, offsetMinutes: known };
      return isoLikeMs(`${date} ${valueOf(line, 'time')}`, ctx);
    }
    // UTM: "[<pri>]2023:04:28-11:08:04 host ..." in local time.
    const m = /^(?:<\d{1,3}>)?(\d{4}):(\d\d):(\d\d)-(\d\d):(\d\d):(\d\d)/.exec(line);
    if (!m) return NaN;
    return localMs(this.ctx, +m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  }

  private bad(why: string): Outcome {
    this.lastError = bilingual('msg.log.unreadable.sophos', { why });
    return Outcome.Bad;
  }
}
