// One CSV reader for every Windows command that prints `/fo csv` (tasklist, schtasks, driverquery).
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
