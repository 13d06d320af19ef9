// The report's shape in one place, so a scan, a watch and a capture analysis agree on it.
import type {
  BlockedName,
  Connection,
  DnsRecord,
  Finding,
  ParseIssue,
  ScanReport,
} from '../../shared/domain';
import { compareFindings, connectionKey, matchScan } from '../../shared/scan/find-findings';
import type { Resolution } from '../../shared/scan/resolution';
import type { IndicatorSet } from './indicators';
import type { LicensingContext, LicensingSource } from './types';

/**
 * Sorts sockets so reports and tables list them the same way every time. Each socket's key is
 * built once (not once per comparison: at 11k sockets that was most of a scan's JS time).
 */
export function sortConnections(list: Iterable<Connection>): Connection[] {
  const keyed: { key: string; c: Connection }[] = [];
  for (const c of list) keyed.push({ key: connectionKey(c), c });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const out = new Array<Connection>(keyed.length);
  for (let i = 0; i < keyed.length; i++) out[i] = keyed[i].c;
  return out;
}

/** Drops repeated warnings (the same line reported by two reads) keeping the first. */
export function uniqueWarnings(list: Iterable<ParseIssue>): ParseIssue[] {
  const seen = new Set<string>();
  const out: ParseIssue[] = [];
  for (const w of list) {
    const k = `${w.file}\u0000${w.line}\u0000${w.message}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(w);
    }
  }
  return out;
}

/** Assembles the report (one place, so scan and watch agree on its shape). */
export function makeReport(parts: {
  now: number;
  findings: Finding[];
  connections: Iterable<Connection>;
  feeds: ScanReport['feeds'];
  warnings: Iterable<ParseIssue>;
  /** Information beside the findings (see ScanMatches); always present in a scan's report. */
  blocked?: BlockedName[];
  recent?: Finding[];
  notices?: Finding[];
}): ScanReport {
  return {
    scannedAt: new Date(parts.now).toISOString(),
    findings: parts.findings,
    connections: sortConnections(parts.connections),
    feeds: parts.feeds,
    warnings: uniqueWarnings(parts.warnings),
    blocked: parts.blocked ?? [],
    recent: parts.recent ?? [],
    notices: parts.notices ?? [],
  };
}

/**
 * Runs the licensing source (when there is one) on a matched report and adds what it found: signs
 * among the findings (in the findings' one order), "not activated" to the notices, its warnings.
 */
export async function withLicensing(
  report: ScanReport,
  source: LicensingSource | undefined,
  context: LicensingContext,
): Promise<ScanReport> {
  if (!source) return report;
  const lic = await source(context);
  return {
    ...report,
    findings:
      lic.findings.length === 0
        ? report.findings
        : [...report.findings, ...lic.findings].sort(compareFindings),
    notices: [...(report.notices ?? []), ...lic.notices],
    warnings: [...report.warnings, ...lic.warnings],
  };
}

/**
 * The end of a scan and of a watch, one way: matches the named connections, the DNS cache and the
 * hosts file against the indicators, assembles the report and runs the licensing source on it.
 * `beforeLicensing` runs just before that source (the scan's progress step), only when there is one.
 */
export async function matchedReport(parts: {
  now: number;
  connections: Connection[];
  dnsRecords: readonly DnsRecord[];
  hostsRecords: readonly DnsRecord[];
  resolution: Resolution;
  set: IndicatorSet;
  warnings: Iterable<ParseIssue>;
  licensing: LicensingSource | undefined;
  agencyKmsHosts: readonly string[];
  beforeLicensing?: () => void;
}): Promise<ScanReport> {
  const { connections, set } = parts;
  const matches = matchScan({
    connections,
    dnsRecords: parts.dnsRecords,
    hostsRecords: parts.hostsRecords,
    resolution: parts.resolution,
    index: set.index,
  });
  const matched = makeReport({
    now: parts.now,
    findings: matches.findings,
    recent: matches.recent,
    blocked: matches.blocked,
    connections,
    feeds: set.feeds,
    warnings: parts.warnings,
  });
  if (parts.licensing) parts.beforeLicensing?.();
  return withLicensing(matched, parts.licensing, {
    already: matched.findings,
    feedKmsHosts: set.kmsHosts ?? [],
    agencyKmsHosts: parts.agencyKmsHosts,
  });
}
