// `tasklist /fo csv /nh` (and `/v`, and `/svc`) in any display language. Column headers are
// translated ("Image Name", "イメージ名", "Abbildname"), so rows are recognised by structure: the
// second field is the PID and is all digits. A record whose PID field is not numeric is a header
// line (without /nh) and is skipped; any other malformed record is reported with its line.
import type { ParseIssue } from '../domain';
import { readCsv, type CsvRecord } from './csv';

/** One process from `tasklist /fo csv`. */
export interface TasklistRow {
  pid: number;
  imageName: string;
  sessionName: string;
  /** Memory in KB ("10,924 K", "10.924 K", "10 924 Ko" all give 10924), null when unreadable. */
  memory: number | null;
}

/** One process from `tasklist /v /fo csv`: the base columns plus the verbose ones. */
export interface TasklistVerboseRow extends TasklistRow {
  status: string;
  userName: string | null;
  cpuTime: string;
  windowTitle: string | null;
}

const PID = /^\d+$/;

/** Reads the records whose PID column is numeric; headers are skipped, other junk reported. */
function processRecords(
  text: string,
  file: string,
  minFields: number,
): { records: CsvRecord[]; errors: ParseIssue[] } {
  const records: CsvRecord[] = [];
  const errors: ParseIssue[] = [];
  let seenRow = false;
  for (const record of readCsv(text)) {
    const { fields, line } = record;
    const pidField = fields[1]?.trim() ?? '';
    if (fields.length >= minFields && PID.test(pidField)) {
      records.push(record);
      seenRow = true;
      continue;
    }
    // A localised header line: the right shape, and its PID column holds a word.
    if (!seenRow && fields.length >= minFields && pidField !== '') continue;
    errors.push({
      file,
      line,
      message:
        `Dòng không phải tiến trình của tasklist, đã bỏ qua / not a tasklist process row, skipped: ` +
        `"${fields.join(',').slice(0, 80)}". Hãy lưu lại bằng / capture with: tasklist /fo csv /nh`,
    });
  }
  return { records, errors };
}

/** Memory column to KB: the digits of "10,924 K" whatever the thousands separator. */
function parseMemory(text: string | undefined): number | null {
  const digits = (text ?? '').replace(/[^0-9]/g, '');
  return digits === '' ? null : Number(digits);
}

/** "N/A" and its translations, for user name and window title. */
const NOT_AVAILABLE =
  /^(n\/a|n\/d|nv|n\.a\.|n\.v\.|k\. a\.|non disponible|no disponible|nicht zutreffend|keine|non applicable|no aplicable|não aplicável|không áp dụng|không có|なし|无|無)$/i;

/** Parses `tasklist /fo csv /nh` (a localised header line is recognised and skipped). */
export function parseTasklistCsv(
  text: string,
  file = 'tasklist',
): { rows: TasklistRow[]; errors: ParseIssue[] } {
  const { records, errors } = processRecords(text, file, 5);
  const rows = records.map(({ fields }) => ({
    imageName: fields[0].trim(),
    pid: Number(fields[1].trim()),
    sessionName: fields[2].trim(),
    memory: parseMemory(fields[4]),
  }));
  return { rows, errors };
}

/** Parses `tasklist /v /fo csv /nh`: adds status, user name, CPU time and window title. */
export function parseTasklistVerbose(
  text: string,
  file = 'tasklist',
): { rows: TasklistVerboseRow[]; errors: ParseIssue[] } {
  const { records, errors } = processRecords(text, file, 9);
  const orNull = (value: string) =>
    NOT_AVAILABLE.test(value.trim()) || value.trim() === '' ? null : value.trim();
  const rows = records.map(({ fields }) => ({
    imageName: fields[0].trim(),
    pid: Number(fields[1].trim()),
    sessionName: fields[2].trim(),
    memory: parseMemory(fields[4]),
    status: fields[5].trim(),
    userName: orNull(fields[6]),
    cpuTime: fields[7].trim(),
    windowTitle: orNull(fields[8]),
  }));
  return { rows, errors };
}

/**
 * Parses `tasklist /svc /fo csv /nh` into pid → service names. "N/A" and its translations
 * ("Non applicable", "Keine", ...) mean no service. Service names may contain spaces
 * ("Service KMSELDI"), so only the comma separates them. The default table form (a "====" rule
 * under the header gives the column widths) is read too, since that is what people paste.
 */
export function parseTasklistSvc(
  text: string,
  file = 'tasklist-svc',
): { services: Map<number, string[]>; errors: ParseIssue[] } {
  const table = parseSvcTable(text);
  if (table) return { services: table, errors: [] };
  const { records, errors } = processRecords(text, file, 3);
  const services = new Map<number, string[]>();
  for (const { fields } of records) services.set(Number(fields[1].trim()), splitServices(fields[2]));
  return { services, errors };
}

function splitServices(list: string): string[] {
  const trimmed = list.trim();
  if (NOT_AVAILABLE.test(trimmed)) return [];
  return trimmed
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** The fixed-width form: columns are where the "=" runs of the rule line are. Null if not that form. */
function parseSvcTable(text: string): Map<number, string[]> | null {
  const lines = text.split(/\r?\n/);
  const ruleAt = lines.findIndex((l) => /^=+ +=+ +=+\s*$/.test(l));
  if (ruleAt < 0) return null;
  const runs = [...lines[ruleAt].matchAll(/=+/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  const services = new Map<number, string[]>();
  let last: string[] | null = null;
  for (const line of lines.slice(ruleAt + 1)) {
    if (line.trim() === '') continue;
    const pidText = line.slice(runs[1].start, runs[1].end).trim();
    const list = splitServices(line.slice(runs[2].start));
    if (pidText === '' && last) {
      // A long service list wraps onto lines whose image and PID columns are blank.
      last.push(...list);
      continue;
    }
    if (!PID.test(pidText)) continue;
    last = list;
    services.set(Number(pidText), last);
  }
  return services;
}
