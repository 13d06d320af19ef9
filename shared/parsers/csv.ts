// The one CSV reader and the one CSV writer of the project. The reader serves every Windows command
// that prints `/fo csv` (tasklist, schtasks, Export-Csv), the abuse.ch feeds, CSV logs, the tally's
// units import; the writer every CSV written for people (the app's and the CLI's exports, the hunt
// report, the appendix report). RFC 4180 quoting: fields in double quotes, "" for a quote inside,
// delimiters and line breaks allowed inside quotes; CRLF, LF and CR end a record.

/** What was wrong with a record the reader still returned. */
export type CsvProblem = 'unterminated-quote' | 'text-after-quote';

/** One CSV record and the 1-based line it starts on (for error messages). */
export interface CsvRecord {
  fields: string[];
  line: number;
  /** Set when a quote was left open (the field runs to the end) or text followed a closing quote (dropped). */
  problem?: CsvProblem;
}

/** How to read: the delimiter ("," unless PowerShell's `-UseCulture` or Excel wrote ";"), and trimming. */
export interface CsvReadOptions {
  delimiter?: string;
  /** Trims unquoted fields and the blanks around quoted ones (`a, "b" ,c`, ThreatFox's `", "`). */
  trim?: boolean;
}

interface Scan {
  fields: string[];
  end: number;
  problem: CsvProblem | undefined;
}

const isBlank = (c: string | undefined, delimiter: string) => (c === ' ' || c === '\t') && c !== delimiter;

// Reads the record of `text` that starts at `pos`; `end` is just past its line break.
// With `breaks` false a line break outside quotes is an ordinary character (one line given alone).
function scanRecord(text: string, pos: number, delimiter: string, trim: boolean, breaks: boolean): Scan {
  const fields: string[] = [];
  const n = text.length;
  let problem: CsvProblem | undefined;
  let i = pos;
  const toBreak = (from: number): number => {
    let j = from;
    while (j < n && text[j] !== delimiter && !(breaks && (text[j] === '\n' || text[j] === '\r'))) j++;
    return j;
  };
  for (;;) {
    let j = i;
    if (trim) while (isBlank(text[j], delimiter)) j++;
    let field: string;
    if (text[j] === '"') {
      // Slices between quotes rather than appending characters: dumps run to millions of rows.
      field = '';
      let from = j + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) {
          fields.push(field + text.slice(from));
          return { fields, end: n, problem: 'unterminated-quote' };
        }
        field += text.slice(from, q);
        if (text[q + 1] === '"') {
          field += '"';
          from = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      const after = toBreak(j);
      for (let k = j; k < after; k++)
        if (!(trim && isBlank(text[k], delimiter))) {
          problem ??= 'text-after-quote';
          break;
        }
      i = after;
    } else {
      const after = toBreak(i);
      field = text.slice(i, after);
      if (trim) field = field.trim();
      i = after;
    }
    fields.push(field);
    if (i >= n) return { fields, end: n, problem };
    if (text[i] === delimiter) {
      i++;
      continue;
    }
    return { fields, end: text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1, problem };
  }
}

/** Splits one line (or one record whose quoted fields hold line breaks) into its fields. */
export function splitCsvLine(
  line: string,
  options: CsvReadOptions = {},
): { fields: string[]; problem?: CsvProblem } {
  const r = scanRecord(line, 0, options.delimiter ?? ',', options.trim ?? false, false);
  return r.problem ? { fields: r.fields, problem: r.problem } : { fields: r.fields };
}

/**
 * Splits CSV text into records; blank lines are skipped. Never throws. `delimiter` is "," unless a
 * capture was written with PowerShell's `-UseCulture` (";" in most of Europe).
 */
export function readCsv(text: string, delimiter = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  // A leading BOM would otherwise glue itself to the first field.
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < text.length) {
    const r = scanRecord(text, pos, delimiter, false, true);
    const raw = text.slice(pos, r.end);
    // White space alone does not make a record (trailing blanks after the last row).
    if (raw.trim() !== '')
      records.push(r.problem ? { fields: r.fields, line, problem: r.problem } : { fields: r.fields, line });
    line += raw.match(/\r\n|\r|\n/g)?.length ?? 0;
    pos = r.end;
  }
  return records;
}

// Spreadsheet programs execute cells that start with these; names in a capture are attacker-chosen.
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV cell for a file a person opens in a spreadsheet: formula prefixes neutralised, and quoted
 * when it holds a quote, a line break, a comma or a semicolon (Excel in a Vietnamese or European
 * locale splits on `;`), so the same cell is right whichever delimiter the file uses.
 */
export function csvCell(value: string | number | undefined | null): string {
  const s = value === undefined || value === null ? '' : String(value);
  const safe = formulaStart.test(s) ? `'${s}` : s;
  return /[",;\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** How to write: "," (default) or ";" for Excel in a Vietnamese or European locale; BOM on by default. */
export interface CsvWriteOptions {
  delimiter?: ',' | ';';
  /** A UTF-8 byte order mark first, so Excel on Windows reads Vietnamese text (default true). */
  bom?: boolean;
}

/** CSV text of `rows` (CRLF line ends, each line ended), every cell through {@link csvCell}. */
export function writeCsv(
  rows: readonly (readonly (string | number | undefined | null)[])[],
  options: CsvWriteOptions = {},
): string {
  const delimiter = options.delimiter ?? ',';
  const body = rows.map((r) => r.map(csvCell).join(delimiter)).join('\r\n');
  return `${options.bom === false ? '' : '\uFEFF'}${body}${rows.length > 0 ? '\r\n' : ''}`;
}
