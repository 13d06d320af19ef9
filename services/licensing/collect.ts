// Live licensing collection. On Windows: the activation report (slmgr /dli, ospp /dstatus where
// Office is installed), installed programs (three Uninstall keys), scheduled tasks, services,
// running processes, the signature paths on disk and the hosts file — each through the injected
// runner or file-system port. Elsewhere only the hosts file exists to check, and the result says so.
import { readdir, readFile, stat } from 'node:fs/promises';
import type { Finding, ParseIssue } from '../../shared/domain';
import { textPair } from '../../shared/i18n';
import {
  evaluateLicensing,
  type LicensingInputs,
  type LicensingSettings,
} from '../../shared/licensing/evaluate';
import type { CampaignDomainIndex } from '../../shared/licensing/hosts-activation';
import { baseName, expandWinVars, globMatch } from '../../shared/licensing/match';
import type { LicensingSignatures } from '../../shared/licensing/signatures';
import { createLogger } from '../../shared/logger';
import { parseHostsFile } from '../../shared/parsers/hosts-file';
import { parseRegUninstall } from '../../shared/parsers/reg-uninstall';
import { parseSchtasks } from '../../shared/parsers/schtasks';
import { parseServices } from '../../shared/parsers/services';
import { parseSlmgr } from '../../shared/parsers/slmgr';
import type { CommandRunner } from '../command-runner';
import { decodeCommandOutput } from '../text-decode';
import { licensingSignatures } from './bundled';
import { licensingCommands, OSPP_CANDIDATES, type Command } from './commands';

const log = createLogger('licensing');

/** The file-system reads the collector needs (injected in tests). */
export interface LicensingFs {
  exists(path: string): Promise<boolean>;
  /** Names in a folder; [] when it does not exist. */
  list(dir: string): Promise<string[]>;
  read(path: string): Promise<Uint8Array>;
}

/** Dependencies of collectLicensing. */
export interface LicensingDeps {
  runner: CommandRunner;
  platform: NodeJS.Platform;
  settings: LicensingSettings;
  /** Defaults to the bundled lists (merge a feed's extras with licensingSignatures()). */
  signatures?: LicensingSignatures;
  campaignIndex?: CampaignDomainIndex;
  /** Environment for %ProgramFiles%-style paths; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  fs?: LicensingFs;
  codePage?: number;
  /** Hosts file to read; defaults to %SystemRoot%\System32\drivers\etc\hosts or /etc/hosts. */
  hostsPath?: string;
}

/** Findings, non-fatal problems (file:line or command), and notes on what was not checked. */
export interface LicensingResult {
  findings: Finding[];
  warnings: ParseIssue[];
  /** Catalogue messages, also in both languages (`vi`, `en`) for the command line. */
  notes: { code: string; vi: string; en: string }[];
}

/** The real file system. */
export const nodeFs: LicensingFs = {
  exists: (path) =>
    stat(path).then(
      () => true,
      () => false,
    ),
  list: (dir) => readdir(dir).catch(() => []),
  read: async (path) => new Uint8Array(await readFile(path)),
};

/** Runs one command; its decoded output, or null with a warning saying what failed and what to do. */
async function runText(deps: LicensingDeps, cmd: Command, warnings: ParseIssue[]): Promise<string | null> {
  const label = [cmd.file, ...cmd.args].join(' ');
  try {
    const r = await deps.runner.run(cmd.file, cmd.args, { timeoutMs: 60_000 });
    const out = decodeCommandOutput(r.stdout, { codePage: deps.codePage });
    if (r.code !== 0) {
      const why = decodeCommandOutput(r.stderr, { codePage: deps.codePage }).trim().split(/\r?\n/)[0] ?? '';
      const denied = r.code === 5 || /access is denied|truy cập bị từ chối/i.test(why);
      warnings.push({
        file: label,
        line: 0,
        message: `exit code ${r.code ?? 'none (killed)'}${why ? `: ${why}` : ''}${
          denied ? '; run Sạch Mã Độc as administrator (Run as administrator) and scan again' : ''
        }`,
      });
      return out.trim() === '' ? null : out;
    }
    return out;
  } catch (e) {
    warnings.push({ file: label, line: 0, message: `${(e as Error).message}; this check was skipped` });
    return null;
  }
}

/** Signature paths that exist: plain paths by stat, a wildcard last segment by listing its folder. */
export async function findSignaturePaths(
  signatures: LicensingSignatures,
  env: Readonly<Record<string, string | undefined>>,
  fs: LicensingFs,
): Promise<{ path: string; signatureId: string }[]> {
  const checks: Promise<{ path: string; signatureId: string }[]>[] = [];
  const seen = new Set<string>();
  for (const s of signatures.tools)
    for (const pattern of s.paths ?? []) {
      const path = expandWinVars(pattern, env);
      if (path === null || seen.has(`${s.id}|${path.toLowerCase()}`)) continue;
      seen.add(`${s.id}|${path.toLowerCase()}`);
      const name = baseName(path);
      if (/[*?]/.test(name)) {
        const dir = path.slice(0, path.length - name.length).replace(/[\\/]+$/, '');
        checks.push(
          fs
            .list(dir)
            .then((names) =>
              names
                .filter((n) => globMatch(name, n))
                .map((n) => ({ path: `${dir}\\${n}`, signatureId: s.id })),
            ),
        );
      } else checks.push(fs.exists(path).then((yes) => (yes ? [{ path, signatureId: s.id }] : [])));
    }
  return (await Promise.all(checks)).flat();
}

/** Collects licensing signs on this machine (Windows: everything; elsewhere: the hosts file only). */
export async function collectLicensing(deps: LicensingDeps): Promise<LicensingResult> {
  const env = deps.env ?? process.env;
  const fs = deps.fs ?? nodeFs;
  const signatures = deps.signatures ?? licensingSignatures().signatures;
  const warnings: ParseIssue[] = [];
  const notes: LicensingResult['notes'] = [];
  const inputs: LicensingInputs = {};
  const systemRoot = expandWinVars('%SystemRoot%', env) ?? 'C:\\Windows';
  const cmds = licensingCommands(systemRoot);
  const hostsPath =
    deps.hostsPath ?? env.SACHMADOC_HOSTS_FILE ?? (deps.platform === 'win32' ? cmds.hostsPath : '/etc/hosts');

  if (deps.platform === 'win32') {
    const osppPaths = (
      await Promise.all(
        OSPP_CANDIDATES.map(async (c) => {
          const p = expandWinVars(c, env);
          return p !== null && (await fs.exists(p)) ? p : null;
        }),
      )
    ).filter((p): p is string => p !== null);
    const [slmgr, ospp, uninstall, tasks, services, processes, found] = await Promise.all([
      runText(deps, cmds.slmgr, warnings),
      Promise.all([...new Set(osppPaths)].map((p) => runText(deps, cmds.ospp(p), warnings))),
      Promise.all(cmds.uninstall.map((c) => runText(deps, c, warnings))),
      runText(deps, cmds.tasks, warnings),
      runText(deps, cmds.services, warnings),
      runText(deps, cmds.processes, warnings),
      findSignaturePaths(signatures, env, fs),
    ]);
    inputs.activation = [];
    const act = (text: string | null, source: string) => {
      if (text === null) return;
      const r = parseSlmgr(text, source);
      warnings.push(...r.errors);
      inputs.activation!.push({ source, products: r.products });
    };
    act(slmgr, 'slmgr /dli');
    ospp.forEach((t) => act(t, 'ospp.vbs /dstatus'));
    inputs.programs = uninstall.flatMap((t, i) => {
      if (t === null) return [];
      const r = parseRegUninstall(t, `reg query ${cmds.uninstall[i].args[1]}`);
      warnings.push(...r.errors);
      return r.programs;
    });
    if (tasks !== null) {
      const r = parseSchtasks(tasks, 'schtasks /query /fo csv /v');
      warnings.push(...r.errors);
      inputs.tasks = r.tasks;
    }
    inputs.services = services === null ? [] : parseServices(services, 'sc query').services;
    if (processes !== null) {
      const r = parseServices(processes, 'tasklist /svc');
      inputs.processes = r.processes;
      inputs.services.push(...r.services.filter((s) => !inputs.services!.some((x) => x.name === s.name)));
    }
    inputs.foundPaths = found;
  } else {
    notes.push({ code: 'msg.licensing.hostsOnly', ...textPair('msg.licensing.hostsOnly') });
  }

  try {
    const hosts = parseHostsFile(
      decodeCommandOutput(await fs.read(hostsPath), { codePage: deps.codePage }),
      hostsPath,
    );
    inputs.hostsRecords = hosts.records;
  } catch (e) {
    warnings.push({
      file: hostsPath,
      line: 0,
      message: `cannot read the hosts file (${(e as Error).message})`,
    });
  }

  const findings = evaluateLicensing(inputs, deps.settings, signatures, deps.campaignIndex);
  log.info('licensing checked', {
    platform: deps.platform,
    findings: findings.length,
    warnings: warnings.length,
  });
  return { findings, warnings, notes };
}
