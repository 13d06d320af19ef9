// `tasklist /fo csv /nh` (and `/v`, and `/svc`) in any display language. Column headers are
// translated ("Image Name", "イメージ名", "Abbildname"), so rows are recognised by structure: the
// second field is the PID and is all digits. A record whose PID field is not numeric is a header
// line (without /nh) and is skipped; any other malformed record is reported with its line.
import type { ParseIssue } from '../domain';
import { readCsv, type CsvRecord } from './csv';
import { WINDOWS_LANGUAGES } from './windows-languages';
import { bilingual } from '../i18n';

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
        `${bilingual('msg.parse.tasklistRow')}: "${fields.join(',').slice(0, 80)}". ` +
        `${bilingual('msg.parse.captureWith')}: tasklist /fo csv /nh`,
    });
  }
  return { records, errors };
}

/** Memory column to KB: the digits of "10,924 K" whatever the thousands separator. */
function parseMemory(text: string | undefined): number | null {
  const digits = (text ?? '').replace(/[^0-9]/g, '');
  return digits === '' ? null : Number(digits);
}

/** The "N/A" words of tasklist seen in real output, lower-cased (windows-languages.ts has the sources). */
const NOT_AVAILABLE_WORDS: ReadonlySet<string> = new Set(
  WINDOWS_LANGUAGES.flatMap((l) => l.notAvailable.map((w) => w.word.toLowerCase())),
);

// PID 0 (System Idle Process) and PID 4 (System) never host a service and never own a window, so
// what tasklist prints in those cells is its "N/A" word, in whatever language the capture is.
const NO_SERVICE_PIDS = new Set([0, 4]);

/**
 * The capture's own "N/A" word(s), read from the PID 0 and PID 4 rows: `cell` gives the column
 * (services, or window title). A cell holding a list (a comma) is not taken.
 */
export function learnNotAvailable<T>(
  rows: readonly T[],
  pid: (row: T) => number,
  cell: (row: T) => string,
): Set<string> {
  const learned = new Set<string>();
  for (const row of rows) {
    const text = cell(row).trim();
    if (NO_SERVICE_PIDS.has(pid(row)) && text !== '' && !text.includes(',')) learned.add(text);
  }
  return learned;
}

/** True when a tasklist cell (user name, window title) says "N/A" in a known or learned word. */
export function isNotAvailable(text: string, learned: ReadonlySet<string> = new Set()): boolean {
  const t = text.trim();
  return t === '' || NOT_AVAILABLE_WORDS.has(t.toLowerCase()) || learned.has(t);
}

/**
 * True when one name of the services column is not a service: "N/A" in a known or learned word,
 * or any word with "/" or "\\", which a service name cannot contain (CreateService,
 * learn.microsoft.com), so "N/A", "N/D" and "Н/Д" are caught in every language.
 */
export function isNoService(name: string, learned: ReadonlySet<string> = new Set()): boolean {
  return isNotAvailable(name, learned) || /[/\\]/.test(name);
}

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
  const learned = learnNotAvailable(
    records,
    (r) => Number(r.fields[1].trim()),
    (r) => r.fields[8],
  );
  const orNull = (value: string) => (isNotAvailable(value, learned) ? null : value.trim());
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
 * Parses `tasklist /svc /fo csv /nh` into pid → service names. "N/A" in any language means no
 * service (isNoService; the capture's own word is learned from its PID 0 and 4 rows). Service
 * names may contain spaces ("Service KMSELDI"), so only the comma separates them. The default
 * table form (a "====" rule under the header gives the column widths) is read too, since that is
 * what people paste.
 */
export function parseTasklistSvc(
  text: string,
  file = 'tasklist-svc',
): { services: Map<number, string[]>; errors: ParseIssue[] } {
  const table = svcTableRows(text);
  if (table) return { services: servicesByPid(table), errors: [] };
  const { records, errors } = processRecords(text, file, 3);
  const rows = records.map(({ fields }) => ({ pid: Number(fields[1].trim()), lists: [fields[2]] }));
  return { services: servicesByPid(rows), errors };
}

interface SvcRow {
  pid: number;
  /** The services column of the row, then of the lines it wrapped onto. */
  lists: string[];
}

function servicesByPid(rows: readonly SvcRow[]): Map<number, string[]> {
  const learned = learnNotAvailable(
    rows,
    (r) => r.pid,
    (r) => r.lists.join(','),
  );
  const services = new Map<number, string[]>();
  for (const { pid, lists } of rows) {
    services.set(
      pid,
      lists
        .join(',')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '' && !isNoService(name, learned)),
    );
  }
  return services;
}

/** The fixed-width form: columns are where the "=" runs of the rule line are. Null if not that form. */
function svcTableRows(text: string): SvcRow[] | null {
  const lines = text.split(/\r?\n/);
  const ruleAt = lines.findIndex((l) => /^=+ +=+ +=+\s*$/.test(l));
  if (ruleAt < 0) return null;
  const runs = [...lines[ruleAt].matchAll(/=+/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  const rows: SvcRow[] = [];
  let last: SvcRow | null = null;
  for (const line of lines.slice(ruleAt + 1)) {
    if (line.trim() === '') continue;
    const pidText = line.slice(runs[1].start, runs[1].end).trim();
    const list = line.slice(runs[2].start);
    if (pidText === '' && last) {
      // A long service list wraps onto lines whose image and PID columns are blank.
      last.lists.push(list);
      continue;
    }
    if (!PID.test(pidText)) continue;
    last = { pid: Number(pidText), lists: [list] };
    rows.push(last);
  }
  return rows;
}
