// What the process table says about a connection's owner: its path, parent and command line, why a
// path is missing, and whether a system-named executable runs from outside its Windows folder (the
// classic disguise: C:\Users\…\AppData\Roaming\svchost.exe). Pure: the live query and the
// Win32_Process capture both end here, so the CLI and the app judge a path the same way.
import type { Connection, Finding, ProcessPathStatus, ScanReport } from '../domain';
import { connectionKey } from '../scan/find-findings';

/**
 * Executables that Windows itself ships in System32 (and SysWOW64) and that malware names itself
 * after. explorer.exe lives in the Windows folder. Lower case.
 */
export const SYSTEM_EXECUTABLES: ReadonlySet<string> = new Set([
  'svchost.exe',
  'lsass.exe',
  'csrss.exe',
  'services.exe',
  'smss.exe',
  'winlogon.exe',
  'wininit.exe',
  'explorer.exe',
  'spoolsv.exe',
  'taskhostw.exe',
  'taskhost.exe',
  'rundll32.exe',
  'dllhost.exe',
  'conhost.exe',
  'lsm.exe',
  'sihost.exe',
  'ctfmon.exe',
  'dwm.exe',
  'fontdrvhost.exe',
  'searchindexer.exe',
  'wmiprvse.exe',
  'regsvr32.exe',
  'msiexec.exe',
  'userinit.exe',
  'taskmgr.exe',
  'cmd.exe',
]);

/** Kernel-side processes that have no executable file, so no path to show. */
const NO_FILE_NAMES = new Set([
  'system idle process',
  'system',
  'registry',
  'memory compression',
  'secure system',
]);

/** Normalises a Windows path for comparison: lower case, backslashes, no \\?\ prefix, no quotes. */
function normalise(path: string): string {
  return path
    .trim()
    .replace(/^"|"$/g, '')
    .replace(/\//g, '\\')
    .replace(/^\\\\\?\\/, '')
    .toLowerCase();
}

/**
 * True when `path` is a system-named executable outside its home folder: System32 or SysWOW64 of
 * the Windows folder (any drive; `windowsDir` narrows it to the machine's own), or the Windows
 * folder itself for explorer.exe. A path that is not a system name is never a disguise.
 */
export function isDisguisedSystemExecutable(path: string | null, windowsDir?: string | null): boolean {
  if (!path) return false;
  const p = normalise(path);
  const base = p.slice(p.lastIndexOf('\\') + 1);
  if (!SYSTEM_EXECUTABLES.has(base)) return false;
  const winDir = windowsDir ? normalise(windowsDir).replace(/\\+$/, '') : null;
  const folder = p.slice(0, p.length - base.length - 1);
  const homes = winDir
    ? [`${winDir}\\system32`, `${winDir}\\syswow64`, ...(base === 'explorer.exe' ? [winDir] : [])]
    : null;
  if (homes) return !homes.includes(folder);
  // No Windows folder known (a capture from another PC): the default one on any drive letter.
  const home =
    base === 'explorer.exe'
      ? /^[a-z]:\\windows(\\(system32|syswow64))?$/
      : /^[a-z]:\\windows\\(system32|syswow64)$/;
  return !home.test(folder);
}

/** Why a process has no path: a kernel process has no file; anything else needs an administrator. */
export function missingPathStatus(pid: number, name: string | null): ProcessPathStatus {
  return pid === 0 || pid === 4 || (name !== null && NO_FILE_NAMES.has(name.toLowerCase()))
    ? 'no-file'
    : 'needs-elevation';
}

/** One process as the live query or a capture gives it. */
export interface ProcessFacts {
  pid: number;
  parentPid: number | null;
  name: string | null;
  executablePath: string | null;
  commandLine: string | null;
}

/** True when both names are known and differ (case-insensitive, as Windows file names). */
function samePidOtherName(connectionName: string | null, tableName: string | null): boolean {
  return (
    connectionName !== null && tableName !== null && connectionName.toLowerCase() !== tableName.toLowerCase()
  );
}

/**
 * Fills path, parent and command line of each connection from a process table joined by PID, says
 * why a path is missing, and flags disguised system executables. A connection whose PID is not in
 * the table (the process ended between the two reads), or is there under another name (the PID was
 * reused), keeps what it had, without a pending mark.
 */
export function applyProcessFacts(
  connections: readonly Connection[],
  processes: readonly ProcessFacts[],
  opts: { windowsDir?: string | null } = {},
): Connection[] {
  const byPid = new Map<number, ProcessFacts>();
  for (const p of processes) byPid.set(p.pid, p);
  return connections.map((c) => {
    const found = c.pid !== null ? byPid.get(c.pid) : undefined;
    // A different name under the same PID is another process: the socket's owner ended and Windows
    // gave its PID to a new one between the two reads (likely after a long --watch). Its path would
    // be a wrong answer, so the row is left as if the PID were not in the table.
    const p = found && !samePidOtherName(c.processName, found.name) ? found : undefined;
    if (!p) {
      if (c.pathStatus !== 'pending') return c;
      const { pathStatus: _dropped, ...rest } = c;
      void _dropped;
      return rest;
    }
    const processPath = c.processPath ?? p.executablePath;
    const parent = p.parentPid !== null ? byPid.get(p.parentPid) : undefined;
    const next: Connection = {
      ...c,
      processName: c.processName ?? p.name,
      processPath,
      parentPid: p.parentPid,
      parentName: parent?.name ?? null,
      commandLine: p.commandLine,
    };
    if (processPath === null) next.pathStatus = missingPathStatus(p.pid, next.processName);
    else delete next.pathStatus;
    if (isDisguisedSystemExecutable(processPath, opts.windowsDir)) next.disguise = true;
    else delete next.disguise;
    return next;
  });
}

/**
 * The report with its connections replaced (same sockets, more facts), and the copies of them in
 * findings and recent connections replaced too, so the table, the export and the evidence agree.
 */
export function reportWithConnections(report: ScanReport, connections: readonly Connection[]): ScanReport {
  const byKey = new Map(connections.map((c) => [connectionKey(c), c]));
  const swap = (f: Finding): Finding =>
    f.connection ? { ...f, connection: byKey.get(connectionKey(f.connection)) ?? f.connection } : f;
  return {
    ...report,
    connections: [...connections],
    findings: report.findings.map(swap),
    ...(report.recent ? { recent: report.recent.map(swap) } : {}),
  };
}
