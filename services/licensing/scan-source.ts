// The licensing checks (signs of cracked software, activation notices) as a source of the one scan
// pipeline (services/scan/scan-service.ts): live on this machine, or on captures another PC made.
import type { ParseIssue } from '../../shared/domain';
import { userError } from '../../shared/errors';
import { splitLicensing } from '../../shared/licensing/evaluate';
import type { CommandRunner } from '../command-runner';
import type { LicensingSource } from '../scan/types';
import { licensingFromCaptures } from './captures';
import { collectLicensing, type LicensingResult } from './collect';

/** Capture files of another PC, by kind (each flag may be repeated); absent: check this machine. */
export interface LicensingCapturePaths {
  slmgr?: string[];
  installed?: string[];
  tasks?: string[];
  services?: string[];
  /** The hosts capture the scan also reads (checked for activation blocks). */
  hosts?: string;
}

/**
 * Creates the licensing source: on `captures` when given, else live. Hosts lines the scan already
 * reported (a campaign domain, via "hosts-file") are not reported twice. Cracked-software signs come
 * back as `findings`, "not activated" as `notices` (never counted).
 */
export function createLicensingSource(args: {
  captures?: LicensingCapturePaths;
  /** The agency's KMS hosts the person named (`--kms-host`), beside the feed's and Settings'. */
  agencyKmsHosts?: readonly string[];
  runner: CommandRunner;
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  readFile: (path: string) => Promise<Uint8Array>;
  codePage?: number;
}): LicensingSource {
  return async (context) => {
    // The feed's list, Settings and --kms-host all name the agency's own hosts.
    const settings = {
      agencyKmsHosts: [...context.feedKmsHosts, ...context.agencyKmsHosts, ...(args.agencyKmsHosts ?? [])],
    };
    const captures = args.captures;
    // A capture the person named must be readable: like the scan's own captures, that is an error
    // (exit 2) saying which file and what to check, not a silent warning.
    const files = new Map<string, Uint8Array>();
    if (captures) {
      const named: [string, string[] | undefined][] = [
        ['--slmgr', captures.slmgr],
        ['--installed', captures.installed],
        ['--tasks', captures.tasks],
        ['--services', captures.services],
      ];
      for (const [flag, paths] of named)
        for (const p of paths ?? []) {
          try {
            files.set(p, await args.readFile(p));
          } catch (e) {
            const code = (e as { code?: unknown }).code;
            throw userError('msg.cli.cannotRead', {
              params: {
                flag,
                path: p,
                code: typeof code === 'string' ? code : e instanceof Error ? e.message : String(e),
              },
              hint: 'msg.cli.checkPath',
            });
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
      context.already.flatMap((f) => (f.via === 'hosts-file' && f.domain ? [f.domain] : [])),
    );
    const campaignIndex = { matchDomain: (name: string) => (flagged.has(name) ? name : null) };
    const result: LicensingResult = captures
      ? await licensingFromCaptures(
          {
            slmgr: captures.slmgr,
            installed: captures.installed,
            tasks: captures.tasks,
            services: captures.services,
            hosts: captures.hosts !== undefined ? [captures.hosts] : [],
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
  };
}
