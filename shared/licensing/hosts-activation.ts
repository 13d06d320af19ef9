// Hosts-file lines that send a vendor's licensing/activation server to loopback or 0.0.0.0: the
// classic way cracks stop Adobe, Autodesk, IDM... from checking a licence. A crack writes a whole
// block of such lines (an Adobe block is 20-30), and that block is ONE sign: one finding per vendor
// and hosts file, whose evidence lists the lines, so the IT table, the verdict and the tally count
// signs rather than lines. Lines that redirect a domain on the campaign feed are the scan engine's
// findings (via "hosts-file"), so a name the campaign index knows is left to it here and never
// reported twice.
import type { DnsRecord, Finding } from '../domain';
import type { ActivationVendor } from './signatures';
import { hostsBlockText } from './texts';
import { bilingual } from '../i18n';

/** The part of the indicator index this module needs (shared/indicators IndicatorIndex fits). */
export interface CampaignDomainIndex {
  matchDomain(name: string): unknown;
}

/**
 * Most lines one finding's evidence lists; the rest are counted in a last line. A hosts file
 * can hold hundreds of thousands of lines (ad-block lists), and the evidence crosses IPC, is
 * drawn in the renderer and goes into reports.
 */
export const MAX_EVIDENCE_LINES = 50;

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

/** One vendor's blocked lines in one hosts file, in file order. */
interface Block {
  vendor: string;
  file: string | undefined;
  firstLine: number | undefined;
  /** Line key (number, or the text when the record has none) → the line as read. */
  lines: Map<string, string>;
  names: Set<string>;
  addresses: Set<string>;
}

/** The evidence: every line, or the first MAX_EVIDENCE_LINES and how many more there are. */
function evidenceOf(lines: readonly string[]): string {
  if (lines.length <= MAX_EVIDENCE_LINES) return lines.join('\n');
  const more = lines.length - MAX_EVIDENCE_LINES;
  return [...lines.slice(0, MAX_EVIDENCE_LINES), bilingual('msg.licensing.moreHostsLines', { more })].join(
    '\n',
  );
}

/**
 * Findings for hosts records (from parseHostsFile) that block a vendor's activation servers: one
 * per vendor and file, in the order the blocks start, each listing its lines in file order.
 */
export function activationBlockFindings(
  records: readonly DnsRecord[],
  vendors: readonly ActivationVendor[],
  campaignIndex?: CampaignDomainIndex,
): Finding[] {
  const blocks = new Map<string, Block>();
  for (const r of records) {
    if (r.origin !== 'hosts-file' || !isBlackholeAddress(r.data)) continue;
    const vendor = activationVendorOf(r.name, vendors);
    if (!vendor) continue;
    if (campaignIndex && campaignIndex.matchDomain(r.name) != null) continue;
    const key = `${vendor}\u0000${r.file ?? ''}`;
    let b = blocks.get(key);
    if (!b) {
      b = {
        vendor,
        file: r.file,
        firstLine: r.line,
        lines: new Map(),
        names: new Set(),
        addresses: new Set(),
      };
      blocks.set(key, b);
    }
    const text = r.text ?? `${r.data} ${r.name}`;
    // A line naming several of the vendor's hosts is one line; the same file read twice adds none.
    const lineKey = r.line !== undefined ? `#${r.line}` : `=${text}`;
    if (!b.lines.has(lineKey)) b.lines.set(lineKey, text);
    b.names.add(r.name);
    b.addresses.add(r.data);
  }
  return [...blocks.values()].map((b) => {
    const lines = [...b.lines.values()];
    const names = [...b.names];
    const where = b.file ? `${b.file}:${b.firstLine ?? '?'}` : '';
    return {
      indicator: b.vendor,
      kind: 'hosts-activation-block',
      via: 'licensing',
      domain: names[0],
      source: 'assets/signatures/activation-hosts.json',
      evidence: evidenceOf(lines),
      severity: 'medium',
      ...hostsBlockText(b.vendor, names, [...b.addresses], lines.length),
      ...(where ? { indicatorId: `hosts:${where}` } : {}),
    };
  });
}
