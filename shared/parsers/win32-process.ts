// `Get-CimInstance Win32_Process | Select ProcessId,ParentProcessId,Name,ExecutablePath,CommandLine`
// saved with `Export-Csv` / `ConvertTo-Csv` or `ConvertTo-Json`. The property names are CIM names and
// are never translated, whatever the display language; what varies is the encoding (the caller
// decodes UTF-16/UTF-8), the `#TYPE …` first line of Windows PowerShell 5.1, the list separator
// when `-UseCulture` was given (";" in most of Europe), and how a null is written (`,,` in 5.1,
// `""` in 7). ExecutablePath is null when the capture ran without elevation for another user's or a
// protected process: that is kept as null (never guessed from the name).
import type { ParseIssue } from '../domain';
import { readCsv } from './csv';
import { bilingual } from '../i18n';

/** One process of a Win32_Process capture. */
export interface Win32ProcessRow {
  pid: number;
  parentPid: number | null;
  name: string | null;
  executablePath: string | null;
  commandLine: string | null;
  /** 1-based line of the row in the capture (JSON: the line its object starts on). */
  line: number;
}

const CAPTURE =
  'Get-CimInstance Win32_Process | Select ProcessId,ParentProcessId,Name,ExecutablePath,CommandLine';
/** How to capture the processes again, as CSV or as JSON. */
const hint = (json = false): string =>
  `${bilingual('msg.parse.captureWith')}: ${CAPTURE} | ${json ? 'ConvertTo-Json | Out-File processes.json' : 'Export-Csv processes.csv'}`;

const COLUMNS = ['processid', 'parentprocessid', 'name', 'executablepath', 'commandline'] as const;
type Column = (typeof COLUMNS)[number];

const DIGITS = /^\d+$/;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && DIGITS.test(v.trim())) return Number(v.trim());
  return null;
};

/** Reads a Win32_Process capture in CSV or JSON form. Never throws; problems carry file and line. */
export function parseWin32Process(
  input: string,
  file: string,
): { rows: Win32ProcessRow[]; errors: ParseIssue[] } {
  const body = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const first = body.trimStart()[0];
  return first === '[' || first === '{' ? parseJson(body, file) : parseCsv(body, file);
}

function parseCsv(input: string, file: string): { rows: Win32ProcessRow[]; errors: ParseIssue[] } {
  const errors: ParseIssue[] = [];
  const rows: Win32ProcessRow[] = [];
  // The list separator is whatever follows the first quoted header name ("ProcessId";"Name"…).
  const header = /"?ProcessId"?\s*([,;\t|])/i.exec(input);
  const delimiter = header?.[1] ?? ',';
  let index: Partial<Record<Column, number>> | null = null;
  for (const { fields, line } of readCsv(input, delimiter)) {
    const firstField = (fields[0] ?? '').trim();
    if (index === null) {
      if (firstField.startsWith('#')) continue; // #TYPE Selected.Microsoft.Management.Infrastructure.CimInstance
      const names = fields.map((f) => f.trim().toLowerCase());
      if (names.includes('processid')) {
        index = {};
        for (const c of COLUMNS) {
          const at = names.indexOf(c);
          if (at >= 0) index[c] = at;
        }
        continue;
      }
      errors.push({
        file,
        line,
        message: `${bilingual('msg.parse.noProcessIdHeader')}. ${hint()}`,
      });
      return { rows, errors };
    }
    const at = (c: Column): string | undefined => {
      const i = index?.[c];
      return i === undefined ? undefined : fields[i];
    };
    const pid = num(at('processid'));
    if (pid === null) {
      errors.push({
        file,
        line,
        message: `${bilingual('msg.parse.noProcessId')}: "${fields.join(delimiter).slice(0, 80)}"`,
      });
      continue;
    }
    rows.push({
      pid,
      parentPid: num(at('parentprocessid')),
      name: text(at('name')),
      executablePath: text(at('executablepath')),
      commandLine: text(at('commandline')),
      line,
    });
  }
  if (index === null) {
    errors.push({ file, line: 1, message: `${bilingual('msg.parse.emptyFile')}. ${hint()}` });
  }
  return { rows, errors };
}

/** Line (1-based) of each top-level object's opening brace, for error messages. */
function objectLines(input: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === (input.trimStart()[0] === '[' ? 1 : 0)) lines.push(line);
      depth++;
    } else if (c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return lines;
}

function parseJson(input: string, file: string): { rows: Win32ProcessRow[]; errors: ParseIssue[] } {
  let data: unknown;
  try {
    data = JSON.parse(input);
  } catch (e) {
    return {
      rows: [],
      errors: [
        {
          file,
          line: 1,
          message: `${bilingual('msg.parse.unreadableJson', { error: e instanceof Error ? e.message : String(e) })}. ${hint(true)}`,
        },
      ],
    };
  }
  // ConvertTo-Json writes a lone object (not an array) when there is one process.
  const items = Array.isArray(data) ? data : [data];
  const lines = objectLines(input);
  const rows: Win32ProcessRow[] = [];
  const errors: ParseIssue[] = [];
  items.forEach((item, i) => {
    const line = lines[i] ?? 1;
    const o = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : null;
    const pid = o ? num(o.ProcessId) : null;
    if (o === null || pid === null) {
      errors.push({
        file,
        line,
        message: bilingual('msg.parse.itemNoProcessId', { item: i + 1 }),
      });
      return;
    }
    rows.push({
      pid,
      parentPid: num(o.ParentProcessId),
      name: text(o.Name),
      executablePath: text(o.ExecutablePath),
      commandLine: text(o.CommandLine),
      line,
    });
  });
  return { rows, errors };
}
