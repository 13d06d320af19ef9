// Captures saved on another PC (the CLI's --netstat / --tasklist / --tasklist-svc): IT staff
// collect these from many machines, in whatever code page and language each one had.
import type { Connection, ParseIssue } from '../../shared/domain';
import { parseNetstat } from '../../shared/parsers/netstat';
import { parseTasklistCsv, parseTasklistSvc, type TasklistRow } from '../../shared/parsers/tasklist';
import { parseWin32Process } from '../../shared/parsers/win32-process';
import { applyProcessFacts } from '../../shared/processes/process-facts';
import { decodeCommandOutput, truncatedCapture } from '../text-decode';
import { joinWindows } from './windows';
import { bilingual } from '../../shared/i18n';

/** Raw bytes of the captured command outputs. */
export interface ConnectionCaptures {
  netstat: Uint8Array;
  tasklist?: Uint8Array;
  tasklistSvc?: Uint8Array;
  /** Get-CimInstance Win32_Process | Select ProcessId,ParentProcessId,Name,ExecutablePath,CommandLine (CSV or JSON). */
  processes?: Uint8Array;
}

/** Builds connections from saved netstat / tasklist / tasklist /svc outputs (any code page, any language). */
export function connectionsFromCaptures(
  captures: ConnectionCaptures,
  opts: {
    codePage?: number;
    fileNames?: { netstat?: string; tasklist?: string; tasklistSvc?: string; processes?: string };
  } = {},
): {
  connections: Connection[];
  warnings: ParseIssue[];
  /** How many rows of its kind each capture yielded (null: not given), so callers can refuse an empty one. */
  rows: { netstat: number; tasklist: number | null; tasklistSvc: number | null; processes: number | null };
} {
  const names = opts.fileNames ?? {};
  const warnings: ParseIssue[] = [];
  const decode = (bytes: Uint8Array, file: string) => {
    const text = decodeCommandOutput(bytes, { codePage: opts.codePage });
    const cut = truncatedCapture(bytes, text, file);
    if (cut) warnings.push(cut);
    return text;
  };
  const netstatFile = names.netstat ?? 'netstat';
  const netstat = parseNetstat(decode(captures.netstat, netstatFile), netstatFile);
  warnings.push(...netstat.errors);
  if (netstat.rows.length === 0) {
    warnings.push({
      file: netstatFile,
      line: 1,
      message: bilingual('msg.connections.noNetstatRows'),
    });
  }
  let tasks: TasklistRow[] | null = null;
  if (captures.tasklist) {
    const file = names.tasklist ?? 'tasklist';
    const t = parseTasklistCsv(decode(captures.tasklist, file), file);
    tasks = t.rows;
    warnings.push(...t.errors);
  }
  let services: Map<number, string[]> | null = null;
  if (captures.tasklistSvc) {
    const file = names.tasklistSvc ?? 'tasklist-svc';
    const s = parseTasklistSvc(decode(captures.tasklistSvc, file), file);
    services = s.services;
    warnings.push(...s.errors);
  }
  let connections = joinWindows(netstat.rows, tasks, services);
  let processes: number | null = null;
  if (captures.processes) {
    const file = names.processes ?? 'processes';
    const p = parseWin32Process(decode(captures.processes, file), file);
    warnings.push(...p.errors);
    processes = p.rows.length;
    connections = applyProcessFacts(connections, p.rows);
  }
  return {
    connections,
    warnings,
    rows: {
      netstat: netstat.rows.length,
      tasklist: tasks?.length ?? null,
      tasklistSvc: services?.size ?? null,
      processes,
    },
  };
}
