// Parser for scheduled tasks as listed by `schtasks /query /fo csv /v` (the exact command the
// licensing service runs: file "schtasks", args ["/query", "/fo", "csv", "/v"]).
// Why this form: CSV quotes every field (task commands contain commas and spaces), and /v adds
// "Task To Run". The header row is translated ("HostName" / "ホスト名" / "Hostname"...) and, on
// older Windows, repeated before each task folder, but the COLUMN ORDER is fixed on every language:
//   0 HostName, 1 TaskName, 2 Next Run Time, 3 Status, 4 Logon Mode, 5 Last Run Time,
//   6 Last Result, 7 Author, 8 Task To Run, 9 Start In, 10 Comment, 11 Scheduled Task State,
//   ... 14 Run As User ...
// So a row is a task when its TaskName field starts with "\" (a task path); anything else (headers,
// "INFO: ..." banners, folder titles) is skipped by structure.
import type { ParseIssue } from '../domain';
import { readCsv } from './csv';

/** One scheduled task (one trigger row of schtasks /v; a task with two triggers appears twice). */
export interface ScheduledTask {
  /** Full task path, e.g. "\AutoPico Daily Restart" or "\Microsoft\Windows\...\Task". */
  path: string;
  /** Last path segment. */
  name: string;
  /** The command line the task starts (Task To Run), "" when unknown. */
  command: string;
  status: string;
  author: string;
  runAs: string;
  line: number;
}

/** Parses `schtasks /query /fo csv /v` output (any display language) into tasks. */
export function parseSchtasks(
  text: string,
  file = 'schtasks',
): { tasks: ScheduledTask[]; errors: ParseIssue[] } {
  const tasks: ScheduledTask[] = [];
  const errors: ParseIssue[] = [];
  let sawHeader = false;
  for (const { fields, line } of readCsv(text)) {
    const path = (fields[1] ?? '').trim();
    if (!path.startsWith('\\')) {
      if (fields.length >= 9) sawHeader = true;
      continue;
    }
    if (fields.length < 9) {
      errors.push({
        file,
        line,
        message: `task row has ${fields.length} columns, expected the /v layout (28); capture with "schtasks /query /fo csv /v"`,
      });
      continue;
    }
    tasks.push({
      path,
      name: path.slice(path.lastIndexOf('\\') + 1),
      command: (fields[8] ?? '').trim(),
      status: (fields[3] ?? '').trim(),
      author: (fields[7] ?? '').trim(),
      runAs: (fields[14] ?? '').trim(),
      line,
    });
  }
  if (tasks.length === 0 && !sawHeader && text.trim() !== '')
    errors.push({
      file,
      line: 1,
      message: 'no scheduled task found; capture with "schtasks /query /fo csv /v"',
    });
  return { tasks, errors };
}
