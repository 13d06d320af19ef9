// Windows `netstat -ano` / `-an` / `-anb` / `-anbo` / `-o` output, in any display language and
// code page. Rows are recognised BY STRUCTURE, never by header words (which Windows translates):
// a protocol token (TCP, UDP, TCPv6, UDPv6, any case), two address:port tokens, then for TCP a
// state word (localised, maybe mojibake, maybe two words) and, with -o, a PID as the last token.
// With -b, the lines after a row belong to it: service names, then " [exe]"; a sentence that is
// never followed by an [exe] line is the "cannot obtain ownership information" message in
// whatever language, and means no exe. Linux `netstat -tunap` captures (Recv-Q and Send-Q
// before the addresses, "PID/Program" at the end) are read too.
import type { ParseIssue, Protocol } from '../domain';
import { canonicalIp } from '../net/ip';
import { normaliseTcpState } from './states';
import { bilingual } from '../i18n';

/** The socket a row of netstat or ss names: protocol, both ends, state and owning process id. */
export interface SocketRow {
  protocol: Protocol;
  localAddress: string;
  localPort: number;
  /** Canonical address, "*" for UDP without a peer, or a lower-case host name (netstat without -n). */
  remoteAddress: string;
  remotePort: number;
  /** Normalised TCP state, "" for UDP, or the printed word when it is not a known state. */
  state: string;
  pid: number | null;
}

/** One socket row of netstat, with what `-b` printed under it. */
export interface NetstatRow extends SocketRow {
  /** Executable from the `-b` " [exe]" line (Linux: the program of "PID/Program"); null when not shown. */
  exe: string | null;
  /** Service names from the `-b` lines above the [exe] line. */
  services: string[];
  /** 1-based line of the row in the input. */
  line: number;
}

/** An endpoint token split into canonical address and numeric port. */
export interface Endpoint {
  /** Canonical IP text, "*" for a wildcard, or a lower-case host name when netstat ran without -n. */
  address: string;
  port: number;
  /** True when the address is a host name, not an IP (netstat without -n). */
  isName: boolean;
}

// netstat without -n prints port names from %SystemRoot%\System32\drivers\etc\services.
const SERVICE_PORTS: Readonly<Record<string, number>> = {
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  bootps: 67,
  bootpc: 68,
  http: 80,
  kerberos: 88,
  pop3: 110,
  ntp: 123,
  epmap: 135,
  'netbios-ns': 137,
  'netbios-dgm': 138,
  'netbios-ssn': 139,
  imap: 143,
  snmp: 161,
  ldap: 389,
  https: 443,
  'microsoft-ds': 445,
  isakmp: 500,
  ldaps: 636,
  'ms-sql-s': 1433,
  ssdp: 1900,
  'ms-wbt-server': 3389,
  mdns: 5353,
  llmnr: 5355,
};

const HOST_NAME = /^[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$/i;
const PORT_NAME = /^[a-z][a-z0-9_-]*$/i;

/**
 * Splits "1.2.3.4:80", "[fe80::1%3]:1900", "*:*", ":::22", "127.0.0.53%lo:53" or "host:https"
 * into canonical address and port (0 for "*" and for a port name not in the table); null if unreadable.
 */
export function parseEndpoint(token: string): Endpoint | null {
  let host: string;
  let portText: string;
  if (token.startsWith('[')) {
    const close = token.indexOf(']');
    if (close < 0 || token[close + 1] !== ':') return null;
    host = token.slice(1, close);
    portText = token.slice(close + 2);
  } else {
    const colon = token.lastIndexOf(':');
    if (colon <= 0) return null;
    host = token.slice(0, colon);
    portText = token.slice(colon + 1);
  }
  let port: number;
  if (portText === '*') port = 0;
  else if (/^\d{1,5}$/.test(portText) && Number(portText) <= 65535) port = Number(portText);
  else if (PORT_NAME.test(portText)) port = SERVICE_PORTS[portText.toLowerCase()] ?? 0;
  else return null;
  if (host === '*') return { address: '*', port, isName: false };
  // ss prints the interface of a socket bound to one ("127.0.0.53%lo", "0.0.0.0%eth0").
  const zone = host.indexOf('%');
  const bare = zone >= 0 ? host.slice(0, zone) : host;
  const ip = canonicalIp(bare);
  if (ip !== null) return { address: ip, port, isName: false };
  if (HOST_NAME.test(bare)) return { address: bare.toLowerCase(), port, isName: true };
  return null;
}

const PROTOCOL = /^(tcp|udp)(v?[46])?$/i;
const PID = /^\d+$/;

/** Parses netstat output (any of -ano, -an, -anb, -anbo, -o) into rows and per-line issues. */
export function parseNetstat(text: string, file = 'netstat'): { rows: NetstatRow[]; errors: ParseIssue[] } {
  const rows: NetstatRow[] = [];
  const errors: ParseIssue[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let current: NetstatRow | null = null;
  let pending: string[] = [];
  let exeSeen = false;
  let namesWarned = false;

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    // "> " marks the matched line in PowerShell Select-String -Context output.
    const trimmed = lines[i].trim().replace(/^>\s+/, '');
    if (trimmed === '') {
      current = null;
      pending = [];
      continue;
    }
    const tokens = trimmed.split(/\s+/);
    if (PROTOCOL.test(tokens[0])) {
      const parsed = parseRow(tokens, lineNo, file);
      current = null;
      pending = [];
      exeSeen = false;
      if ('message' in parsed) {
        errors.push(parsed);
        continue;
      }
      if (parsed.hasNames && !namesWarned) {
        namesWarned = true;
        errors.push({
          file,
          line: lineNo,
          message: bilingual('msg.parse.netstatNames'),
        });
      }
      rows.push(parsed.row);
      current = parsed.row;
      continue;
    }
    if (current === null || exeSeen) continue;
    const exe = /^\[(.+)\]$/.exec(trimmed);
    if (exe) {
      current.exe = exe[1];
      current.services = pending;
      exeSeen = true;
    } else {
      // A service name, or the localised "cannot obtain ownership" sentence: only an [exe] line
      // following it tells which, so hold it until then.
      pending.push(trimmed);
    }
  }
  return { rows, errors };
}

function parseRow(
  tokens: string[],
  line: number,
  file: string,
): { row: NetstatRow; hasNames: boolean } | ParseIssue {
  const protocol: Protocol = tokens[0].toLowerCase().startsWith('tcp') ? 'tcp' : 'udp';
  // Linux net-tools puts Recv-Q and Send-Q before the addresses ("tcp 0 0 0.0.0.0:22 ...").
  const linux = tokens.length >= 5 && PID.test(tokens[1]) && PID.test(tokens[2]);
  const at = linux ? 3 : 1;
  const local = tokens.length >= at + 2 ? parseEndpoint(tokens[at]) : null;
  const remote = tokens.length >= at + 2 ? parseEndpoint(tokens[at + 1]) : null;
  if (!local || !remote) {
    return {
      file,
      line,
      message:
        `${bilingual('msg.parse.netstatAddresses')}: "${tokens.join(' ').slice(0, 100)}"; ` +
        `${bilingual('msg.parse.captureAgainWith')} "netstat -ano"`,
    };
  }
  const rest = tokens.slice(at + 2);
  let pid: number | null = null;
  let exe: string | null = null;
  if (linux) {
    // "812/sshd: /usr/sbin" (-p; the name may hold blanks) or "-" (not permitted) ends the row.
    const owner = rest.findIndex((t) => t === '-' || /^\d+\/./.test(t));
    if (owner >= 0) {
      const [pidText, ...name] = rest.splice(owner).join(' ').split('/');
      pid = pidText === '-' ? null : Number(pidText);
      exe = name.length > 0 ? name.join('/') : null;
    }
  } else if (rest.length > 0 && PID.test(rest[rest.length - 1])) {
    // The PID is the last token only when it is a number: a state word, even mojibake or two
    // words, never shifts into it.
    pid = Number(rest.pop());
  }
  const word = rest.join(' ');
  return {
    row: {
      protocol,
      localAddress: local.address,
      localPort: local.port,
      // An unconnected UDP socket has remote "*" whatever the OS printed ("*:*", "0.0.0.0:*").
      remoteAddress: protocol === 'udp' && tokens[at + 1].endsWith(':*') ? '*' : remote.address,
      remotePort: remote.port,
      state: normaliseTcpState(word),
      pid,
      exe,
      services: [],
      line,
    },
    hasNames: local.isName || remote.isName,
  };
}
