// Where the DNS cache and the hosts file come from: the live machine (through the command runner
// and an injected file reader) or captures saved on another PC. Each source returns parsed
// records plus the problems met, never throws for a missing or unreadable input: a scan without
// a DNS cache still reports connections, and says why the cache is missing.
import type { DnsRecord, ParseIssue } from '../../shared/domain';
import { parseDnsCacheText, parseIpconfigDisplayDns } from '../../shared/parsers/dns-cache';
import { parseHostsFile } from '../../shared/parsers/hosts-file';
import { bilingual } from '../../shared/i18n';
import type { CommandRunner } from '../command-runner';
import { decodeCommandOutput, truncatedCapture } from '../text-decode';

/** Parsed records of one input and the problems met reading it. */
export interface RecordsRead {
  records: DnsRecord[];
  warnings: ParseIssue[];
}

/** A source of DNS records, read again on every call (the cache changes while a watch runs). */
export type RecordSource = () => Promise<RecordsRead>;

/** Reads a whole file as bytes; `node:fs/promises` readFile in production, a table in tests. */
export type FileReader = (path: string) => Promise<Uint8Array>;

/** A source that always answers "nothing": no DNS cache readable on this OS, or no capture given. */
export const noRecords: RecordSource = () => Promise.resolve({ records: [], warnings: [] });

/** Path of the system hosts file for the platform. */
export function hostsFilePath(platform: NodeJS.Platform, env: Record<string, string | undefined>): string {
  // Another hosts file to check and clean instead of the system's (e2e tests; IT staff trying a copy).
  if (env.SACHMADOC_HOSTS_FILE) return env.SACHMADOC_HOSTS_FILE;
  if (platform !== 'win32') return '/etc/hosts';
  const root = env.SystemRoot ?? env.SYSTEMROOT ?? env.windir ?? 'C:\\Windows';
  return `${root}\\System32\\drivers\\etc\\hosts`;
}

/**
 * The hosts files Windows' DNS client reads: `hosts`, and `hosts.ics` beside it, where Internet
 * Connection Sharing (and Windows' mobile hotspot) writes its entries. Elsewhere only /etc/hosts.
 */
export function hostsFilePaths(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  const hosts = hostsFilePath(platform, env);
  return platform === 'win32' ? [hosts, `${hosts}.ics`] : [hosts];
}

function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
}

/**
 * The hosts file(s) of this machine (or any path), decoded (UTF-8, UTF-16 with BOM, OEM code page)
 * and parsed; several paths (hosts and hosts.ics) give their records in that order.
 */
export function createHostsFileSource(deps: {
  readFile: FileReader;
  path: string | readonly string[];
  codePage?: number;
}): RecordSource {
  const paths = typeof deps.path === 'string' ? [deps.path] : deps.path;
  return async () => {
    const out: RecordsRead = { records: [], warnings: [] };
    for (const path of paths) {
      let bytes: Uint8Array;
      try {
        bytes = await deps.readFile(path);
      } catch (e) {
        // A missing hosts file is normal (hosts.ics exists only where ICS ran); anything else the person should know.
        if (codeOf(e) === 'ENOENT') continue;
        out.warnings.push({
          file: path,
          line: 0,
          message: bilingual('msg.scan.hostsUnreadable', { code: codeOf(e) }),
        });
        continue;
      }
      const r = parseHostsFile(decodeCommandOutput(bytes, { codePage: deps.codePage }), path);
      out.records.push(...r.records);
      out.warnings.push(...r.errors);
    }
    return out;
  };
}

/**
 * The live DNS client cache. Windows: one `ipconfig /displaydns` (no PowerShell start per scan),
 * bytes decoded in the console code page. Linux and macOS keep no cache a user can list
 * (systemd-resolved and mDNSResponder only log it), so there the source is empty.
 */
export function createDnsCacheSource(deps: {
  runner: CommandRunner;
  platform: NodeJS.Platform;
  codePage?: number;
  /** System32 (default %SystemRoot%\\System32): ipconfig by full path, never a planted one on PATH. */
  systemDir?: string;
}): RecordSource {
  if (deps.platform !== 'win32') return noRecords;
  const systemDir = (deps.systemDir ?? `${process.env.SystemRoot ?? 'C:\\Windows'}\\System32`).replace(
    /[\\/]+$/,
    '',
  );
  return async () => {
    const file = 'ipconfig /displaydns';
    try {
      const out = await deps.runner.run(`${systemDir}\\ipconfig.exe`, ['/displaydns'], { timeoutMs: 30_000 });
      const text = decodeCommandOutput(out.stdout, { codePage: deps.codePage });
      if (out.code !== 0 && text.trim() === '')
        return {
          records: [],
          warnings: [
            {
              file,
              line: 0,
              message: `ipconfig /displaydns exited with ${out.code ?? 'a signal'}; DNS cache not read`,
            },
          ],
        };
      const r = parseIpconfigDisplayDns(text, file);
      return { records: r.records, warnings: r.errors };
    } catch (e) {
      return {
        records: [],
        warnings: [
          {
            file,
            line: 0,
            message: bilingual('msg.scan.ipconfigFailed', { code: codeOf(e) }),
          },
        ],
      };
    }
  };
}

/** A saved DNS-cache capture: `ipconfig /displaydns` or `Get-DnsClientCache` output, detected from its structure. */
export function dnsCacheFromCapture(bytes: Uint8Array, file: string, codePage?: number): RecordSource {
  const text = decodeCommandOutput(bytes, { codePage });
  const r = parseDnsCacheText(text, file);
  const cut = truncatedCapture(bytes, text, file);
  const warnings = cut ? [cut, ...r.errors] : r.errors;
  return () => Promise.resolve({ records: r.records, warnings });
}
