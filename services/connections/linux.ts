// Linux: `ss -tunapH` through the runner, parsed by shared/parsers/ss.ts, and the executable path
// from /proc/PID/exe.
//
// Why not systeminformation here: its Linux branch runs `netstat -tunap | grep <TCP states>`
// through a shell, so every unconnected UDP socket is dropped (UDP rows carry no state word) —
// and a UDP beacon or a rogue DNS listener is exactly what must be seen; process names from
// netstat are cut at the first blank; and it needs net-tools, which current distributions no
// longer install. ss is in iproute2 everywhere, runs without a shell through execFile, and shows
// the owning process of the user's own sockets without root (all sockets with root).
// systeminformation stays as the fallback when ss is missing.
import type { Connection, ParseIssue } from '../../shared/domain';
import { parseSs } from '../../shared/parsers/ss';
import type { CommandRunner } from '../command-runner';
import { decodeCommandOutput } from '../text-decode';
import { fromSystemInformation, type SystemInformationLike } from './unix-si';
import { bilingual } from '../../shared/i18n';

/** Reads a symbolic link (fs.promises.readlink in production). */
export type ReadlinkFn = (path: string) => Promise<string>;

/** The ss invocation of a Linux scan. */
export const SS_COMMAND = { file: 'ss', args: ['-tunapH'] } as const;

/** Executable path of each pid from /proc/PID/exe; null where not permitted (another user's process without root). */
export async function exePaths(
  pids: Iterable<number>,
  readlink: ReadlinkFn,
): Promise<Map<number, string | null>> {
  const unique = [...new Set(pids)];
  const paths = await Promise.all(unique.map((pid) => readlink(`/proc/${pid}/exe`).catch(() => null)));
  return new Map(unique.map((pid, i) => [pid, paths[i]]));
}

/** Lists connections on Linux: ss first, systeminformation when ss cannot run. */
export async function listLinux(deps: {
  runner: CommandRunner;
  readlink: ReadlinkFn;
  loadSi: () => Promise<SystemInformationLike>;
}): Promise<{ connections: Connection[]; warnings: ParseIssue[] }> {
  const warnings: ParseIssue[] = [];
  let connections: Connection[];
  const result = await deps.runner
    .run(SS_COMMAND.file, SS_COMMAND.args)
    .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  if (!(result instanceof Error) && result.code === 0) {
    const parsed = parseSs(decodeCommandOutput(result.stdout), 'ss -tunapH');
    warnings.push(...parsed.errors);
    connections = parsed.rows.map((row) => ({
      // Each field written out, not spread from socketOf(): a spread of a fresh object per row made
      // the live scan of 11,000 sockets 1.6× slower (bench live-scan, 2026-12-02).
      protocol: row.protocol,
      localAddress: row.localAddress,
      localPort: row.localPort,
      remoteAddress: row.remoteAddress,
      remotePort: row.remotePort,
      state: row.state,
      pid: row.pid,
      processName: row.processName,
      processPath: null,
      services: [],
    }));
  } else {
    const why = result instanceof Error ? result.message : `exit code ${String(result.code)}`;
    warnings.push({
      file: 'ss -tunapH',
      line: 0,
      message: bilingual('msg.connections.ssFailed', { why }),
    });
    const si = await deps.loadSi();
    const fallback = fromSystemInformation(await si.networkConnections());
    connections = fallback.connections;
    warnings.push(...fallback.warnings);
  }
  const paths = await exePaths(
    connections.flatMap((c) => (c.pid !== null ? [c.pid] : [])),
    deps.readlink,
  );
  for (const c of connections) {
    if (c.pid === null) continue;
    c.processPath = paths.get(c.pid) ?? null;
    c.processName = fullName(c.processName, c.processPath);
  }
  return { connections, warnings };
}

/** The kernel cuts process names at 15 characters ("systemd-resolve"); the exe's file name is whole. */
function fullName(name: string | null, path: string | null): string | null {
  if (name === null || path === null || name.length < 15) return name;
  const base =
    path
      .replace(/ \(deleted\)$/, '')
      .split('/')
      .pop() ?? '';
  return base.startsWith(name) ? base : name;
}
