// Linux `ss -tunapH`: Netid State Recv-Q Send-Q Local:Port Peer:Port [users:(("name",pid=N,fd=N),...)].
// The process column is read with a pattern rather than split on blanks, because a process name
// may contain blanks. Without root, ss shows the process only for the user's own sockets.
import type { ParseIssue } from '../domain';
import { isCanonicalIpv4 } from '../net/ip';
import { parseEndpoint, type SocketRow } from './netstat';
import { normaliseTcpState } from './states';

/** One socket from ss. */
export interface SsRow extends SocketRow {
  /** The process name ss shows (the kernel's comm, at most 15 characters). */
  processName: string | null;
  line: number;
}

const ROW = /^\s*(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s*(.*)$/;
const USER = /\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=\d+\)/;

/**
 * The seven fields ROW captures, read without the regular expression into out[1..7] (as ROW's
 * groups are numbered); false leaves the line to ROW.
 */
function rowFields(line: string, out: string[]): boolean {
  const n = line.length;
  let i = 0;
  for (let f = 0; f < 6; f++) {
    while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    const from = i;
    for (; i < n; i++) {
      const c = line.charCodeAt(i);
      if (c === 32 || c === 9) break;
      // Anything but printable ASCII (a CR, a Unicode blank): ROW decides, as before.
      if (c < 33 || c > 126) return false;
      if ((f === 2 || f === 3) && (c < 48 || c > 57)) return false;
    }
    if (i === from) return false;
    out[f + 1] = line.slice(from, i);
    if (f < 5 && i === n) return false;
  }
  while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  for (let j = i; j < n; j++) {
    const c = line.charCodeAt(j);
    if (c !== 9 && (c < 32 || c > 126)) return false;
  }
  out[7] = line.slice(i);
  return true;
}

/** parseEndpoint for the common token "a.b.c.d:port" (a canonical dotted quad): no regex, no re-formatting. */
function endpointOf(token: string): { address: string; port: number } | null {
  const colon = token.lastIndexOf(':');
  const digits = token.length - colon - 1;
  if (colon > 0 && digits >= 1 && digits <= 5 && token.indexOf(':') === colon) {
    let port = 0;
    for (let i = colon + 1; i < token.length; i++) {
      const d = token.charCodeAt(i) - 48;
      if (d < 0 || d > 9) {
        port = -1;
        break;
      }
      port = port * 10 + d;
    }
    if (port >= 0 && port <= 65535) {
      const host = token.slice(0, colon);
      if (isCanonicalIpv4(host)) return { address: host, port };
    }
  }
  return parseEndpoint(token);
}

/** Parses `ss -tunap` / `ss -tunapH` output; a header line and other socket kinds are skipped. */
export function parseSs(text: string, file = 'ss'): { rows: SsRow[]; errors: ParseIssue[] } {
  const rows: SsRow[] = [];
  const errors: ParseIssue[] = [];
  const lines = text.split('\n');
  // ss lists a server's every socket (11,000 and more): a line is cut into its fields by hand,
  // and ROW reads only what that does not (see ss.property.test.ts for the two agreeing).
  const fields = ['', '', '', '', '', '', '', ''];
  for (let i = 0; i < lines.length; i++) {
    // Split on "\n" and the "\r" of a CRLF end cut here: the same lines as /\r?\n/, without a
    // regular expression run over every byte.
    const raw = lines[i];
    const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    const m = rowFields(line, fields) ? fields : ROW.exec(line);
    if (!m) continue;
    const netid = m[1].toLowerCase();
    if (netid !== 'tcp' && netid !== 'udp') continue;
    const local = endpointOf(m[5]);
    const remote = endpointOf(m[6]);
    if (!local || !remote) {
      errors.push({
        file,
        line: i + 1,
        message: `cannot read the addresses of this ss row: "${line.trim().slice(0, 100)}"`,
      });
      continue;
    }
    // A socket shared by several processes (a forking server) lists each; the first is the one
    // that opened it in practice, and one row per socket keeps counts honest.
    // Same shape as Windows netstat: an unconnected UDP socket has remote "*" (ss prints
    // "0.0.0.0:*"), and ss's "*" for a dual-stack socket bound to every address is "::".
    const remoteAddress = netid === 'udp' && m[6].endsWith(':*') ? '*' : remote.address;
    const localAddress = local.address === '*' ? '::' : local.address;
    const user = m[7] === '' ? null : USER.exec(m[7]);
    const state = m[2].toUpperCase();
    rows.push({
      protocol: netid,
      localAddress,
      localPort: local.port,
      remoteAddress,
      remotePort: remote.port,
      state: state === 'UNCONN' ? (netid === 'udp' ? '' : 'CLOSED') : normaliseTcpState(state),
      pid: user ? Number(user[2]) : null,
      processName: user ? (user[1].includes('\\') ? user[1].replace(/\\(.)/g, '$1') : user[1]) : null,
      line: i + 1,
    });
  }
  return { rows, errors };
}
