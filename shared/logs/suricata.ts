// Suricata EVE JSON (eve.json), one event per line: flow, dns, http, tls, alert (others, such as
// stats, are skipped). "timestamp" carries its offset ("2026-11-23T08:15:02.123456+0700").
// A DNS answer goes from the server to the client, so its dest_ip is the device.
import { urlHost } from './url';
import { Outcome } from './record';
import type { LineParser, LogRecord, TimeContext } from './record';
import { isoLikeMs } from './time';
import { bilingual } from '../i18n';

const UTC: TimeContext = { offsetMinutes: 0, referenceMs: 0 };
const TYPES = new Set(['flow', 'dns', 'http', 'tls', 'alert', 'netflow', 'quic', 'fileinfo', 'anomaly']);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The name a dns object asked for: "rrname" (EVE v1/v2) or queries[0].rrname (v3). */
function dnsName(dns: Json): string {
  const direct = str(dns.rrname);
  if (direct !== '') return direct;
  const queries = dns.queries;
  if (Array.isArray(queries)) {
    const first = obj(queries[0]);
    if (first) return str(first.rrname);
  }
  return '';
}

/** A parser for Suricata eve.json. */
export class SuricataParser implements LineParser {
  readonly format = 'suricata' as const;
  lastError?: string;

  parse(line: string, rec: LogRecord): Outcome {
    if (line.trim() === '') return Outcome.Skip;
    let e: Json | null;
    try {
      e = obj(JSON.parse(line));
    } catch {
      return this.bad('JSON');
    }
    if (e === null) return this.bad('not a JSON object');
    const type = str(e.event_type);
    if (!TYPES.has(type)) return Outcome.Skip;
    rec.reset();
    rec.src = str(e.src_ip);
    rec.srcPort = str(e.src_port);
    rec.dst = str(e.dest_ip);
    rec.dstPort = str(e.dest_port);
    rec.proto = str(e.proto).toLowerCase();
    const ether = obj(e.ether);
    if (ether) rec.mac = str(ether.src_mac);
    const dns = obj(e.dns);
    if (dns) {
      rec.domain = dnsName(dns);
      const t = str(dns.type);
      if (t === 'answer' || t === 'response') {
        rec.deviceIsDst = true;
        if (ether) rec.mac = str(ether.dest_mac);
      }
    }
    const http = obj(e.http);
    if (http) {
      const host = str(http.hostname);
      const url = str(http.url);
      if (host !== '') rec.domain = urlHost(host);
      if (/^https?:\/\//i.test(url)) rec.url = url;
      else if (host !== '' && url !== '') rec.url = `http://${host}${url}`;
    }
    const tls = obj(e.tls);
    if (tls && str(tls.sni) !== '') rec.domain = str(tls.sni);
    rec.timeText = str(e.timestamp);
    rec.reader = this;
    return rec.src === '' && rec.dst === '' ? Outcome.Skip : Outcome.Record;
  }

  time(rec: LogRecord): number {
    return isoLikeMs(rec.timeText, UTC);
  }

  private bad(why: string): Outcome {
    this.lastError = bilingual('msg.log.unreadable.suricata', { why });
    return Outcome.Bad;
  }
}
