// Zeek logs: conn.log, dns.log, http.log, ssl.log, as TSV with a header (#separator, #fields,
// #types; '-' unset, '(empty)' empty) or as JSON lines (LogAscii::use_json). Times are UTC:
// "ts" is Unix seconds with a fraction, or ISO 8601 in JSON written with json_timestamps=JSON::TS_ISO8601.
// The originator (id.orig_h) is the device; the responder (id.resp_h) the other side.
import { urlHost } from './url';
import { Outcome } from './record';
import type { LineParser, LogRecord, TimeContext } from './record';
import { epochSecondsMs, isoLikeMs } from './time';
import { bilingual } from '../i18n';

const UTC: TimeContext = { offsetMinutes: 0, referenceMs: 0 };

function value(v: unknown): string {
  if (typeof v === 'string') return v === '-' || v === '(empty)' ? '' : v;
  if (typeof v === 'number') return String(v);
  return '';
}

/** Fills a record from Zeek fields (by Zeek's names); Skip when the line names no endpoint. */
function fromZeek(get: (name: string) => string, rec: LogRecord): Outcome {
  rec.reset();
  rec.src = get('id.orig_h');
  rec.srcPort = get('id.orig_p');
  rec.dst = get('id.resp_h');
  rec.dstPort = get('id.resp_p');
  rec.proto = get('proto').toLowerCase();
  rec.mac = get('orig_l2_addr');
  const query = get('query');
  const host = get('host');
  const sni = get('server_name');
  // The Host header may carry a port ("files.example:8080"): the name is what the feed lists.
  rec.domain = query || sni || (host === '' ? '' : urlHost(host));
  if (host !== '') {
    const uri = get('uri');
    if (/^https?:\/\//i.test(uri)) rec.url = uri;
    else if (uri !== '') rec.url = `http://${host}${uri}`;
  }
  rec.timeText = get('ts');
  if (rec.src === '' && rec.dst === '' && rec.domain === '') return Outcome.Skip;
  return Outcome.Record;
}

/** A parser for one Zeek log (TSV with its header, or JSON lines). */
export class ZeekParser implements LineParser {
  readonly format = 'zeek' as const;
  lastError?: string;
  private separator = '\t';
  private fields: string[] = [];
  private readonly pos = new Map<string, number>();
  private cols: string[] = [];
  private json: Record<string, unknown> = {};

  private readonly getTsv = (name: string): string => {
    const i = this.pos.get(name);
    if (i === undefined) return '';
    const v = this.cols[i] ?? '';
    return v === '-' || v === '(empty)' ? '' : v;
  };
  private readonly getJson = (name: string): string => value(this.json[name]);

  parse(line: string, rec: LogRecord): Outcome {
    const c = line.charCodeAt(0);
    if (c === 35) {
      if (line.startsWith('#separator ')) {
        const sep = line.slice(11).trim();
        this.separator = sep.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) =>
          String.fromCharCode(parseInt(h, 16)),
        );
      } else if (line.startsWith('#fields')) {
        this.fields = line.split(this.separator).slice(1);
        this.pos.clear();
        this.fields.forEach((f, i) => this.pos.set(f, i));
      }
      return Outcome.Skip;
    }
    if (line.trim() === '') return Outcome.Skip;
    if (c === 123) {
      try {
        const parsed: unknown = JSON.parse(line);
        if (typeof parsed !== 'object' || parsed === null) return this.bad('not a JSON object');
        this.json = parsed as Record<string, unknown>;
      } catch {
        return this.bad('JSON');
      }
      const out = fromZeek(this.getJson, rec);
      rec.reader = this;
      return out;
    }
    if (this.fields.length === 0) return this.bad('no #fields header before the data');
    this.cols = line.split(this.separator);
    if (this.cols.length !== this.fields.length)
      return this.bad(`${this.cols.length} fields, header has ${this.fields.length}`);
    const out = fromZeek(this.getTsv, rec);
    rec.reader = this;
    return out;
  }

  time(rec: LogRecord): number {
    const t = rec.timeText;
    return t.indexOf('-') > 0 ? isoLikeMs(t, UTC) : epochSecondsMs(t);
  }

  private bad(why: string): Outcome {
    this.lastError = bilingual('msg.log.unreadable.zeek', { why });
    return Outcome.Bad;
  }
}
