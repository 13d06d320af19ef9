// What `sachmadoc scan` needs to add the licensing checks: its options, usage lines, and one call
// that runs them live or on captures. Kept here so the CLI patch stays a few lines long.
import type { Finding, ParseIssue } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { splitLicensing } from '../../../shared/licensing/evaluate';
import type { CommandRunner } from '../command-runner';
import { licensingFromCaptures } from './captures';
import { collectLicensing, type LicensingResult } from './collect';

/** parseArgs options the scan command spreads into its own. */
export const LICENSING_OPTIONS = {
  licensing: { type: 'boolean' },
  slmgr: { type: 'string', multiple: true },
  installed: { type: 'string', multiple: true },
  tasks: { type: 'string', multiple: true },
  services: { type: 'string', multiple: true },
  'kms-host': { type: 'string', multiple: true },
} as const;

/** Usage lines appended to the scan command's help. */
export const LICENSING_USAGE = `  Bản quyền, công cụ bẻ khóa / licensing and crack signs (via "licensing"):
  --licensing           kiểm tra máy này / check this machine (Windows; elsewhere the hosts file only)
  --kms-host HOST       máy chủ/tên miền KMS của cơ quan (lặp lại được; cộng với kmsHosts của nguồn cấp)
                        / the agency's KMS host or domain, repeatable (added to the feed's kmsHosts)
  --slmgr FILE          slmgr.vbs /dli hoặc/or ospp.vbs /dstatus (lặp lại được / repeatable)
  --installed FILE      reg query ...\\Uninstall /s (HKLM, WOW6432Node, HKCU)
  --tasks FILE          schtasks /query /fo csv /v
  --services FILE       sc query type= service state= all, hoặc/or tasklist /svc
  (--hosts FILE cũng được kiểm tra chặn kích hoạt / is also checked for activation blocks)
`;

/** The subset of parsed options this module reads. */
export interface LicensingCliOptions {
  licensing?: boolean;
  slmgr?: string[];
  installed?: string[];
  tasks?: string[];
  services?: string[];
  'kms-host'?: string[];
  hosts?: string;
}

/** True when any licensing capture flag was given (these make the scan a capture analysis). */
export const hasLicensingCaptures = (o: LicensingCliOptions): boolean =>
  [o.slmgr, o.installed, o.tasks, o.services].some((v) => v !== undefined && v.length > 0);

/** True when the person asked for licensing checks at all. */
export const licensingRequested = (o: LicensingCliOptions): boolean =>
  o.licensing === true || hasLicensingCaptures(o);

/**
 * Runs the licensing checks for `scan`: on captures when `captureMode`, else live. Hosts lines the
 * scan already reported (a campaign domain, via "hosts-file") are not reported twice. Cracked-software
 * signs come back as `findings`, "not activated" as `notices` (never counted).
 */
export async function licensingForScan(args: {
  opts: LicensingCliOptions;
  captureMode: boolean;
  runner: CommandRunner;
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  readFile: (path: string) => Promise<Uint8Array>;
  codePage?: number;
  already: readonly Finding[];
  /** The agency's KMS hosts and domains from the signed campaign feed (`kmsHosts`). */
  feedKmsHosts?: readonly string[];
}): Promise<{ findings: Finding[]; notices: Finding[]; warnings: ParseIssue[] }> {
  const { opts } = args;
  // The feed's list and the person's (Settings, --kms-host) both name the agency's own hosts.
  const settings = { agencyKmsHosts: [...(args.feedKmsHosts ?? []), ...(opts['kms-host'] ?? [])] };
  // A capture the person named must be readable: like the scan's own captures, that is an error
  // (exit 2) saying which file and what to check, not a silent warning.
  const files = new Map<string, Uint8Array>();
  if (args.captureMode) {
    const named: [string, string[] | undefined][] = [
      ['--slmgr', opts.slmgr],
      ['--installed', opts.installed],
      ['--tasks', opts.tasks],
      ['--services', opts.services],
    ];
    for (const [flag, paths] of named)
      for (const p of paths ?? []) {
        try {
          files.set(p, await args.readFile(p));
        } catch (e) {
          const code = (e as { code?: unknown }).code;
          throw new UserError(
            `không đọc được / cannot read ${flag} ${p} (${typeof code === 'string' ? code : e instanceof Error ? e.message : String(e)})`,
            'kiểm tra đường dẫn / check the path',
          );
        }
      }
  }
  const read = (p: string) => {
    const hit = files.get(p);
    return hit ? Promise.resolve(hit) : args.readFile(p);
  };
  // Hosts names the scan already reported (a campaign domain, via "hosts-file") are left out where
  // the vendor blocks are built: a block then loses only those lines, not the whole sign.
  const flagged = new Set(
    args.already.flatMap((f) => (f.via === 'hosts-file' && f.domain ? [f.domain] : [])),
  );
  const campaignIndex = { matchDomain: (name: string) => (flagged.has(name) ? name : null) };
  const result: LicensingResult = args.captureMode
    ? await licensingFromCaptures(
        {
          slmgr: opts.slmgr,
          installed: opts.installed,
          tasks: opts.tasks,
          services: opts.services,
          hosts: opts.hosts !== undefined ? [opts.hosts] : [],
        },
        { settings, codePage: args.codePage, read, campaignIndex, requireContent: true },
      )
    : await collectLicensing({
        runner: args.runner,
        platform: args.platform,
        settings,
        env: args.env,
        codePage: args.codePage,
        campaignIndex,
      });
  const notes: ParseIssue[] = result.notes.map((n) => ({
    file: 'licensing',
    line: 0,
    message: `${n.vi} / ${n.en}`,
    text: { code: n.code },
  }));
  const { signs, notices } = splitLicensing(result.findings);
  return { findings: signs, notices, warnings: [...result.warnings, ...notes] };
}
