// Fast sampling for `--watch` on Windows. A full listing there is three commands, and
// `tasklist /svc` alone often takes a second, which would leave gaps long enough for a beacon to
// open and close unseen. So a watch sample is `netstat -ano` only (pids, no names), and the
// process names and services come from one `tasklist` pair at the start and one at the end: a
// process that lives through the watch, or starts and is still there at the end, is named; one
// that started and exited inside the watch keeps its pid and a null name, which is the truth.
import type { Connection, ParseIssue } from '../../shared/domain';
import { parseNetstat } from '../../shared/parsers/netstat';
import { parseTasklistCsv, parseTasklistSvc } from '../../shared/parsers/tasklist';
import type { CommandRunner } from '../command-runner';
import { joinWindows, WINDOWS_COMMANDS } from '../connections';
import { decodeCommandOutput } from '../text-decode';

/** Process names and hosted services by pid. */
export interface ProcessTable {
  names: Map<number, string>;
  services: Map<number, string[]>;
  warnings: ParseIssue[];
}

/** A cheap per-sample listing plus the process table that names its pids. */
export interface WatchSampler {
  /** Sockets with pids; names may be null (filled later from processes()). */
  sample(): Promise<{ connections: Connection[]; warnings: ParseIssue[] }>;
  processes(): Promise<ProcessTable>;
}

/** Fills null names and empty service lists from a process table (never overwrites what is known). */
export function nameConnections(connections: readonly Connection[], table: ProcessTable): Connection[] {
  return connections.map((c) => {
    if (c.pid === null) return c;
    const name = c.processName ?? table.names.get(c.pid) ?? null;
    const services = c.services.length > 0 ? c.services : (table.services.get(c.pid) ?? []);
    return name === c.processName && services === c.services ? c : { ...c, processName: name, services };
  });
}

/** Merges two process tables; the later one wins for a reused pid. */
export function mergeProcessTables(a: ProcessTable, b: ProcessTable): ProcessTable {
  return {
    names: new Map([...a.names, ...b.names]),
    services: new Map([...a.services, ...b.services]),
    warnings: [...a.warnings, ...b.warnings],
  };
}

/** The Windows sampler: System32 tools by full path, fixed arguments, output in the OEM code page. */
export function createWindowsWatchSampler(deps: {
  runner: CommandRunner;
  codePage?: number;
  systemDir?: string | null;
}): WatchSampler {
  const file = (name: string): string =>
    deps.systemDir ? `${deps.systemDir.replace(/[\\/]+$/, '')}\\${name}` : name;
  const text = async (cmd: { file: string; args: readonly string[] }, label: string) => {
    try {
      const out = await deps.runner.run(file(cmd.file), cmd.args);
      if (out.code !== 0) return { text: null, warning: `${label} exited with ${String(out.code)}` };
      return { text: decodeCommandOutput(out.stdout, { codePage: deps.codePage }), warning: null };
    } catch (e) {
      return { text: null, warning: `${label}: ${e instanceof Error ? e.message : String(e)}` };
    }
  };
  const issue = (label: string, message: string): ParseIssue => ({ file: label, line: 0, message });

  return {
    async sample() {
      const label = 'netstat -ano';
      const r = await text(WINDOWS_COMMANDS.netstat, label);
      if (r.text === null) return { connections: [], warnings: [issue(label, r.warning ?? 'no output')] };
      const parsed = parseNetstat(r.text, label);
      return { connections: joinWindows(parsed.rows, null, null), warnings: parsed.errors };
    },
    async processes() {
      const [tasks, svc] = await Promise.all([
        text(WINDOWS_COMMANDS.tasklist, 'tasklist'),
        text(WINDOWS_COMMANDS.tasklistSvc, 'tasklist /svc'),
      ]);
      const table: ProcessTable = { names: new Map(), services: new Map(), warnings: [] };
      if (tasks.text !== null) {
        const t = parseTasklistCsv(tasks.text, 'tasklist /fo csv /nh');
        for (const row of t.rows) table.names.set(row.pid, row.imageName);
        table.warnings.push(...t.errors);
      } else table.warnings.push(issue('tasklist', `no process names: ${tasks.warning ?? ''}`));
      if (svc.text !== null) {
        const s = parseTasklistSvc(svc.text, 'tasklist /svc /fo csv /nh');
        table.services = s.services;
        table.warnings.push(...s.errors);
      } else table.warnings.push(issue('tasklist /svc', `no service names: ${svc.warning ?? ''}`));
      return table;
    },
  };
}
