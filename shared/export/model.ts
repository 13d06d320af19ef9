// The campaign feed reduced to what a gateway blocks: canonical, sorted, de-duplicated domains,
// IPv4 and IPv6 addresses/blocks and URLs, with the allow-list already applied and catch-all
// entries refused. Every export format renders from this one model, so they all block the same
// things, and the same feed always gives the same bytes (sorted, no generation time).
import type { CampaignFeed } from '../campaign-feed/campaign-feed';
import { broadAllowReason, broadReason } from '../indicators/breadth';
import type { BroadReason } from '../indicators/breadth';
import { canonicalDomain, domainSuffixes } from '../net/domain';
import { canonicalCidr, canonicalIp, ipToBigInt, parseCidr } from '../net/ip';
import { parseCanonicalUrl } from '../net/url';
import { textPair, textPairBy, translate } from '../i18n';

/** One entry left out of every export, and why (shown in the header and on the CLI's stderr). */
export interface LeftOut {
  type: string;
  value: string;
  reason: 'catch-all' | 'allow-listed' | 'invalid';
  detail: { vi: string; en: string };
}

/** What every export renders. */
export interface ExportModel {
  campaignId: string;
  campaignName: { vi: string; en: string };
  letter?: string;
  version: number;
  publishedAt: string;
  sample: boolean;
  /** Blocked names; each also blocks its subdomains unless it is in `exactOnly`. */
  domains: string[];
  /**
   * Blocked names with an allow-listed name below them (a blocked "example.net" with an allowed
   * "www.example.net"): DNS formats that can make an exception keep the subdomain block and add
   * `exceptions`; the others block the name itself only, never the allowed one.
   */
  exactOnly: ReadonlySet<string>;
  /** Allow-listed names under a blocked name (RPZ passthru, Unbound transparent, dnsmasq #). */
  exceptions: string[];
  /** IPv4 addresses ("203.0.113.9") and blocks ("198.51.100.0/24"), allow-list subtracted. */
  ipv4: string[];
  ipv6: string[];
  /** Canonical URLs (only sensors and sharing formats carry them). */
  urls: string[];
  leftOut: LeftOut[];
}

interface Block {
  family: 4 | 6;
  start: bigint;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

function toBlock(value: string): Block | null {
  const c = parseCidr(value);
  if (c) {
    const b = ipToBigInt(c.base);
    return b ? { family: c.family, start: b.value, prefix: c.prefix } : null;
  }
  const ip = canonicalIp(value);
  if (ip === null) return null;
  const b = ipToBigInt(ip);
  return b ? { family: b.family, start: b.value, prefix: BITS[b.family] } : null;
}

function blockEnd(b: Block): bigint {
  return b.start + (1n << BigInt(BITS[b.family] - b.prefix)) - 1n;
}

function contains(outer: Block, inner: Block): boolean {
  return (
    outer.family === inner.family &&
    outer.prefix <= inner.prefix &&
    inner.start >= outer.start &&
    blockEnd(inner) <= blockEnd(outer)
  );
}

/** `block` minus `hole` (hole inside block): the sibling halves along the way, largest first. */
function subtract(block: Block, hole: Block): Block[] {
  const out: Block[] = [];
  let cur = block;
  while (cur.prefix < hole.prefix) {
    const half = BITS[cur.family] - cur.prefix - 1;
    const low: Block = { family: cur.family, start: cur.start, prefix: cur.prefix + 1 };
    const high: Block = {
      family: cur.family,
      start: cur.start + (1n << BigInt(half)),
      prefix: cur.prefix + 1,
    };
    if (contains(low, hole)) {
      out.push(high);
      cur = low;
    } else {
      out.push(low);
      cur = high;
    }
  }
  return out;
}

function formatBlock(b: Block): string {
  let text: string;
  if (b.family === 4) {
    const v = Number(b.start);
    text = [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
  } else {
    const groups: string[] = [];
    for (let i = 7; i >= 0; i--) groups.push(((b.start >> BigInt(16 * i)) & 0xffffn).toString(16));
    text = canonicalIp(groups.join(':')) ?? groups.join(':');
  }
  return b.prefix === BITS[b.family] ? text : (canonicalCidr(`${text}/${b.prefix}`) ?? `${text}/${b.prefix}`);
}

function compareBlocks(a: Block, b: Block): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.prefix - b.prefix;
}

/** The allow-list's addresses and blocks, indexed by family and prefix length, and sorted by start. */
class AllowBlocks {
  private readonly byPrefix = new Map<string, Set<bigint>>();
  private readonly prefixes: { 4: number[]; 6: number[] } = { 4: [], 6: [] };
  private readonly sorted: Block[];

  constructor(blocks: Block[]) {
    for (const b of blocks) {
      const key = `${b.family}/${b.prefix}`;
      let set = this.byPrefix.get(key);
      if (!set) {
        set = new Set();
        this.byPrefix.set(key, set);
        this.prefixes[b.family].push(b.prefix);
      }
      set.add(b.start);
    }
    this.sorted = [...blocks].sort(compareBlocks);
  }

  /** True when an allowed block holds all of `b`. */
  covers(b: Block): boolean {
    const bits = BITS[b.family];
    for (const p of this.prefixes[b.family]) {
      if (p > b.prefix) continue;
      const masked = (b.start >> BigInt(bits - p)) << BigInt(bits - p);
      if (this.byPrefix.get(`${b.family}/${p}`)?.has(masked)) return true;
    }
    return false;
  }

  /** The allowed blocks that start inside `b` (CIDR blocks nest or are disjoint). */
  inside(b: Block): Block[] {
    const list = this.sorted;
    if (list.length === 0) return [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareBlocks(list[mid], b) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out: Block[] = [];
    const end = blockEnd(b);
    for (let i = lo; i < list.length && list[i].family === b.family && list[i].start <= end; i++)
      out.push(list[i]);
    return out;
  }
}

const sortText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function broad(type: string, value: string, reason: BroadReason): LeftOut {
  return {
    type,
    value,
    reason: 'catch-all',
    detail: textPairBy((l) => translate(l, 'msg.exportModel.catchAll', { reason: reason[l] })),
  };
}

/** Builds the export model of a (validated) campaign feed. Pure and deterministic. */
export function buildExportModel(feed: CampaignFeed): ExportModel {
  const leftOut: LeftOut[] = [];
  const allowNames: string[] = [];
  const allowBlocks: Block[] = [];
  for (const a of feed.allowList) {
    // A catch-all allow entry would hide every block; the scan skips it, so does the export.
    const why = broadAllowReason(a.type, a.value);
    if (why) {
      leftOut.push({ ...broad(`allow-${a.type}`, a.value, why), reason: 'catch-all' });
      continue;
    }
    if (a.type === 'domain') {
      const d = canonicalDomain(a.value);
      if (d) allowNames.push(d);
    } else {
      const b = toBlock(a.value);
      if (b) allowBlocks.push(b);
    }
  }
  // Lookups stay O(labels) and O(distinct allow prefixes) per indicator: feeds hold millions.
  const allowNameSet = new Set(allowNames);
  const allowedName = (name: string) => domainSuffixes(name).some((s) => allowNameSet.has(s));
  const holes = new AllowBlocks(allowBlocks);
  const allowed = (type: string, value: string): LeftOut => ({
    type,
    value,
    reason: 'allow-listed',
    detail: textPair('msg.exportModel.allowList'),
  });

  const domains = new Set<string>();
  const blocks: Block[] = [];
  const urls = new Set<string>();
  for (const ind of feed.indicators) {
    const why = broadReason(ind.type, ind.value);
    if (why) {
      leftOut.push(broad(ind.type, ind.value, why));
      continue;
    }
    if (ind.type === 'domain') {
      const d = canonicalDomain(ind.value);
      if (d === null) leftOut.push(invalid(ind.type, ind.value));
      else if (allowedName(d)) leftOut.push(allowed(ind.type, d));
      else domains.add(d);
    } else if (ind.type === 'url') {
      const u = parseCanonicalUrl(ind.value);
      if (u === null) leftOut.push(invalid(ind.type, ind.value));
      else if (u.host.kind === 'domain' ? allowedName(u.host.value) : hostAllowed(u.host.value, allowBlocks))
        leftOut.push(allowed(ind.type, u.url));
      else urls.add(u.url);
    } else {
      const b = toBlock(ind.value);
      if (b === null) {
        leftOut.push(invalid(ind.type, ind.value));
        continue;
      }
      // Subtract every allowed address or block inside it; drop it when an allowed block covers it.
      if (holes.covers(b)) {
        leftOut.push(allowed(ind.type, formatBlock(b)));
        continue;
      }
      let parts: Block[] = [b];
      for (const hole of holes.inside(b)) {
        parts = parts.flatMap((p) => {
          if (contains(hole, p)) return [];
          return contains(p, hole) ? subtract(p, hole) : [p];
        });
      }
      blocks.push(...parts);
    }
  }

  blocks.sort(compareBlocks);
  // Drop blocks inside an earlier (wider) block: devices reject or warn about overlaps.
  const kept: Block[] = [];
  for (const b of blocks) {
    const last = kept[kept.length - 1];
    if (last && contains(last, b)) continue;
    kept.push(b);
  }
  const sortedDomains = [...domains].sort(sortText);
  const domainSet = new Set(sortedDomains);
  const blockedParents = (a: string) =>
    domainSuffixes(a)
      .slice(1)
      .filter((p) => domainSet.has(p));
  const exceptions = [...allowNameSet].filter((a) => blockedParents(a).length > 0).sort(sortText);
  const exactOnly = new Set(exceptions.flatMap(blockedParents));
  // A name under a blocked name adds nothing where subdomains are blocked; keep it where the
  // parent is exact-only, so no name is lost.
  const finalDomains = sortedDomains.filter((d) => {
    for (let i = d.indexOf('.'); i >= 0; i = d.indexOf('.', i + 1)) {
      const parent = d.slice(i + 1);
      if (domainSet.has(parent) && !exactOnly.has(parent)) return false;
    }
    return true;
  });
  const c = feed.campaign;
  return {
    campaignId: c.id,
    campaignName: { vi: c.name.vi, en: c.name.en },
    ...(c.letter ? { letter: c.letter } : {}),
    version: feed.version,
    publishedAt: feed.publishedAt,
    sample: c.sample,
    domains: finalDomains,
    exactOnly,
    exceptions,
    ipv4: kept.filter((b) => b.family === 4).map(formatBlock),
    ipv6: kept.filter((b) => b.family === 6).map(formatBlock),
    urls: [...urls].sort(sortText),
    leftOut,
  };
}

function hostAllowed(ip: string, allowBlocks: Block[]): boolean {
  const b = toBlock(ip);
  return b !== null && allowBlocks.some((a) => contains(a, b));
}

function invalid(type: string, value: string): LeftOut {
  return {
    type,
    value,
    reason: 'invalid',
    detail: textPair('msg.exportModel.notValidValue'),
  };
}
