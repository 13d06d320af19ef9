// Domain types shared by the scan engine, the CLI, the desktop app and the tally.
// Data flows one way: command output → parser → these records → index lookup → findings.

/** Transport protocol of a connection, normalised (tcp4/tcp6/TCP all become "tcp"). */
export type Protocol = 'tcp' | 'udp';

/**
 * Normalised TCP state vocabulary. A localised state that cannot be mapped is kept verbatim
 * (so `state` is typed as string), never guessed.
 */
export const TCP_STATES = [
  'ESTABLISHED',
  'LISTEN',
  'SYN_SENT',
  'SYN_RECEIVED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
  'CLOSED',
  'DELETE_TCB',
  'BOUND',
] as const;
export type TcpState = (typeof TCP_STATES)[number];

/** One socket of the machine, with the process that owns it. Addresses are canonical text. */
export interface Connection {
  protocol: Protocol;
  /** Canonical address text: IPv4 dotted quad or compressed lower-case IPv6, no brackets, no zone id. */
  localAddress: string;
  localPort: number;
  /** Canonical address, or "*" / "" where the OS prints none (unconnected UDP). */
  remoteAddress: string;
  remotePort: number;
  /** Normalised state (see TCP_STATES), "" for UDP without state, or the original localised word. */
  state: string;
  pid: number | null;
  processName: string | null;
  processPath: string | null;
  /** Windows services hosted in the process (svchost groups); empty elsewhere. */
  services: string[];
  /**
   * Names this machine's DNS cache or hosts file resolved to remoteAddress (CNAME aliases
   * included), canonical, most specific first; absent when none is known. Sinkhole addresses
   * (127.0.0.1, 0.0.0.0, ::1, ::) never carry names: a blocked name does not lead there.
   */
  names?: string[];
  /** Windows: the parent process id (Win32_Process capture or the live process query). */
  parentPid?: number | null;
  /** Windows: the parent's image name, when the parent still runs. */
  parentName?: string | null;
  /** Windows: the process's command line, when it could be read. */
  commandLine?: string | null;
  /**
   * Why processPath is null: `pending` while the live path query runs (the verdict never waits for
   * it), `needs-elevation` when Windows hides it from a non-administrator (protected and other users'
   * processes), `no-file` for kernel processes (System, Registry, Memory Compression…).
   */
  pathStatus?: ProcessPathStatus;
  /** A system-named executable (svchost.exe, lsass.exe…) outside its Windows folder: a suspicious disguise. */
  disguise?: boolean;
  /** Version info and Authenticode signer of processPath (Windows; filled for the rows shown). */
  file?: ProcessFileInfo;
}

/** See Connection.pathStatus. */
export type ProcessPathStatus = 'pending' | 'needs-elevation' | 'no-file';

/** What Windows says about an executable file: version resource and Authenticode signature. */
export interface ProcessFileInfo {
  company: string | null;
  description: string | null;
  /** Subject common name of the Authenticode signer certificate, null when not signed. */
  signer: string | null;
  /** Get-AuthenticodeSignature's status: Valid, NotSigned, HashMismatch, … (kept as Windows says it). */
  signature: string | null;
}

/**
 * What an indicator is. A `url` matches only where a full URL is seen (proxy logs), never a
 * connection or a DNS record by itself.
 */
export type IndicatorKind = 'ip' | 'cidr' | 'domain' | 'url';

/** One indicator as a feed lists it, already in canonical form. */
export interface Indicator {
  /** Stable id: the feed's own id where it has one, else `${kind}:${value}`. */
  id: string;
  kind: IndicatorKind;
  /** Canonical value: "203.0.113.9", "198.51.100.0/24", "2001:db8::/32", "evil.example", "http://evil.example/a.exe". */
  value: string;
  /** Human name of the feed it came from (file name or campaign id). */
  source: string;
  comment?: string;
  severity?: 'low' | 'medium' | 'high' | 'critical';
}

/** A record of the Windows DNS client cache or of the hosts file. */
export interface DnsRecord {
  /** Canonical lower-case name, no trailing dot. */
  name: string;
  type: 'A' | 'AAAA' | 'CNAME' | 'PTR' | 'OTHER';
  /** Canonical address for A/AAAA, canonical name for CNAME/PTR, raw text otherwise. */
  data: string;
  ttl: number | null;
  origin: 'dns-cache' | 'hosts-file';
  /** Where it was read: file name and 1-based line, for evidence. */
  file?: string;
  line?: number;
  /** The source line(s) as read (hosts line, cache row), shown as a finding's evidence. */
  text?: string;
}

/** How a finding was observed. */
export type FindingVia = 'connection' | 'dns-cache' | 'hosts-file' | 'licensing';

/** Kinds of licensing / cracked-software signs (issue: cracked software signs). */
export type LicensingKind = 'not-activated' | 'kms-activation' | 'crack-tool' | 'hosts-activation-block';

/** One thing the user must look at. */
export interface Finding {
  /** The indicator value that matched (canonical), or for licensing the signature name. */
  indicator: string;
  kind: IndicatorKind | LicensingKind;
  via: FindingVia;
  /** The name involved when a domain indicator met a connection or a DNS/hosts record. */
  domain?: string;
  /** Feed (or signature list) that the indicator came from. */
  source: string;
  indicatorId?: string;
  connection?: Connection;
  /** The line or path that proves it (licensing, hosts file, DNS cache). */
  evidence?: string;
  severity?: 'low' | 'medium' | 'high' | 'critical';
  /** Plain-language meaning of the sign, Vietnamese first (licensing findings). */
  explanation?: { vi: string; en: string };
  /** What the IT staff should do about it, Vietnamese first (licensing findings). */
  advice?: { vi: string; en: string };
}

/** A problem in an input file: what, where (file and 1-based line), so a person can fix it. */
export interface ParseIssue {
  file: string;
  line: number;
  message: string;
  /** The same as a catalogue message, when the app words it (shared/i18n); line 0 = no line. */
  text?: { code: string; params?: Readonly<Record<string, string | number>> };
}

/** The result of one scan, as the CLI prints it with --json and the app shows it. */
export interface ScanReport {
  /** ISO-8601 time the scan finished. */
  scannedAt: string;
  findings: Finding[];
  connections: Connection[];
  /** Feeds in use: name, indicator count, version where signed; `sample` for the bundled sample feed. */
  feeds: { source: string; indicators: number; version?: number; sample?: boolean }[];
  /** Non-fatal problems met while reading inputs. */
  warnings: ParseIssue[];
  /** Indicator names that this machine's hosts file blocks (information: protection, never a finding). */
  blocked?: BlockedName[];
  /**
   * Ended connections (TIME_WAIT, CLOSED…, no owning process) to an indicator: evidence that something
   * connected recently. Shown beside the findings of the same indicator; never a finding, never counted.
   */
  recent?: Finding[];
  /** Licensing information that is not a cracked-software sign (Windows not activated). Never counted. */
  notices?: Finding[];
}

/** A hosts-file line that maps an indicator's name to a blocking address (0.0.0.0, 127/8, ::, ::1). */
export interface BlockedName {
  /** The indicator value the name matched (canonical). */
  indicator: string;
  indicatorId?: string;
  /** The blocked name as the hosts file lists it (canonical). */
  domain: string;
  /** The blocking address the hosts file gives. */
  address: string;
  /** Feed the indicator came from. */
  source: string;
  file?: string;
  line?: number;
  text?: string;
}
