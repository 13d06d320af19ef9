// Units import: a CSV with the columns code,name (header required, UTF-8, optional BOM, quotes as
// in RFC 4180; UTF-16 too, see decodeUnitsCsv). All or nothing: any bad line stops the import and
// is reported with its number.
import { decodeFeed } from '../shared/indicator-formats/decode';
import { splitCsvLine } from '../shared/parsers/csv';
import type { ParseIssue } from '../shared/domain';
import { userError } from '../shared/errors';
import { bilingual, word, type Message, type Params, type Wording } from '../shared/i18n';
import { unitCodeSchema } from '../shared/tally/result';
import type { UnitRow } from './store/types';

export interface UnitsCsv {
  units: UnitRow[];
  issues: ParseIssue[];
}

/** Splits one CSV line into fields; returns the catalogue message for a malformed quote. */
function splitLine(line: string): string[] | Message {
  const r = splitCsvLine(line, { trim: true });
  if (r.problem === 'unterminated-quote') return { code: 'tally.units.unterminatedQuote' };
  if (r.problem === 'text-after-quote') return { code: 'tally.units.textAfterQuote' };
  return r.fields;
}

/** A bad line: the catalogue message, and its words in both languages (the API's `issues`). */
function issue(file: string, line: number, code: string, params?: Params): ParseIssue {
  const text = params ? { code, params } : { code };
  return { file, line, message: word(text, 'both'), text };
}

/** Parses a units CSV; `file` names it in the issues (file:line). */
export function parseUnitsCsv(text: string, file: string): UnitsCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const issues: ParseIssue[] = [];
  const units: UnitRow[] = [];
  const seen = new Map<string, number>();
  const header = splitLine(lines[0] ?? '');
  const cols = Array.isArray(header) ? header.map((h) => h.trim().toLowerCase()) : [];
  const codeAt = cols.indexOf('code');
  const nameAt = cols.indexOf('name');
  if (codeAt < 0 || nameAt < 0) {
    issues.push(issue(file, 1, 'tally.units.header'));
    return { units, issues };
  }
  lines.forEach((line, idx) => {
    const n = idx + 1;
    if (idx === 0 || line.trim() === '') return;
    const fields = splitLine(line);
    if (!Array.isArray(fields)) return void issues.push(issue(file, n, fields.code));
    if (fields.length !== cols.length)
      return void issues.push(
        issue(file, n, 'tally.units.columns', { expected: cols.length, found: fields.length }),
      );
    const code = fields[codeAt].trim();
    const name = fields[nameAt].trim();
    if (!unitCodeSchema.safeParse(code).success)
      return void issues.push(issue(file, n, 'tally.units.badCode', { code }));
    if (name === '' || name.length > 200) return void issues.push(issue(file, n, 'tally.units.badName'));
    const first = seen.get(code);
    if (first !== undefined)
      return void issues.push(issue(file, n, 'tally.units.duplicate', { code, line: first }));
    seen.set(code, n);
    units.push({ code, name });
  });
  if (units.length === 0 && issues.length === 0) issues.push(issue(file, 1, 'tally.units.empty'));
  return { units, issues };
}

/**
 * One message a person can act on, listing every bad line: in `wording`, else as the command line
 * speaks (`--lang`).
 */
export function formatIssues(issues: ParseIssue[], wording?: Wording): string {
  const say = (m: Message) => (wording ? word(m, wording) : bilingual(m.code, m.params));
  const lines = issues.map((i) => `${i.file}:${i.line}: ${i.text ? say(i.text) : i.message}`);
  return `${lines.join('\n')}\n${say({ code: 'tally.units.fixAndRetry' })}`;
}

/**
 * The text of a unit list as saved by Excel or PowerShell: UTF-8 (with or without BOM) or UTF-16
 * (LE/BE with BOM, or BOM-less LE, what `Export-Csv` and "Unicode Text" write). Throws on binary
 * data (a spreadsheet instead of its CSV export).
 */
export function decodeUnitsCsv(bytes: Uint8Array, file: string): string {
  const decoded = decodeFeed(bytes);
  if (decoded.binary !== undefined)
    throw userError('tally.units.notCsv', { params: { file, kind: decoded.binary } });
  return decoded.text;
}
