// Any CSV/TSV log with a header, read through the columns a person names:
//   --columns src=Client IP,dst=Server,domain=Query,url=URL,time=Timestamp
// Keys: src, dst, domain, url, time (required: src, and one of dst/domain/url), optional
// srcport, dstport, proto, mac, hostname. The separator (comma, tab, semicolon) is taken from the
// header line. Times: ISO 8601 (local time when it has no zone) or Unix seconds.
import { Outcome } from './record';
import type { LineParser, LogRecord, TimeContext } from './record';
import { epochSecondsMs, isoLikeMs } from './time';
import { splitCsvLine } from '../parsers/csv';
import { bilingual } from '../i18n';

const KEYS = [
  'src',
  'dst',
  'domain',
  'url',
  'time',
  'srcport',
  'dstport',
  'proto',
  'mac',
  'hostname',
] as const;
type Key = (typeof KEYS)[number];
/** Column names by key, as given with --columns. */
export type ColumnMap = Partial<Record<Key, string>>;

/** Reads "src=COL,dst=COL,..." into a map; throws a bilingual message on an unknown key or a missing src. */
export function parseColumnsOption(text: string): ColumnMap {
  const out: ColumnMap = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim().toLowerCase() as Key;
    if (eq < 0 || !KEYS.includes(key))
      throw new Error(`"${part}": ${bilingual('msg.log.columnsSpec', { keys: KEYS.join(', ') })}`);
    out[key] = part.slice(eq + 1).trim();
  }
  if (!out.src || !(out.dst || out.domain || out.url)) throw new Error(bilingual('msg.log.columnsNeed'));
  return out;
}

/** A parser for a header-first CSV/TSV file read through a ColumnMap. */
export class ColumnsParser implements LineParser {
  readonly format = 'csv' as const;
  lastError?: string;
  private sep = '';
  private index: Partial<Record<Key, number>> = {};
  private width = 0;

  constructor(
    private readonly map: ColumnMap,
    private readonly ctx: TimeContext,
  ) {}

  parse(line: string, rec: LogRecord): Outcome {
    if (line.trim() === '') return Outcome.Skip;
    if (this.sep === '') return this.header(line);
    const f = splitCsvLine(line, { delimiter: this.sep }).fields;
    if (f.length < this.width) return this.bad(`${f.length} columns, the header has ${this.width}`);
    const get = (k: Key): string => {
      const i = this.index[k];
      return i === undefined ? '' : f[i].trim();
    };
    rec.reset();
    rec.src = get('src');
    rec.dst = get('dst');
    rec.domain = get('domain');
    rec.url = get('url');
    rec.srcPort = get('srcport');
    rec.dstPort = get('dstport');
    rec.proto = get('proto').toLowerCase();
    rec.mac = get('mac');
    rec.hostname = get('hostname');
    rec.timeText = get('time');
    rec.reader = this;
    return Outcome.Record;
  }

  private header(line: string): Outcome {
    const tabs = line.split('\t').length;
    const semis = line.split(';').length;
    const commas = line.split(',').length;
    this.sep = tabs >= commas && tabs >= semis && tabs > 1 ? '\t' : semis > commas ? ';' : ',';
    const names = splitCsvLine(line.replace(/^\uFEFF/, ''), { delimiter: this.sep }).fields.map((n) =>
      n.trim().toLowerCase(),
    );
    this.width = names.length;
    const missing: string[] = [];
    for (const k of KEYS) {
      const want = this.map[k];
      if (want === undefined) continue;
      const i = names.indexOf(want.toLowerCase());
      if (i < 0) missing.push(`${k}=${want}`);
      else this.index[k] = i;
    }
    if (missing.length > 0) {
      this.lastError = bilingual('msg.log.headerMissing', {
        columns: missing.join(', '),
        names: names.join(', '),
      });
      return Outcome.Bad;
    }
    return Outcome.Skip;
  }

  time(rec: LogRecord): number {
    const t = rec.timeText;
    return /^\d+(\.\d+)?$/.test(t) ? epochSecondsMs(t) : isoLikeMs(t, this.ctx);
  }

  private bad(why: string): Outcome {
    this.lastError = bilingual('msg.log.unreadable.csv', { why });
    return Outcome.Bad;
  }
}
