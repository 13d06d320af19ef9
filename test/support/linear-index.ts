// The obvious implementation: every lookup walks every indicator. Kept as the reference that the
// property tests compare IndicatorIndex with, and as the baseline of the benchmark. O(n) per
// lookup: never use it in a scan.

import type { Indicator } from '../../shared/domain';
import { canonicalDomain } from '../../shared/net/domain';
import { canonicalCidr, canonicalIp, ipToBigInt } from '../../shared/net/ip';
import type { AllowEntry } from '../../shared/indicators/index';

interface Block {
  family: 4 | 6;
  base: bigint;
  prefix: number;
}

function blockOf(value: string): Block | null {
  const c = canonicalCidr(value);
  if (c === null) return null;
  const slash = c.indexOf('/');
  const base = ipToBigInt(c.slice(0, slash))!;
  return { family: base.family, base: base.value, prefix: Number(c.slice(slash + 1)) };
}

function contains(b: Block, family: 4 | 6, addr: bigint): boolean {
  if (b.family !== family) return false;
  const host = BigInt((family === 4 ? 32 : 128) - b.prefix);
  return addr >> host === b.base >> host;
}

function under(name: string, domain: string): boolean {
  return name === domain || name.endsWith(`.${domain}`);
}

/** Reference matcher with the same answers as IndicatorIndex and linear cost. */
export class LinearIndicatorIndex {
  private readonly ips: { value: string; ind: Indicator }[] = [];
  private readonly blocks: { block: Block; ind: Indicator }[] = [];
  private readonly domains: { value: string; ind: Indicator }[] = [];
  private readonly allowIps: string[] = [];
  private readonly allowBlocks: Block[] = [];
  private readonly allowDomains: string[] = [];

  /** Keeps the indicators (canonicalised) and the allow-list in lists. */
  constructor(indicators: Iterable<Indicator>, allow: Iterable<AllowEntry> = []) {
    for (const ind of indicators) {
      const ip = canonicalIp(ind.value);
      const block = ip === null ? blockOf(ind.value) : null;
      const domain = ip === null && block === null ? canonicalDomain(ind.value) : null;
      if (ip !== null) this.ips.push({ value: ip, ind: { ...ind, kind: 'ip', value: ip } });
      else if (block)
        this.blocks.push({ block, ind: { ...ind, kind: 'cidr', value: canonicalCidr(ind.value)! } });
      else if (domain !== null)
        this.domains.push({ value: domain, ind: { ...ind, kind: 'domain', value: domain } });
    }
    for (const a of allow) {
      const ip = canonicalIp(a.value);
      const block = ip === null ? blockOf(a.value) : null;
      const domain = ip === null && block === null ? canonicalDomain(a.value) : null;
      if (ip !== null) this.allowIps.push(ip);
      else if (block) this.allowBlocks.push(block);
      else if (domain !== null) this.allowDomains.push(domain);
    }
  }

  /** Exact address first (first listed wins), then the longest block; null when allowed or absent. */
  matchAddress(addr: string): Indicator | null {
    const ip = canonicalIp(addr);
    if (ip === null) return null;
    const { family, value } = ipToBigInt(ip)!;
    if (this.allowIps.includes(ip) || this.allowBlocks.some((b) => contains(b, family, value))) return null;
    const exact = this.ips.find((e) => e.value === ip);
    if (exact) return exact.ind;
    let best: { block: Block; ind: Indicator } | null = null;
    for (const e of this.blocks) {
      if (contains(e.block, family, value) && (best === null || e.block.prefix > best.block.prefix)) best = e;
    }
    return best ? best.ind : null;
  }

  /** The longest listed domain the name is under (first listed wins); null when allowed or absent. */
  matchDomain(name: string): Indicator | null {
    const canonical = canonicalDomain(name);
    if (canonical === null) return null;
    if (this.allowDomains.some((d) => under(canonical, d))) return null;
    let best: { value: string; ind: Indicator } | null = null;
    for (const e of this.domains) {
      if (under(canonical, e.value) && (best === null || e.value.length > best.value.length)) best = e;
    }
    return best ? best.ind : null;
  }
}
