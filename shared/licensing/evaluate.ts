// Turns parsed licensing inputs (activation reports, installed programs, scheduled tasks,
// services, running processes, files found on disk, hosts records) into findings with
// via "licensing". Pure: the collectors in services/licensing gather the inputs.
import type { DnsRecord, Finding } from '../domain';
import { isPrivateOrLinkLocal } from '../net/address-scope';
import type { SlmgrProduct } from '../parsers/slmgr';
import type { InstalledProgram } from '../parsers/reg-uninstall';
import type { ScheduledTask } from '../parsers/schtasks';
import type { ServiceEntry } from '../parsers/services';
import { activationBlockFindings, type CampaignDomainIndex } from './hosts-activation';
import { baseName, commandExecutable, firstMatch } from './match';
import type { CrackSignature, LicensingSignatures } from './signatures';
import { crackToolText, kmsText, notActivatedText } from './texts';
import { textPair } from '../i18n';

/** Everything the collectors found; every part is optional (captures may hold only some). */
export interface LicensingInputs {
  /** One entry per activation report (slmgr /dli, ospp /dstatus), `source` names it. */
  activation?: { source: string; products: SlmgrProduct[] }[];
  programs?: InstalledProgram[];
  tasks?: ScheduledTask[];
  services?: ServiceEntry[];
  processes?: { imageName: string; pid: number | null }[];
  /** Signature paths that exist on this machine (expanded), with the signature that named them. */
  foundPaths?: { path: string; signatureId: string }[];
  hostsRecords?: DnsRecord[];
}

/** Settings that change what counts as a sign. */
export interface LicensingSettings {
  /**
   * The agency's own KMS hosts and domains ("kms.agency.gov.vn", "kms.agency.gov.vn:1688",
   * "10.0.0.5", "agency.gov.vn" for every host under it): the signed feed's `kmsHosts` merged with
   * the Settings list (or `--kms-host`).
   */
  agencyKmsHosts: string[];
}

/** Licence states that mean "not activated" (a notice, never a cracked-software sign). */
const NOT_ACTIVATED: Record<string, { vi: string; en: string }> = {
  unlicensed: textPair('msg.licensing.word.unlicensed'),
  notification: textPair('msg.licensing.word.notificationMode'),
  'non-genuine-grace': textPair('msg.licensing.word.nonGenuineGracePeriod'),
  'initial-grace': textPair('msg.licensing.word.initialGracePeriod'),
  'additional-grace': textPair('msg.licensing.word.additionalGracePeriod'),
  'extended-grace': textPair('msg.licensing.word.extendedGracePeriod'),
};
/** An evaluation edition (TIMEBASED_EVAL channel) runs for a while, then stops: not activated either. */
const EVALUATION = textPair('msg.licensing.word.evaluationCopy');

/** Splits "host:port" / "[v6]:port" into lower-case host and port. */
function hostPort(text: string): { host: string; port: string | null } {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(t);
  if (v6) return { host: v6[1], port: v6[2] ?? null };
  const m = /^([^:]+)(?::(\d+))?$/.exec(t);
  return m ? { host: m[1].replace(/\.$/, ''), port: m[2] ?? null } : { host: t, port: null };
}

/**
 * Second-level public suffixes of .vn (VNNIC's list): "gov.vn" on the agency list must not accept
 * every government or commercial host as the agency's KMS.
 */
const VN_PUBLIC_SUFFIXES = new Set(
  ['com', 'net', 'org', 'edu', 'gov', 'int', 'ac', 'biz', 'info', 'name', 'pro', 'health', 'io', 'id'].map(
    (l) => `${l}.vn`,
  ),
);

/** A list entry covers the hosts under it when it is a registrable domain, not a bare suffix or an IP. */
const coversSubdomains = (entry: string): boolean =>
  entry.includes('.') && !entry.includes(':') && !/^[\d.]+$/.test(entry) && !VN_PUBLIC_SUFFIXES.has(entry);

/**
 * True when the KMS host (or its IP) is one of the agency's: the same host, or a host under an
 * agency domain ("agency.gov.vn" covers "kms.agency.gov.vn"); a port in the setting must match too.
 */
export function isAgencyKms(kmsHost: string, kmsIp: string | null, agencyHosts: readonly string[]): boolean {
  const k = hostPort(kmsHost);
  return agencyHosts.some((entry) => {
    const a = hostPort(entry.replace(/^\*?\./, ''));
    if (a.host === '') return false;
    if (a.port !== null && k.port !== null && a.port !== k.port) return false;
    return (
      a.host === k.host ||
      (coversSubdomains(a.host) && k.host.endsWith(`.${a.host}`)) ||
      (kmsIp !== null && a.host === kmsIp.toLowerCase())
    );
  });
}

const isLoopbackHost = (host: string): boolean =>
  /^127\./.test(host) || host === 'localhost' || host === '::1';

/**
 * Names that only resolve inside an organisation: a single label ("kmsserver") or a special-use
 * suffix (RFC 6761/6762/8375 and the usual corporate ones). A public KMS service cannot be one.
 */
const isInternalName = (host: string): boolean =>
  !host.includes(':') &&
  !/^[\d.]+$/.test(host) &&
  (!host.includes('.') || /\.(local|lan|internal|intranet|corp|home|home\.arpa|localdomain)$/.test(host));

/**
 * Why a KMS activation is legitimate volume licensing, or null when it is a cracked-software sign:
 * found through DNS auto-discovery (the organisation published it), a private or link-local host
 * (inside its network), or on the agency's list. A loopback host is an emulator whatever its source.
 */
export function legitimateKms(
  p: Pick<SlmgrProduct, 'kmsHost' | 'kmsHostSource' | 'kmsIp'>,
  agencyHosts: readonly string[],
): 'dns' | 'private' | 'agency' | null {
  if (!p.kmsHost) return null;
  const host = hostPort(p.kmsHost).host;
  if (isLoopbackHost(host) || (p.kmsIp !== null && isLoopbackHost(p.kmsIp))) return null;
  if (isAgencyKms(p.kmsHost, p.kmsIp, agencyHosts)) return 'agency';
  if (p.kmsHostSource === 'dns') return 'dns';
  if (isPrivateOrLinkLocal(host) || isInternalName(host)) return 'private';
  if (p.kmsIp !== null && isPrivateOrLinkLocal(p.kmsIp)) return 'private';
  return null;
}

function activationFindings(
  reports: NonNullable<LicensingInputs['activation']>,
  settings: LicensingSettings,
): Finding[] {
  const out: Finding[] = [];
  for (const { source, products } of reports)
    for (const p of products) {
      const product = p.name ?? p.description ?? 'Windows/Office';
      const na = p.state ? NOT_ACTIVATED[p.state] : undefined;
      const evaluation = p.channel?.startsWith('TIMEBASED_EVAL') ? EVALUATION : undefined;
      const state = na ?? evaluation;
      if (state) {
        // The status line says it; for an evaluation copy that shows "Licensed", the channel does.
        const evidence = na ? p.status?.text : (p.description ?? p.status?.text);
        out.push({
          indicator: product,
          kind: 'not-activated',
          via: 'licensing',
          source,
          ...(evidence !== undefined ? { evidence } : {}),
          severity: 'low',
          ...notActivatedText(product, state, p.minutesLeft),
        });
      }
      if (p.kmsHost && p.kmsHostLine && legitimateKms(p, settings.agencyKmsHosts) === null) {
        const loopback = isLoopbackHost(hostPort(p.kmsHost).host);
        out.push({
          indicator: p.kmsHost,
          kind: 'kms-activation',
          via: 'licensing',
          domain: hostPort(p.kmsHost).host,
          source,
          evidence: p.kmsHostLine.text,
          severity: loopback ? 'high' : 'medium',
          ...kmsText(product, p.kmsHost, loopback),
        });
      }
    }
  return out;
}

/** Executable names a signature knows (its process globs and the file names of its paths). */
const exeGlobs = (s: CrackSignature): string[] => [
  ...(s.processes ?? []),
  ...(s.paths ?? []).map(baseName).filter((b) => /\.(exe|dll|cmd|bat|vbs)$/i.test(b)),
];

function toolFindings(inputs: LicensingInputs, tools: readonly CrackSignature[]): Finding[] {
  const out: Finding[] = [];
  const add = (s: CrackSignature, evidence: string, where: { vi: string; en: string }) =>
    out.push({
      indicator: s.name,
      indicatorId: s.id,
      kind: 'crack-tool',
      via: 'licensing',
      source: s.source ?? 'signatures',
      evidence,
      severity: s.severity ?? 'high',
      ...crackToolText(s.name, where, s.detections),
    });
  for (const s of tools) {
    const exes = exeGlobs(s);
    for (const p of inputs.programs ?? []) {
      const hit =
        firstMatch(s.displayNames, p.displayName) ??
        firstMatch(s.publisherPatterns, p.publisher) ??
        (p.installLocation && firstMatch(exes, baseName(p.installLocation)));
      if (hit)
        add(
          s,
          `${p.path} DisplayName=${p.displayName ?? ''}${p.publisher ? ` Publisher=${p.publisher}` : ''}`,
          textPair('msg.licensing.word.installedProgram'),
        );
    }
    for (const t of inputs.tasks ?? []) {
      const exe = baseName(commandExecutable(t.command));
      if (firstMatch(s.tasks, t.name) ?? firstMatch(s.tasks, t.path) ?? firstMatch(exes, exe))
        add(s, `${t.path} → ${t.command}`, textPair('msg.licensing.word.scheduledTask'));
    }
    for (const sv of inputs.services ?? []) {
      const byName = firstMatch(s.services, sv.name) ?? firstMatch(s.services, sv.displayName);
      const byImage = sv.imageName ? firstMatch(exes, sv.imageName) : null;
      if (byName ?? byImage)
        add(
          s,
          `service "${sv.name}"${sv.displayName ? ` (${sv.displayName})` : ''}${sv.imageName ? ` in ${sv.imageName}` : ''}`,
          textPair('msg.licensing.word.service'),
        );
    }
    for (const pr of inputs.processes ?? [])
      if (firstMatch(exes, pr.imageName))
        add(
          s,
          `process ${pr.imageName}${pr.pid !== null ? ` (PID ${pr.pid})` : ''}`,
          textPair('msg.licensing.word.runningProcess'),
        );
    for (const f of inputs.foundPaths ?? [])
      if (f.signatureId === s.id) add(s, f.path, textPair('msg.licensing.word.fileFolder'));
  }
  return out;
}

/**
 * Splits licensing results into cracked-software signs (findings, counted) and notices (Windows
 * or Office not activated: information, never counted as a sign).
 */
export function splitLicensing(all: readonly Finding[]): { signs: Finding[]; notices: Finding[] } {
  return {
    signs: all.filter((f) => f.kind !== 'not-activated'),
    notices: all.filter((f) => f.kind === 'not-activated'),
  };
}

/**
 * Evaluates licensing inputs into findings (via "licensing"); `not-activated` ones are notices,
 * see splitLicensing. The same evidence is reported
 * once, by the first signature in list order that names it.
 */
export function evaluateLicensing(
  inputs: LicensingInputs,
  settings: LicensingSettings,
  signatures: LicensingSignatures,
  campaignIndex?: CampaignDomainIndex,
): Finding[] {
  const all = [
    ...activationFindings(inputs.activation ?? [], settings),
    ...toolFindings(inputs, signatures.tools),
    ...activationBlockFindings(inputs.hostsRecords ?? [], signatures.activationHosts, campaignIndex),
  ];
  const seen = new Set<string>();
  return all.filter((f) => {
    // A hosts finding is one vendor's block in one file: indicatorId carries the file and its first
    // line, and one line can name two vendors' hosts, so the vendor is part of the key too (the
    // same evidence from two vendors is two signs). Others differ by what they show.
    const hosts = f.kind === 'hosts-activation-block' ? `${f.indicator}\u0000${f.indicatorId ?? ''}` : '';
    const key = `${f.kind}\u0000${f.evidence ?? ''}\u0000${hosts}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
