// Domain types shared by the scan engine, the CLI, the desktop app and the tally.
// Data flows one way: command output → parser → these records → index lookup → findings.
// Each shape that crosses a boundary (IPC, --json, files) is a zod schema here, and its type is
// z.infer of it: one definition (shared/ipc re-exports the schemas).
import { z } from 'zod';
import { messageSchema } from './i18n/schema';
import { bilingualTextSchema } from './text';

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

/** See Connection.pathStatus. */
export const processPathStatusSchema = z.enum(['pending', 'needs-elevation', 'no-file']);
export type ProcessPathStatus = z.infer<typeof processPathStatusSchema>;

/** What Windows says about an executable file: version resource and Authenticode signature. */
export const processFileInfoSchema = z.object({
  company: z.string().nullable(),
  description: z.string().nullable(),
  /** Subject common name of the Authenticode signer certificate, null when not signed. */
  signer: z.string().nullable(),
  /** Get-AuthenticodeSignature's status: Valid, NotSigned, HashMismatch, … (kept as Windows says it). */
  signature: z.string().nullable(),
});
export type ProcessFileInfo = z.infer<typeof processFileInfoSchema>;

/** One socket of the machine, with the process that owns it. Addresses are canonical text. */
export const connectionSchema = z.object({
  protocol: z.enum(['tcp', 'udp']),
  /** Canonical address text: IPv4 dotted quad or compressed lower-case IPv6, no brackets, no zone id. */
  localAddress: z.string(),
  localPort: z.number().int(),
  /** Canonical address, or "*" / "" where the OS prints none (unconnected UDP). */
  remoteAddress: z.string(),
  remotePort: z.number().int(),
  /** Normalised state (see TCP_STATES), "" for UDP without state, or the original localised word. */
  state: z.string(),
  pid: z.number().int().nullable(),
  processName: z.string().nullable(),
  processPath: z.string().nullable(),
  /** Windows services hosted in the process (svchost groups); empty elsewhere. */
  services: z.array(z.string()),
  /**
   * Names this machine's DNS cache or hosts file resolved to remoteAddress (CNAME aliases
   * included), canonical, most specific first; absent when none is known. Sinkhole addresses
   * (127.0.0.1, 0.0.0.0, ::1, ::) never carry names: a blocked name does not lead there.
   */
  names: z.array(z.string()).optional(),
  /** Windows: the parent process id (Win32_Process capture or the live process query). */
  parentPid: z.number().int().nullable().optional(),
  /** Windows: the parent's image name, when the parent still runs. */
  parentName: z.string().nullable().optional(),
  /** Windows: the process's command line, when it could be read. */
  commandLine: z.string().nullable().optional(),
  /**
   * Why processPath is null: `pending` while the live path query runs (the verdict never waits for
   * it), `needs-elevation` when Windows hides it from a non-administrator (protected and other users'
   * processes), `no-file` for kernel processes (System, Registry, Memory Compression…).
   */
  pathStatus: processPathStatusSchema.optional(),
  /** A system-named executable (svchost.exe, lsass.exe…) outside its Windows folder: a suspicious disguise. */
  disguise: z.boolean().optional(),
  /** Version info and Authenticode signer of processPath (Windows; filled for the rows shown). */
  file: processFileInfoSchema.optional(),
});
export type Connection = z.infer<typeof connectionSchema>;

/** Transport protocol of a connection, normalised (tcp4/tcp6/TCP all become "tcp"). */
export type Protocol = Connection['protocol'];

/**
 * What an indicator is. A `url` matches only where a full URL is seen (proxy logs), never a
 * connection or a DNS record by itself.
 */
export const INDICATOR_KINDS = ['ip', 'cidr', 'domain', 'url'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

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
  severity?: Severity;
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

/** How serious an indicator or a sign is. */
export const severitySchema = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof severitySchema>;

/** How a finding was observed. */
export const findingViaSchema = z.enum(['connection', 'dns-cache', 'hosts-file', 'licensing']);
export type FindingVia = z.infer<typeof findingViaSchema>;

/** Kinds of licensing / cracked-software signs (issue: cracked software signs). */
export const LICENSING_KINDS = [
  'not-activated',
  'kms-activation',
  'crack-tool',
  'hosts-activation-block',
] as const;

/** One thing the user must look at. */
export const findingSchema = z.object({
  /** The indicator value that matched (canonical), or for licensing the signature name. */
  indicator: z.string(),
  kind: z.enum([...INDICATOR_KINDS, ...LICENSING_KINDS]),
  via: findingViaSchema,
  /** The name involved when a domain indicator met a connection or a DNS/hosts record. */
  domain: z.string().optional(),
  /** Feed (or signature list) that the indicator came from. */
  source: z.string(),
  indicatorId: z.string().optional(),
  connection: connectionSchema.optional(),
  /** The line or path that proves it (licensing, hosts file, DNS cache). */
  evidence: z.string().optional(),
  severity: severitySchema.optional(),
  /** Plain-language meaning of the sign, Vietnamese first (licensing findings). */
  explanation: bilingualTextSchema.optional(),
  /** What the IT staff should do about it, Vietnamese first (licensing findings). */
  advice: bilingualTextSchema.optional(),
});
export type Finding = z.infer<typeof findingSchema>;

/** A problem in an input file: what, where (file and 1-based line), so a person can fix it. */
export const parseIssueSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  message: z.string(),
  /** The same as a catalogue message, when the app words it (shared/i18n); line 0 = no line. */
  text: messageSchema.optional(),
});
export type ParseIssue = z.infer<typeof parseIssueSchema>;

/** A hosts-file line that maps an indicator's name to a blocking address (0.0.0.0, 127/8, ::, ::1). */
export const blockedNameSchema = z.object({
  /** The indicator value the name matched (canonical). */
  indicator: z.string(),
  indicatorId: z.string().optional(),
  /** The blocked name as the hosts file lists it (canonical). */
  domain: z.string(),
  /** The blocking address the hosts file gives. */
  address: z.string(),
  /** Feed the indicator came from. */
  source: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  text: z.string().optional(),
});
export type BlockedName = z.infer<typeof blockedNameSchema>;

/** A feed in use: name, indicator count, version where signed; `sample` for the bundled sample feed. */
export const feedInUseSchema = z.object({
  source: z.string(),
  indicators: z.number().int(),
  version: z.number().optional(),
  sample: z.boolean().optional(),
});

/** The result of one scan, as the CLI prints it with --json and the app shows it. */
export const scanReportSchema = z.object({
  /** ISO-8601 time the scan finished. */
  scannedAt: z.string(),
  findings: z.array(findingSchema),
  connections: z.array(connectionSchema),
  feeds: z.array(feedInUseSchema),
  /** Non-fatal problems met while reading inputs. */
  warnings: z.array(parseIssueSchema),
  /** Indicator names that this machine's hosts file blocks (information: protection, never a finding). */
  blocked: z.array(blockedNameSchema).optional(),
  /**
   * Ended connections (TIME_WAIT, CLOSED…, no owning process) to an indicator: evidence that something
   * connected recently. Shown beside the findings of the same indicator; never a finding, never counted.
   */
  recent: z.array(findingSchema).optional(),
  /** Licensing information that is not a cracked-software sign (Windows not activated). Never counted. */
  notices: z.array(findingSchema).optional(),
});
export type ScanReport = z.infer<typeof scanReportSchema>;
