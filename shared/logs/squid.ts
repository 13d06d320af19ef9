// Squid access.log, native format (logformat squid):
//   1700726102.123    245 10.1.2.3 TCP_MISS/200 5120 GET http://evil.example/gate.php - HIER_DIRECT/203.0.113.9 text/html
//   1700726103.456  60012 10.1.2.3 TCP_TUNNEL/200 3412 CONNECT evil.example:443 - HIER_DIRECT/203.0.113.9 -
// Time is Unix seconds (UTC); the client is the device; the URL (or CONNECT host:port) and the
// server address after "HIER_.../" say what it reached.
import { Outcome } from './record';
import type { LineParser, LogRecord } from './record';
import { epochSecondsMs } from './time';
import { urlHost } from './url';
import { bilingual } from '../i18n';

/** A parser for Squid's native access.log. */
export class SquidParser implements LineParser {
  readonly format = 'squid' as const;
  lastError?: string;

  parse(line: string, rec: LogRecord): Outcome {
    if (line.trim() === '') return Outcome.Skip;
    const f = line.trim().split(/\s+/);
    if (f.length < 7 || !/^\d+(\.\d+)?$/.test(f[0]) || f[3].indexOf('/') < 0)
      return this.bad('expected "time elapsed client code/status bytes method URL"');
    rec.reset();
    rec.timeText = f[0];
    rec.src = f[2];
    const method = f[5];
    const url = f[6];
    if (method === 'CONNECT') {
      const host = urlHost(url);
      rec.domain = host;
      const colon = url.lastIndexOf(':');
      if (colon > 0) rec.dstPort = url.slice(colon + 1);
      rec.url = '';
    } else {
      rec.url = url;
      rec.domain = urlHost(url);
    }
    const hier = f[8] ?? '';
    const slash = hier.indexOf('/');
    if (slash >= 0) {
      const peer = hier.slice(slash + 1);
      if (peer !== '-' && peer !== '') rec.dst = peer;
    }
    rec.proto = 'tcp';
    rec.reader = this;
    return Outcome.Record;
  }

  time(rec: LogRecord): number {
    return epochSecondsMs(rec.timeText);
  }

  private bad(why: string): Outcome {
    this.lastError = bilingual('msg.log.unreadable.squid', { why });
    return Outcome.Bad;
  }
}
