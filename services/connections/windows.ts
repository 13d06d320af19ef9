// Windows: one `netstat -ano`, one `tasklist /fo csv /nh` and one `tasklist /svc /fo csv /nh` per
// scan, joined by PID. No PowerShell: starting it costs around a second per scan, and the three
// commands exist on every Windows since XP. systeminformation's Windows branch is not used: it
// returns no process names and turns the header line into a connection.
//
// processPath stays null here: tasklist does not print it, and the cheap sources of it
// (Get-Process, Get-CimInstance, wmic) mean PowerShell or a deprecated tool per scan. The cleanup
// flow asks for the path of the one process it is about to act on, once per cleanup.
import type { Connection, ParseIssue } from '../../shared/domain';
import { userError } from '../../shared/errors';
import { parseNetstat, type NetstatRow } from '../../shared/parsers/netstat';
import { parseTasklistCsv, parseTasklistSvc, type TasklistRow } from '../../shared/parsers/tasklist';
import type { CommandResult, CommandRunner } from '../command-runner';
import { decodeCommandOutput } from '../text-decode';
import { bilingual } from '../../shared/i18n';

/** The three commands of a Windows scan, with their fixed argument arrays. */
export const WINDOWS_COMMANDS = {
  netstat: { file: 'netstat.exe', args: ['-ano'] },
  tasklist: { file: 'tasklist.exe', args: ['/fo', 'csv', '/nh'] },
  tasklistSvc: { file: 'tasklist.exe', args: ['/svc', '/fo', 'csv', '/nh'] },
} as const;

/** Joins netstat rows with tasklist's names and services by PID into connections. */
export function joinWindows(
  rows: readonly NetstatRow[],
  tasks: readonly TasklistRow[] | null,
  services: ReadonlyMap<number, string[]> | null,
): Connection[] {
  const names = new Map<number, string>();
  for (const task of tasks ?? []) names.set(task.pid, task.imageName);
  return rows.map((row) => ({
    // Each field written out, not spread from socketOf(): a spread of a fresh object per row made
    // the live scan of 11,000 sockets 1.6× slower (bench live-scan, 2026-12-02).
    protocol: row.protocol,
    localAddress: row.localAddress,
    localPort: row.localPort,
    remoteAddress: row.remoteAddress,
    remotePort: row.remotePort,
    state: row.state,
    pid: row.pid,
    // tasklist is the source of names; `netstat -b` captures carry the exe themselves.
    processName: (row.pid !== null ? names.get(row.pid) : undefined) ?? row.exe,
    processPath: null,
    services: (row.pid !== null ? services?.get(row.pid) : undefined) ?? row.services,
  }));
}

/** Full path of a System32 tool, so a planted netstat.exe in the working directory or PATH is never run. */
function commandFile(systemDir: string | null, file: string): string {
  return systemDir ? `${systemDir.replace(/[\\/]+$/, '')}\\${file}` : file;
}

function failure(label: string, result: CommandResult | Error): string {
  if (result instanceof Error) return `${label}: ${result.message}`;
  const stderr = decodeCommandOutput(result.stderr).trim().slice(0, 200);
  return `${label} exited with code ${String(result.code)}${stderr ? `: ${stderr}` : ''}`;
}

/** Lists the machine's connections on Windows through the runner (three commands, in parallel). */
export async function listWindows(
  runner: CommandRunner,
  opts: { codePage?: number; systemDir?: string | null } = {},
): Promise<{ connections: Connection[]; warnings: ParseIssue[] }> {
  const dir = opts.systemDir ?? null;
  const run = (cmd: { file: string; args: readonly string[] }) =>
    runner
      .run(commandFile(dir, cmd.file), cmd.args)
      .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  const [netstat, tasklist, tasklistSvc] = await Promise.all([
    run(WINDOWS_COMMANDS.netstat),
    run(WINDOWS_COMMANDS.tasklist),
    run(WINDOWS_COMMANDS.tasklistSvc),
  ]);
  if (netstat instanceof Error || netstat.code !== 0) {
    throw userError('msg.connections.cannotList', {
      params: { detail: failure('netstat -ano', netstat) },
      hint: 'msg.connections.runAsAdmin',
    });
  }
  const warnings: ParseIssue[] = [];
  const decode = (r: CommandResult) => decodeCommandOutput(r.stdout, { codePage: opts.codePage });
  const parsed = parseNetstat(decode(netstat), 'netstat -ano');
  warnings.push(...parsed.errors);

  let tasks: TasklistRow[] | null = null;
  if (tasklist instanceof Error || tasklist.code !== 0) {
    warnings.push({
      file: 'tasklist',
      line: 0,
      message: bilingual('msg.connections.noProcessNames', { detail: failure('tasklist', tasklist) }),
    });
  } else {
    const t = parseTasklistCsv(decode(tasklist), 'tasklist /fo csv /nh');
    tasks = t.rows;
    warnings.push(...t.errors);
  }
  let services: Map<number, string[]> | null = null;
  if (tasklistSvc instanceof Error || tasklistSvc.code !== 0) {
    warnings.push({
      file: 'tasklist /svc',
      line: 0,
      message: bilingual('msg.connections.noServiceNames', { detail: failure('tasklist /svc', tasklistSvc) }),
    });
  } else {
    const s = parseTasklistSvc(decode(tasklistSvc), 'tasklist /svc /fo csv /nh');
    services = s.services;
    warnings.push(...s.errors);
  }
  return { connections: joinWindows(parsed.rows, tasks, services), warnings };
}
