// Parser for the services list. The live collector runs `sc query type= service state= all`
// (file "sc", args ["query", "type=", "service", "state=", "all"]) because it lists STOPPED
// services too: a KMS activator service is often idle between its runs. Captures from another PC
// may instead be `tasklist /svc` (table or /fo csv): running services with their process, which
// also names the running executables. All three are recognised by structure:
//   - sc: a block starts with an unindented "KEY: name" line, the next unindented one is the display
//     name, an indented "KEY : <digit> <WORD>" line is the state (labels can be translated);
//   - tasklist table: an underline of "=" runs gives the column widths;
//   - tasklist CSV: quoted fields, the PID field numeric (a translated header row is skipped).
import type { ParseIssue } from '../domain';
import { readCsv } from './csv';
import { isNoService, learnNotAvailable } from './tasklist';
import { bilingual } from '../i18n';

/** One Windows service. */
export interface ServiceEntry {
  /** Service (key) name, e.g. "Service KMSELDI". */
  name: string;
  displayName: string | null;
  /** "RUNNING", "STOPPED"... from sc; null from tasklist (always running there). */
  state: string | null;
  /** Hosting process, from tasklist /svc only. */
  imageName: string | null;
  pid: number | null;
  line: number;
}

/** A running process named by tasklist /svc. */
export interface ServiceProcess {
  imageName: string;
  pid: number;
  line: number;
}

/** Result of parsing a services capture. */
export interface ServicesReport {
  format: 'sc-query' | 'tasklist-svc' | 'tasklist-svc-csv' | 'unknown';
  services: ServiceEntry[];
  processes: ServiceProcess[];
  errors: ParseIssue[];
}

// "N/A" in any language (isNoService in tasklist.ts, where the words and their sources are);
// "-" is what the table form prints for a process with no service on some systems.
const splitServices = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '-' && !isNoService(s));

function parseSc(lines: string[], file: string): ServicesReport {
  const services: ServiceEntry[] = [];
  let current: ServiceEntry | null = null;
  let expectDisplay = false;
  lines.forEach((raw, i) => {
    const text = raw.replace(/\r$/, '');
    if (text.trim() === '' || text.startsWith('[SC]')) return;
    const kv = /^([^:\s][^:]*?)\s*:\s?(.*)$/.exec(text);
    if (kv && !/^\s/.test(text)) {
      if (expectDisplay && current) {
        current.displayName = kv[2].trim() || null;
        expectDisplay = false;
        return;
      }
      current = {
        name: kv[2].trim(),
        displayName: null,
        state: null,
        imageName: null,
        pid: null,
        line: i + 1,
      };
      services.push(current);
      expectDisplay = true;
      return;
    }
    expectDisplay = false;
    const state = /^\s+[^:]+:\s*[1-7]\s+([A-Z_]+)\s*$/.exec(text);
    if (state && current && current.state === null) current.state = state[1]!;
  });
  return { format: 'sc-query', services, processes: [], errors: bad(services.length, file) };
}

function parseTable(lines: string[], file: string): ServicesReport {
  const services: ServiceEntry[] = [];
  const processes: ServiceProcess[] = [];
  const ruleAt = lines.findIndex((l) => /^=+ +=+ +=+\s*$/.test(l.replace(/\r$/, '')));
  const rule = lines[ruleAt].replace(/\r$/, '');
  const pidStart = rule.indexOf(' =') + 1;
  const svcStart = rule.indexOf(' =', pidStart) + 1;
  let last: ServiceProcess | null = null;
  // The services `owner` runs, as `tasklist /svc` lists them (no display name, no state).
  const owned = (names: readonly string[], owner: ServiceProcess, line: number): void => {
    for (const name of names)
      services.push({
        name,
        displayName: null,
        state: null,
        imageName: owner.imageName,
        pid: owner.pid,
        line,
      });
  };
  for (let i = ruleAt + 1; i < lines.length; i++) {
    const text = lines[i].replace(/\r$/, '');
    if (text.trim() === '') continue;
    const line = i + 1;
    if (/^\s/.test(text) && last) {
      // A long services list continues on the next line, indented to the Services column.
      owned(splitServices(text), last, line);
      continue;
    }
    const image = text.slice(0, pidStart).trim();
    const pid = Number(text.slice(pidStart, svcStart).trim());
    if (image === '' || !Number.isInteger(pid)) {
      const m = /^(.+?)\s+(\d+)\s+(.*)$/.exec(text);
      if (!m) continue;
      last = { imageName: m[1].trim(), pid: Number(m[2]), line };
      processes.push(last);
      owned(splitServices(m[3]), last, line);
      continue;
    }
    last = { imageName: image, pid, line };
    processes.push(last);
    owned(splitServices(text.slice(svcStart)), last, line);
  }
  return { format: 'tasklist-svc', services, processes, errors: bad(processes.length, file) };
}

function parseCsvSvc(text: string, file: string): ServicesReport {
  const services: ServiceEntry[] = [];
  const processes: ServiceProcess[] = [];
  for (const { fields, line } of readCsv(text)) {
    if (fields.length !== 3 || !/^\d+$/.test(fields[1].trim())) continue; // header or noise
    const p = { imageName: fields[0].trim(), pid: Number(fields[1]), line };
    processes.push(p);
    for (const name of splitServices(fields[2]))
      services.push({ name, displayName: null, state: null, imageName: p.imageName, pid: p.pid, line });
  }
  return { format: 'tasklist-svc-csv', services, processes, errors: bad(processes.length, file) };
}

const bad = (count: number, file: string): ParseIssue[] =>
  count > 0
    ? []
    : [
        {
          file,
          line: 1,
          message: bilingual('msg.capture.noService'),
        },
      ];

/** Parses `sc query type= service state= all`, `tasklist /svc` or `tasklist /svc /fo csv` output. */
export function parseServices(text: string, file = 'services'): ServicesReport {
  const clean = text.replace(/^\uFEFF/, '');
  const lines = clean.split('\n');
  if (lines.some((l) => /^=+ +=+ +=+\s*$/.test(l.replace(/\r$/, ''))))
    return withoutLearnedNone(parseTable(lines, file));
  // Exactly three quoted fields: `tasklist /v /fo csv` (nine fields) is not a services list.
  if (/^\s*"[^"]*","\d+","[^"]*"\s*$/m.test(clean)) return withoutLearnedNone(parseCsvSvc(clean, file));
  if (lines.some((l) => /^\s+[^:]+:\s*[1-7]\s+[A-Z_]+\s*\r?$/.test(l))) return parseSc(lines, file);
  return { format: 'unknown', services: [], processes: [], errors: bad(0, file) };
}

/** Drops the capture's own "N/A" word, learned from the PID 0 and PID 4 rows (see tasklist.ts). */
function withoutLearnedNone(report: ServicesReport): ServicesReport {
  const learned = learnNotAvailable(
    report.services,
    (s) => s.pid ?? -1,
    (s) => s.name,
  );
  return { ...report, services: report.services.filter((s) => !learned.has(s.name)) };
}
