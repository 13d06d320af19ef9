// abuse.ch CSV exports: Feodo Tracker ipblocklist.csv, URLhaus csv dumps and ThreatFox csv
// exports. Columns are found by the header where the file has one (abuse.ch added columns over
// the years: URLhaus' last_online, ThreatFox's is_compromised) and by position otherwise.
import { classifyHostPort, classifyUrl, classifyValue, parsePort } from './canon';
import { splitCsvLine } from '../parsers/csv';
import { splitLines } from './decode';
import { isCommentLine } from './lists';
import { FeedCollector, msg, quote, type FeedParseResult } from './types';

/** Splits one abuse.ch CSV line (blanks around fields, ThreatFox's '", "'); null if a quote is left open. */
export function parseCsvLine(line: string): string[] | null {
  const r = splitCsvLine(line, { trim: true });
  return r.problem === 'unterminated-quote' ? null : r.fields;
}

/** Column names from a header line, commented ("# id,dateadded,url") or not; null if the line is no header. */
function headerColumns(line: string, marker: string): string[] | null {
  const body = line.trim().replace(/^#\s*/, '');
  if (!body.includes(marker)) return null;
  const cols = parseCsvLine(body);
  return cols?.includes(marker) === true ? cols.map((c) => c.trim().toLowerCase()) : null;
}

interface CsvRow {
  line: number;
  fields: string[];
  col: (name: string) => string;
}

/** Walks the data rows of an abuse.ch CSV, resolving columns by header name or default position. */
function forEachRow(
  text: string,
  out: FeedCollector,
  marker: string,
  defaults: Record<string, number>,
  minFields: number,
  onRow: (row: CsvRow) => void,
): void {
  let index: Record<string, number> = { ...defaults };
  let dataSeen = false;
  splitLines(text).forEach((raw, i) => {
    // A header is a comment line or comes before the data; data rows never need the check.
    const header = !dataSeen || raw.trimStart().startsWith('#') ? headerColumns(raw, marker) : null;
    if (header !== null) {
      index = { ...defaults };
      for (const name of Object.keys(defaults)) {
        const at = header.indexOf(name);
        if (at >= 0) index[name] = at;
      }
      return;
    }
    if (isCommentLine(raw)) return;
    dataSeen = true;
    const fields = parseCsvLine(raw);
    if (fields === null || fields.length < minFields) {
      out.error(
        i + 1,
        fields === null
          ? msg('msg.formats.unterminatedQuote')
          : msg('msg.formats.fewColumns', { found: fields.length, min: minFields }),
      );
      return;
    }
    onRow({ line: i + 1, fields, col: (name) => fields[index[name] ?? -1]?.trim() ?? '' });
  });
}

function joinComment(...parts: string[]): string {
  return parts.filter((p) => p !== '' && p.toLowerCase() !== 'none').join(' · ');
}

/** Reads Feodo Tracker ipblocklist.csv (first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware). */
export function parseFeodoCsv(text: string, file: string): FeedParseResult {
  const out = new FeedCollector(file);
  const defaults = { dst_ip: 1, dst_port: 2, c2_status: 3, malware: 5 };
  forEachRow(text, out, 'dst_ip', defaults, 3, (row) => {
    const ip = classifyValue(row.col('dst_ip'), 'address');
    if (ip === null || ip.kind !== 'ip') {
      out.error(row.line, msg('msg.formats.notIp', { value: quote(row.col('dst_ip')) }));
      return;
    }
    const port = parsePort(row.col('dst_port'));
    const status = row.col('c2_status');
    out.add({
      ...ip,
      line: row.line,
      ...(port === null ? {} : { port }),
      comment: joinComment(row.col('malware'), status === '' ? '' : `C2 ${status}`),
    });
  });
  return out.result('feodo-csv');
}

/** Reads a URLhaus CSV dump (id,dateadded,url,url_status,[last_online,]threat,tags,...): the URL's host is the indicator. */
export function parseUrlhausCsv(text: string, file: string): FeedParseResult {
  const out = new FeedCollector(file);
  const defaults = { id: 0, url: 2, threat: 4, tags: 5 };
  forEachRow(text, out, 'url', defaults, 3, (row) => {
    const host = classifyUrl(row.col('url'));
    if (host === null) {
      out.error(row.line, msg('msg.formats.urlNoHost', { value: quote(row.col('url')) }));
      return;
    }
    const id = row.col('id');
    out.add({
      ...host,
      line: row.line,
      ...(/^\d+$/.test(id) ? { id: `urlhaus-${id}` } : {}),
      comment: joinComment(row.col('threat'), row.col('tags')),
    });
  });
  return out.result('urlhaus-csv');
}

const HASH_TYPES = new Set([
  'md5_hash',
  'sha1_hash',
  'sha256_hash',
  'sha3_384_hash',
  'imphash',
  'tlsh',
  'ssdeep',
]);

/** Reads a ThreatFox CSV export: ip:port, domain and url IOCs; file hashes are left out (counted as skipped). */
export function parseThreatfoxCsv(text: string, file: string): FeedParseResult {
  const out = new FeedCollector(file);
  const defaults = { ioc_id: 1, ioc_value: 2, ioc_type: 3, threat_type: 4, malware_printable: 7 };
  forEachRow(text, out, 'ioc_value', defaults, 4, (row) => {
    const type = row.col('ioc_type').toLowerCase();
    const value = row.col('ioc_value');
    if (HASH_TYPES.has(type)) {
      out.skipped++;
      return;
    }
    let found;
    if (type === 'ip:port') found = classifyHostPort(value, 'address');
    else if (type === 'domain') found = classifyValue(value, 'domain');
    else if (type === 'url') found = classifyUrl(value);
    else {
      out.error(row.line, msg('msg.formats.unsupportedIocType', { type: quote(type) }));
      return;
    }
    if (found === null || found.kind === 'cidr') {
      out.error(row.line, msg('msg.formats.invalidIocValue', { value: quote(value), type }));
      return;
    }
    const id = row.col('ioc_id');
    out.add({
      ...found,
      line: row.line,
      ...(/^\d+$/.test(id) ? { id: `threatfox-${id}` } : {}),
      comment: joinComment(row.col('malware_printable'), row.col('threat_type')),
    });
  });
  return out.result('threatfox-csv');
}
