// macOS (and the BSDs): systeminformation's networkConnections, which reads `netstat -natvln` and
// `ps` and fills pid and process name there. Its rows carry ports as strings, "*" for wildcards
// and zone ids on link-local IPv6; this module maps them onto Connection. The executable path
// comes from one `ps -o pid=,comm= -p PID,...` through the runner (on macOS `comm` is the full path).
import type { Connection, ParseIssue } from '../../shared/domain';
import { canonicalIp } from '../../shared/net/ip';
import { normaliseTcpState } from '../../shared/parsers/states';
import type * as Systeminformation from 'systeminformation';
import type { CommandRunner } from '../command-runner';
import { decodeCommandOutput } from '../text-decode';

/** The part of systeminformation this service uses (the real module satisfies it). */
export type SystemInformationLike = Pick<typeof Systeminformation, 'networkConnections'>;

type SiConnection = Awaited<ReturnType<SystemInformationLike['networkConnections']>>[number];

function address(text: string, wildcard: string): string | null {
  if (text === '*' || text === '') return wildcard;
  return canonicalIp(text);
}

function port(text: string | number): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : 0;
}

/** Maps systeminformation rows onto Connection; rows with unreadable addresses become warnings. */
export function fromSystemInformation(rows: readonly SiConnection[]): {
  connections: Connection[];
  warnings: ParseIssue[];
} {
  const connections: Connection[] = [];
  const warnings: ParseIssue[] = [];
  rows.forEach((row, i) => {
    const protocol = row.protocol.toLowerCase().startsWith('udp') ? 'udp' : 'tcp';
    const v6 = row.protocol.endsWith('6');
    const local = address(row.localAddress, v6 ? '::' : '0.0.0.0');
    // An unconnected UDP socket has remote "*", as netstat on Windows prints it.
    const remote =
      protocol === 'udp' && (row.peerPort === '*' || row.peerPort === '')
        ? '*'
        : address(row.peerAddress, '*');
    if (local === null || remote === null) {
      warnings.push({
        file: 'systeminformation',
        line: i + 1,
        message: `unreadable address ${row.localAddress} → ${row.peerAddress}`,
      });
      return;
    }
    const pid = typeof row.pid === 'number' && row.pid > 0 ? row.pid : null;
    connections.push({
      protocol,
      localAddress: local,
      localPort: port(row.localPort),
      remoteAddress: remote,
      remotePort: port(row.peerPort),
      state: normaliseTcpState(row.state ?? ''),
      pid,
      processName: row.process ? row.process : null,
      processPath: null,
      services: [],
    });
  });
  return { connections, warnings };
}

/** Executable paths of pids from one `ps -o pid=,comm= -p ...` call; pids ps does not list stay unset. */
export async function psPaths(runner: CommandRunner, pids: Iterable<number>): Promise<Map<number, string>> {
  const unique = [...new Set(pids)];
  const paths = new Map<number, string>();
  if (unique.length === 0) return paths;
  const result = await runner.run('ps', ['-o', 'pid=,comm=', '-p', unique.join(',')]).catch(() => null);
  if (!result) return paths;
  for (const line of decodeCommandOutput(result.stdout).split('\n')) {
    const m = /^\s*(\d+)\s+(.+?)\s*$/.exec(line);
    if (m) paths.set(Number(m[1]), m[2]);
  }
  return paths;
}

/** Lists connections through systeminformation, with paths from ps. */
export async function listWithSystemInformation(deps: {
  si: SystemInformationLike;
  runner: CommandRunner;
}): Promise<{ connections: Connection[]; warnings: ParseIssue[] }> {
  const { connections, warnings } = fromSystemInformation(await deps.si.networkConnections());
  const paths = await psPaths(
    deps.runner,
    connections.flatMap((c) => (c.pid !== null ? [c.pid] : [])),
  );
  for (const c of connections) {
    if (c.pid === null) continue;
    const path = paths.get(c.pid);
    if (path === undefined) continue;
    c.processPath = path.startsWith('/') ? path : null;
    // systeminformation leaves the name empty on some systems; the path's last part is the name.
    c.processName ??= path.split('/').pop() ?? null;
  }
  return { connections, warnings };
}
