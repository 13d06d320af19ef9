// Hosts-file lines that send a vendor's licensing/activation server to loopback or 0.0.0.0: the
// classic way cracks stop Adobe, Autodesk, IDM... from checking a licence. Lines that redirect a
// domain on the campaign feed are the scan engine's findings (via "hosts-file"), so a name the
// campaign index knows is left to it here and never reported twice.
import type { DnsRecord, Finding } from '../domain';
import { parseHostsFile } from '../parsers/hosts-file';
import type { ActivationVendor } from './signatures';
import { hostsBlockText } from './texts';

/** The part of the indicator index this module needs (shared/indicators IndicatorIndex fits). */
export interface CampaignDomainIndex {
  matchDomain(name: string): unknown;
}

/** 127.0.0.0/8, ::1, 0.0.0.0 and :: — addresses that make a name unreachable or local. */
export function isBlackholeAddress(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || address === '0.0.0.0' || address === '::';
}

/** The vendor whose activation domain `name` is (or is under), or null. */
export function activationVendorOf(name: string, vendors: readonly ActivationVendor[]): string | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  for (const v of vendors)
    for (const s of v.suffixes) {
      const suffix = s.toLowerCase();
      if (n === suffix || n.endsWith(`.${suffix}`)) return v.vendor;
    }
  return null;
}

/** Findings for hosts records (from parseHostsFile) that block a vendor's activation servers. */
export function activationBlockFindings(
  records: readonly DnsRecord[],
  vendors: readonly ActivationVendor[],
  campaignIndex?: CampaignDomainIndex,
): Finding[] {
  const findings: Finding[] = [];
  for (const r of records) {
    if (r.origin !== 'hosts-file' || !isBlackholeAddress(r.data)) continue;
    const vendor = activationVendorOf(r.name, vendors);
    if (!vendor) continue;
    if (campaignIndex && campaignIndex.matchDomain(r.name) != null) continue;
    const where = r.file ? `${r.file}:${r.line ?? '?'}` : '';
    findings.push({
      indicator: vendor,
      kind: 'hosts-activation-block',
      via: 'licensing',
      domain: r.name,
      source: 'assets/signatures/activation-hosts.json',
      evidence: r.text ?? `${r.data} ${r.name}`,
      severity: 'medium',
      ...hostsBlockText(vendor, r.name, r.data),
      ...(where ? { indicatorId: `hosts:${where}` } : {}),
    });
  }
  return findings;
}

/** Parses a hosts file and returns its activation-block findings plus the parser's issues. */
export function hostsActivationFindings(
  text: string,
  file: string,
  vendors: readonly ActivationVendor[],
  campaignIndex?: CampaignDomainIndex,
): { findings: Finding[]; errors: ReturnType<typeof parseHostsFile>['errors'] } {
  const { records, errors } = parseHostsFile(text, file);
  return { findings: activationBlockFindings(records, vendors, campaignIndex), errors };
}
