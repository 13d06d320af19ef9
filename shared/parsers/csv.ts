// One CSV reader for every Windows command that prints `/fo csv` (tasklist, schtasks, driverquery),
// and the one cell writer for every CSV written for people (exports, the appendix report).
// RFC 4180 quoting: fields in double quotes, "" for a quote inside, commas and line breaks allowed
// inside quotes. Unquoted fields are taken as they are. CRLF and LF both end a record.

/** One CSV record and the 1-based line it starts on (for error messages). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Splits CSV text into records; blank lines are skipped. Never throws. `delimiter` is "," unless a
 * capture was written with PowerShell's `-UseCulture` (";" in most of Europe).
 */
export function readCsv(text: string, delimiter = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let recordHasContent = false;
  const endRecord = () => {
    if (recordHasContent) {
      fields.push(field);
      records.push({ fields, line: recordLine });
    }
    fields = [];
    field = '';
    recordHasContent = false;
  };
  // A leading BOM would otherwise glue itself to the first field.
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (!recordHasContent) recordLine = line;
      inQuotes = true;
      recordHasContent = true;
    } else if (c === delimiter) {
      if (!recordHasContent) recordLine = line;
      recordHasContent = true;
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
    } else {
      if (!recordHasContent) {
        recordLine = line;
        // White space alone does not make a record (trailing blanks after the last row).
        if (c === ' ' || c === '\t') {
          field += c;
          continue;
        }
      }
      recordHasContent = true;
      field += c;
    }
  }
  endRecord();
  return records;
}

// Spreadsheet programs execute cells that start with these; names in a capture are attacker-chosen.
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV cell for a file a person opens in a spreadsheet: formula prefixes neutralised, and quoted
 * when it holds a quote, a line break, a comma or a semicolon (Excel in a Vietnamese or European
 * locale splits on `;`).
 */
export function csvCell(value: string | number): string {
  const s = String(value);
  const safe = formulaStart.test(s) ? `'${s}` : s;
  return /[",;\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}
