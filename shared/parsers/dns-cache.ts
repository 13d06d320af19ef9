// The Windows DNS client cache as `ipconfig /displaydns` and `Get-DnsClientCache` print it.
//
// Both are parsed by structure, never by label words, because ipconfig's labels are translated
// into every display language (and arrive with code-page mojibake): a record is a run of indented
// "label . . . : value" lines in a fixed order (name, type number, TTL, data length, section,
// data), and the record type is read from its number (1 A, 28 AAAA, 5 CNAME, 12 PTR) and checked
// against the shape of the value. Get-DnsClientCache is a Format-Table: its columns are found
// from the dashed ruler line, not from the header text, so a wrapped header ("Data L / ength")
// or the PowerShell 7 layout reads the same.
import type { DnsRecord, ParseIssue } from '../domain';
import { canonicalIp } from '../net/ip';
import { canonicalDomain } from '../net/domain';

/** Records read from one capture, and the lines that could not be read (file:line). */
export interface DnsParseResult {
  records: DnsRecord[];
  errors: ParseIssue[];
}

const TYPE_BY_NUMBER: Record<number, DnsRecord['type']> = { 1: 'A', 28: 'AAAA', 5: 'CNAME', 12: 'PTR' };
const TYPE_NAME: Record<string, number> = { A: 1, AAAA: 28, CNAME: 5, PTR: 12 };

interface Kv {
  value: string;
  line: number;
  raw: string;
}

/** An indented "label . . . : value" line; the first " :" ends the label (IPv6 values hold ':' but no " :"). */
function keyValue(line: string): { value: string } | null {
  const m = /^\s+\S.*?\s:(?:\s+(.*?))?\s*$/.exec(line);
  return m ? { value: m[1] ?? '' } : null;
}

/** Reads a value as the record type says, checking the shape; an issue message when it does not fit. */
function typedData(
  typeNumber: number | null,
  name: string,
  value: string,
): { type: DnsRecord['type']; data: string } | { problem: string } {
  const ip = canonicalIp(value);
  const domain = canonicalDomain(value);
  // Mapped IPv6 folds to IPv4 in canonicalIp, so the family is read from the canonical text.
  const ipType = (a: string): DnsRecord['type'] => (a.includes(':') ? 'AAAA' : 'A');
  const declared = typeNumber === null ? undefined : TYPE_BY_NUMBER[typeNumber];
  if (declared === 'A' || declared === 'AAAA') {
    if (ip === null)
      return { problem: `record type ${typeNumber} (${declared}) but "${value}" is not an address` };
    return { type: ipType(ip), data: ip };
  }
  if (declared === 'CNAME' || declared === 'PTR') {
    if (domain === null)
      return { problem: `record type ${typeNumber} (${declared}) but "${value}" is not a name` };
    return { type: declared, data: domain };
  }
  if (typeNumber !== null) return { type: 'OTHER', data: value };
  // No readable type number (mangled output): the shape of the value decides.
  if (ip !== null) return { type: ipType(ip), data: ip };
  if (domain !== null) return { type: /\.(in-addr|ip6)\.arpa$/.test(name) ? 'PTR' : 'CNAME', data: domain };
  return { type: 'OTHER', data: value };
}

/** Parses `ipconfig /displaydns` output in any display language into DNS records. */
export function parseIpconfigDisplayDns(text: string, file: string): DnsParseResult {
  const records: DnsRecord[] = [];
  const errors: ParseIssue[] = [];
  const lines = text.split(/\r?\n|\r/);
  let group: Kv[] = [];

  const flush = (): void => {
    if (group.length === 0) return;
    const g = group;
    group = [];
    const first = g[0];
    if (g.length < 6) {
      errors.push({
        file,
        line: first.line,
        message: `incomplete DNS record (${g.length} of 6 lines); capture the whole "ipconfig /displaydns" output`,
      });
      return;
    }
    const name = canonicalDomain(first.value);
    if (name === null) {
      errors.push({ file, line: first.line, message: `"${first.value}" is not a DNS name; record skipped` });
      return;
    }
    const num = (s: string): number | null => (/^\d+$/.test(s) ? Number(s) : null);
    const typeNumber = num(g[1].value);
    const last = g[g.length - 1];
    const read = typedData(typeNumber, name, last.value);
    if ('problem' in read) {
      errors.push({ file, line: last.line, message: `${read.problem}; record skipped` });
      return;
    }
    records.push({
      name,
      type: read.type,
      data: read.data,
      ttl: num(g[2].value),
      origin: 'dns-cache',
      file,
      line: first.line,
      text: `${name} ${read.type} ${read.data}`,
    });
  };

  lines.forEach((raw, i) => {
    const kv = keyValue(raw);
    if (kv === null) {
      flush();
      return;
    }
    group.push({ value: kv.value, line: i + 1, raw });
  });
  flush();
  return { records, errors };
}

const RULER = /^\s*-+(?:\s+-+){2,}\s*$/;
const TRUNCATED = /(\.\.\.|…)$/;

interface Column {
  key: string;
  start: number;
}

/** Column keys from the ruler (positions) and the header lines above it (names, possibly wrapped). */
function tableColumns(lines: string[], rulerIndex: number): Column[] {
  const ruler = lines[rulerIndex];
  const starts: number[] = [];
  for (const m of ruler.matchAll(/-+/g)) starts.push(m.index);
  const header: string[] = [];
  for (let i = rulerIndex - 1; i >= 0 && i >= rulerIndex - 3 && lines[i].trim() !== ''; i--)
    header.unshift(lines[i]);
  const names = starts.map((start, c) => {
    const end = c + 1 < starts.length ? starts[c + 1] : undefined;
    return header
      .map((h) => h.slice(start, end).trim())
      .join('')
      .toLowerCase();
  });
  const known = [
    'entry',
    'recordname',
    'recordtype',
    'status',
    'section',
    'timetolive',
    'datalength',
    'data',
  ];
  // Default Format-Table layout: eight columns in this order whatever the header says.
  if (starts.length === known.length && !names.includes('name'))
    return starts.map((start, c) => ({ key: known[c], start }));
  const alias: Record<string, string> = { name: 'recordname', type: 'recordtype', ttl: 'timetolive' };
  return starts.map((start, c) => ({ key: alias[names[c]] ?? names[c], start }));
}

/** Parses the table `Get-DnsClientCache` prints (one or several tables) into DNS records. */
export function parseDnsClientCache(text: string, file: string): DnsParseResult {
  const records: DnsRecord[] = [];
  const errors: ParseIssue[] = [];
  const lines = text.split(/\r?\n|\r/);
  const seen = new Set<string>();
  const push = (r: DnsRecord): void => {
    const key = `${r.name} ${r.type} ${r.data}`;
    if (seen.has(key)) return;
    seen.add(key);
    records.push(r);
  };

  for (let i = 0; i < lines.length; i++) {
    if (!RULER.test(lines[i])) continue;
    const columns = tableColumns(lines, i);
    const has = (k: string): boolean => columns.some((c) => c.key === k);
    if (!has('data') || !(has('recordname') || has('entry'))) {
      errors.push({
        file,
        line: i + 1,
        message:
          'DNS cache table without Entry/RecordName/Data columns; capture plain "Get-DnsClientCache" or "ipconfig /displaydns"',
      });
      continue;
    }
    for (i = i + 1; i < lines.length && lines[i].trim() !== '' && !RULER.test(lines[i]); i++) {
      const raw = lines[i].trimEnd();
      const cell: Record<string, string> = {};
      columns.forEach((c, k) => {
        const end = k + 1 < columns.length ? columns[k + 1].start : undefined;
        cell[c.key] = raw.slice(c.start, end).trim();
      });
      const data = cell.data ?? '';
      // Negative entries (NoRecords, NotExist) carry no data: nothing was resolved.
      if (data === '') continue;
      const lineNo = i + 1;
      const entryText = cell.entry ?? '';
      const entry = TRUNCATED.test(entryText) ? null : canonicalDomain(entryText);
      let nameText = cell.recordname || entryText;
      if (
        TRUNCATED.test(nameText) &&
        entry !== null &&
        entry.startsWith(nameText.replace(TRUNCATED, '').toLowerCase())
      )
        nameText = entryText;
      if (TRUNCATED.test(nameText)) {
        errors.push({
          file,
          line: lineNo,
          message: `name "${nameText}" was cut short by the console width; capture with "Get-DnsClientCache | Format-List" or "ipconfig /displaydns"`,
        });
        continue;
      }
      const name = canonicalDomain(nameText);
      if (name === null) {
        errors.push({ file, line: lineNo, message: `"${nameText}" is not a DNS name; row skipped` });
        continue;
      }
      const typeText = (cell.recordtype ?? '').toUpperCase();
      const typeNumber = /^\d+$/.test(typeText)
        ? Number(typeText)
        : (TYPE_NAME[typeText] ?? (typeText ? 0 : null));
      const read = typedData(typeNumber, name, data);
      if ('problem' in read) {
        errors.push({ file, line: lineNo, message: `${read.problem}; row skipped` });
        continue;
      }
      const ttl = /^\d+$/.test(cell.timetolive ?? '') ? Number(cell.timetolive) : null;
      const base = { ttl, origin: 'dns-cache' as const, file, line: lineNo, text: raw.trim() };
      push({ name, type: read.type, data: read.data, ...base });
      // Entry is the name that was asked for; a different RecordName means it was reached
      // through a CNAME chain, which this row proves even when the CNAME row is not shown.
      if (entry !== null && entry !== name && read.type !== 'PTR')
        push({ name: entry, type: 'CNAME', data: name, ...base });
    }
    i--;
  }
  return { records, errors };
}

const LIST_LINE = /^([A-Za-z]+)\s*:\s?(.*?)\s*$/;

/**
 * Parses `Get-DnsClientCache | Format-List` output (the form to capture when the table cuts
 * names short): blocks of "Property : value" lines; property names are never translated.
 */
export function parseDnsClientCacheList(text: string, file: string): DnsParseResult {
  const records: DnsRecord[] = [];
  const errors: ParseIssue[] = [];
  const lines = text.split(/\r?\n|\r/);
  let block: Record<string, string> = {};
  let start = 0;
  const flush = (): void => {
    const b = block;
    block = {};
    if (!('data' in b) || b.data === '') return;
    const nameText = b.recordname || b.entry || '';
    const name = canonicalDomain(nameText);
    if (name === null) {
      errors.push({ file, line: start, message: `"${nameText}" is not a DNS name; entry skipped` });
      return;
    }
    const typeText = (b.recordtype ?? b.type ?? '').toUpperCase();
    const typeNumber = /^\d+$/.test(typeText)
      ? Number(typeText)
      : (TYPE_NAME[typeText] ?? (typeText ? 0 : null));
    const read = typedData(typeNumber, name, b.data);
    if ('problem' in read) {
      errors.push({ file, line: start, message: `${read.problem}; entry skipped` });
      return;
    }
    const ttl = /^\d+$/.test(b.timetolive ?? '') ? Number(b.timetolive) : null;
    const base = {
      ttl,
      origin: 'dns-cache' as const,
      file,
      line: start,
      text: `${name} ${read.type} ${read.data}`,
    };
    records.push({ name, type: read.type, data: read.data, ...base });
    const entry = b.entry ? canonicalDomain(b.entry) : null;
    if (entry !== null && entry !== name && read.type !== 'PTR')
      records.push({ name: entry, type: 'CNAME', data: name, ...base });
  };
  lines.forEach((line, i) => {
    const m = LIST_LINE.exec(line);
    if (!m) {
      flush();
      return;
    }
    if (Object.keys(block).length === 0) start = i + 1;
    block[m[1].toLowerCase()] = m[2];
  });
  flush();
  return { records, errors };
}

/** True when the text looks like Get-DnsClientCache table output rather than ipconfig's. */
export function isDnsClientCacheTable(text: string): boolean {
  return text.split(/\r?\n|\r/).some((l) => RULER.test(l) && (l.match(/-+/g)?.length ?? 0) >= 4);
}

/**
 * Parses any of the three capture kinds, detected from structure: a dashed table ruler means the
 * Get-DnsClientCache table, unindented "Entry : ..." lines its Format-List form, else ipconfig.
 */
export function parseDnsCacheText(text: string, file: string): DnsParseResult {
  if (isDnsClientCacheTable(text)) return parseDnsClientCache(text, file);
  if (/^Entry\s*:/m.test(text) && /^Data\s*:/m.test(text)) return parseDnsClientCacheList(text, file);
  return parseIpconfigDisplayDns(text, file);
}
