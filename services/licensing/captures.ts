// Licensing from captures made on another PC (the CLI's --slmgr --installed --hosts --tasks
// --services): the same parsers and rules as the live collector, fed from files.
import { readFile } from 'node:fs/promises';
import type { ParseIssue } from '../../shared/domain';
import {
  evaluateLicensing,
  type LicensingInputs,
  type LicensingSettings,
} from '../../shared/licensing/evaluate';
import type { CampaignDomainIndex } from '../../shared/licensing/hosts-activation';
import type { LicensingSignatures } from '../../shared/licensing/signatures';
import { parseHostsFile } from '../../shared/parsers/hosts-file';
import { parseRegUninstall } from '../../shared/parsers/reg-uninstall';
import { parseSchtasks } from '../../shared/parsers/schtasks';
import { parseServices } from '../../shared/parsers/services';
import { parseSlmgr } from '../../shared/parsers/slmgr';
import { emptyCaptureError, type CaptureFlag } from '../capture-error';
import { decodeCommandOutput } from '../text-decode';
import { licensingSignatures } from './bundled';
import type { LicensingResult } from './collect';

/** Capture files, each optional; several files of a kind are allowed (e.g. slmgr and ospp). */
export interface LicensingCaptureFiles {
  slmgr?: string[];
  installed?: string[];
  hosts?: string[];
  tasks?: string[];
  services?: string[];
}

/** Options of licensingFromCaptures. */
export interface LicensingCaptureOptions {
  settings?: LicensingSettings;
  signatures?: LicensingSignatures;
  campaignIndex?: CampaignDomainIndex;
  codePage?: number;
  /** Reads a file (defaults to node:fs); injected by tests. */
  read?: (path: string) => Promise<Uint8Array>;
  /**
   * The CLI's rule: a capture that yields nothing of its kind (wrong file, empty file) throws the
   * one-line UserError of capture-error.ts instead of becoming a warning.
   */
  requireContent?: boolean;
}

/** Evaluates capture files; unreadable files and unparsable lines become warnings with file:line. */
export async function licensingFromCaptures(
  files: LicensingCaptureFiles,
  opts: LicensingCaptureOptions = {},
): Promise<LicensingResult> {
  const read = opts.read ?? (async (p: string) => new Uint8Array(await readFile(p)));
  const warnings: ParseIssue[] = [];
  const texts = async (paths: string[] | undefined) =>
    (
      await Promise.all(
        (paths ?? []).map(async (path) => {
          try {
            return { path, text: decodeCommandOutput(await read(path), { codePage: opts.codePage }) };
          } catch (e) {
            warnings.push({
              file: path,
              line: 0,
              message: `cannot read this capture (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path`,
            });
            return null;
          }
        }),
      )
    ).filter((t): t is { path: string; text: string } => t !== null);

  const empty = (flag: CaptureFlag, path: string, text: string, message: string): void => {
    if (opts.requireContent) throw emptyCaptureError(flag, path, text.replace(/^\uFEFF/, '').trim() === '');
    warnings.push({ file: path, line: 1, message });
  };

  const inputs: LicensingInputs = {
    activation: [],
    programs: [],
    tasks: [],
    services: [],
    processes: [],
    hostsRecords: [],
  };
  for (const { path, text } of await texts(files.slmgr)) {
    const r = parseSlmgr(text, path);
    warnings.push(...r.errors);
    if (r.products.length === 0)
      empty(
        '--slmgr',
        path,
        text,
        'no activation report found; capture with "cscript //nologo %windir%\\system32\\slmgr.vbs /dli"',
      );
    inputs.activation!.push({ source: path, products: r.products });
  }
  for (const { path, text } of await texts(files.installed)) {
    const r = parseRegUninstall(text, path);
    warnings.push(...r.errors);
    if (r.programs.length === 0)
      empty(
        '--installed',
        path,
        text,
        'no Uninstall key found; capture with "reg query HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall /s"',
      );
    inputs.programs!.push(...r.programs);
  }
  for (const { path, text } of await texts(files.tasks)) {
    const r = parseSchtasks(text, path);
    warnings.push(...r.errors);
    if (r.tasks.length === 0)
      empty('--tasks', path, text, 'no scheduled task found; capture with "schtasks /query /fo csv /v"');
    inputs.tasks!.push(...r.tasks);
  }
  for (const { path, text } of await texts(files.services)) {
    const r = parseServices(text, path);
    warnings.push(...r.errors);
    if (r.services.length === 0 && r.processes.length === 0)
      empty('--services', path, text, 'no service found; capture with "sc query type= service state= all"');
    inputs.services!.push(...r.services);
    inputs.processes!.push(...r.processes);
  }
  for (const { path, text } of await texts(files.hosts)) {
    const r = parseHostsFile(text, path);
    warnings.push(...r.errors);
    inputs.hostsRecords!.push(...r.records);
  }
  const signatures = opts.signatures ?? licensingSignatures().signatures;
  const findings = evaluateLicensing(
    inputs,
    opts.settings ?? { agencyKmsHosts: [] },
    signatures,
    opts.campaignIndex,
  );
  return { findings, warnings, notes: [] };
}
