// Linux `ss -tunapH`: Netid State Recv-Q Send-Q Local:Port Peer:Port [users:(("name",pid=N,fd=N),...)].
// The process column is read with a pattern rather than split on blanks, because a process name
// may contain blanks. Without root, ss shows the process only for the user's own sockets.
import type { ParseIssue, Protocol } from '../domain';
import { parseEndpoint } from './netstat';
import { normaliseTcpState } from './states';

/** One socket from ss. */
export interface SsRow {
  protocol: Protocol;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** Normalised state; "" for unconnected UDP. */
  state: string;
  pid: number | null;
  /** The process name ss shows (the kernel's comm, at most 15 characters). */
  processName: string | null;
  line: number;
}

const ROW = /^\s*(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s*(.*)$/;
const USER = /\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=\d+\)/;

/** Parses `ss -tunap` / `ss -tunapH` output; a header line and other socket kinds are skipped. */
export function parseSs(text: string, file = 'ss'): { rows: SsRow[]; errors: ParseIssue[] } {
  const rows: SsRow[] = [];
  const errors: ParseIssue[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = ROW.exec(lines[i]);
    if (!m) continue;
    const netid = m[1].toLowerCase();
    if (netid !== 'tcp' && netid !== 'udp') continue;
    const local = parseEndpoint(m[5]);
    const remote = parseEndpoint(m[6]);
    if (!local || !remote) {
      errors.push({
        file,
        line: i + 1,
        message: `cannot read the addresses of this ss row: "${lines[i].trim().slice(0, 100)}"`,
      });
      continue;
    }
    // A socket shared by several processes (a forking server) lists each; the first is the one
    // that opened it in practice, and one row per socket keeps counts honest.
    // Same shape as Windows netstat: an unconnected UDP socket has remote "*" (ss prints
    // "0.0.0.0:*"), and ss's "*" for a dual-stack socket bound to every address is "::".
    const remoteAddress = netid === 'udp' && m[6].endsWith(':*') ? '*' : remote.address;
    const localAddress = local.address === '*' ? '::' : local.address;
    const user = USER.exec(m[7]);
    const state = m[2].toUpperCase();
    rows.push({
      protocol: netid,
      localAddress,
      localPort: local.port,
      remoteAddress,
      remotePort: remote.port,
      state: state === 'UNCONN' ? (netid === 'udp' ? '' : 'CLOSED') : normaliseTcpState(state),
      pid: user ? Number(user[2]) : null,
      processName: user ? user[1].replace(/\\(.)/g, '$1') : null,
      line: i + 1,
    });
  }
  return { rows, errors };
}
