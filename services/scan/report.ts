// The report's shape in one place, so a scan, a watch and a capture analysis agree on it.
import type {
  BlockedName,
  Connection,
  DnsRecord,
  Finding,
  ParseIssue,
  ScanReport,
} from '../../shared/domain';
import { compareFindings, matchScan } from '../../shared/scan/find-findings';
import type { Resolution } from '../../shared/scan/resolution';
import type { IndicatorSet } from './indicators';
import type { LicensingContext, LicensingSource } from './types';

/**
 * Sorts sockets so reports and tables list them the same way every time: in the order of their
 * connection keys (`connectionKey`), compared field by field without building the keys. A key's
 * fields hold no blank or control character, so comparing the text of the keys is comparing the
 * fields' texts in turn (a number's text too: "443" before "80"; no pid, "-", before any pid).
 * At 11,000 sockets, building and comparing the keys was most of a scan's JS time.
 */
export function sortConnections(list: Iterable<Connection>): Connection[] {
  return [...list].sort(compareConnections);
}

function compareConnections(a: Connection, b: Connection): number {
  return (
    compareText(a.protocol, b.protocol) ||
    compareText(a.localAddress, b.localAddress) ||
    compareNumberTexts(a.localPort, b.localPort) ||
    compareText(a.remoteAddress, b.remoteAddress) ||
    compareNumberTexts(a.remotePort, b.remotePort) ||
    comparePids(a.pid, b.pid)
  );
}

const compareText = (a: string, b: string): number => (a === b ? 0 : a < b ? -1 : 1);

/** No pid prints as "-", which sorts before every digit. */
function comparePids(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return compareNumberTexts(a, b);
}

/** Compares String(a) with String(b) as text ("443" < "80", "8" < "80"), without making them. */
export function compareNumberTexts(a: number, b: number): number {
  if (a === b) return 0;
  // Ports and pids; anything else (negative, fractional, past 2^31 where the scaling below could
  // round) is compared through its text.
  if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0 && a < 2 ** 31 && b < 2 ** 31)) {
    return compareText(String(a), String(b));
  }
  const da = decimalDigits(a);
  const db = decimalDigits(b);
  // Both written with as many digits as the longer: the first difference decides; equal means
  // one is the other followed by zeros, and the shorter text comes first.
  const x = da < db ? a * 10 ** (db - da) : a;
  const y = db < da ? b * 10 ** (da - db) : b;
  if (x !== y) return x < y ? -1 : 1;
  return da < db ? -1 : 1;
}

function decimalDigits(n: number): number {
  let d = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
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
