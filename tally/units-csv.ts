// Units import: a CSV with the columns code,name (header required, UTF-8, optional BOM, quotes as
// in RFC 4180; UTF-16 too, see decodeUnitsCsv). All or nothing: any bad line stops the import and
// is reported with its number.
import { decodeFeed } from '../shared/indicator-formats/decode';
import { splitCsvLine } from '../shared/parsers/csv';
import type { ParseIssue } from '../shared/domain';
import { unitCodeSchema } from '../shared/tally/result';
import type { UnitRow } from './store/types';

export interface UnitsCsv {
  units: UnitRow[];
  issues: ParseIssue[];
}

/** Splits one CSV line into fields; returns an error message for a malformed quote. */
function splitLine(line: string): string[] | string {
  const r = splitCsvLine(line, { trim: true });
  if (r.problem === 'unterminated-quote') return 'dấu ngoặc kép chưa đóng / unterminated quote';
  if (r.problem === 'text-after-quote') return 'ký tự thừa sau dấu ngoặc kép / text after a closing quote';
  return r.fields;
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
    issues.push({
      file,
      line: 1,
      message: 'dòng tiêu đề phải có cột "code" và "name" / the header must name the columns code,name',
    });
    return { units, issues };
  }
  lines.forEach((line, idx) => {
    const n = idx + 1;
    if (idx === 0 || line.trim() === '') return;
    const fields = splitLine(line);
    if (typeof fields === 'string') return void issues.push({ file, line: n, message: fields });
    if (fields.length !== cols.length) {
      return void issues.push({
        file,
        line: n,
        message: `cần ${cols.length} cột, có ${fields.length} / expected ${cols.length} columns, found ${fields.length}`,
      });
    }
    const code = fields[codeAt].trim();
    const name = fields[nameAt].trim();
    if (!unitCodeSchema.safeParse(code).success) {
      return void issues.push({
        file,
        line: n,
        message: `mã đơn vị "${code}" không hợp lệ (chữ, số, . _ -; tối đa 64) / invalid unit code`,
      });
    }
    if (name === '' || name.length > 200) {
      return void issues.push({
        file,
        line: n,
        message: 'tên đơn vị trống hoặc dài quá 200 ký tự / the name is empty or longer than 200 characters',
      });
    }
    const first = seen.get(code);
    if (first !== undefined)
      return void issues.push({
        file,
        line: n,
        message: `mã "${code}" trùng với dòng ${first} / duplicate of line ${first}`,
      });
    seen.set(code, n);
    units.push({ code, name });
  });
  if (units.length === 0 && issues.length === 0)
    issues.push({ file, line: 1, message: 'tệp không có đơn vị nào / the file lists no units' });
  return { units, issues };
}

/** One message a person can act on, listing every bad line. */
export function formatIssues(issues: ParseIssue[]): string {
  return `${issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('\n')}\nSửa các dòng trên rồi nhập lại; chưa có đơn vị nào được nhập. / Fix these lines and import again; nothing was imported.`;
}

/**
 * The text of a unit list as saved by Excel or PowerShell: UTF-8 (with or without BOM) or UTF-16
 * (LE/BE with BOM, or BOM-less LE, what `Export-Csv` and "Unicode Text" write). Throws on binary
 * data (a spreadsheet instead of its CSV export).
 */
export function decodeUnitsCsv(bytes: Uint8Array, file: string): string {
  const decoded = decodeFeed(bytes);
  if (decoded.binary !== undefined)
    throw new Error(
      `${file}: không phải tệp CSV (${decoded.binary}); hãy lưu thành CSV. / ${file}: not a CSV file (${decoded.binary}); save it as CSV.`,
    );
  return decoded.text;
}
