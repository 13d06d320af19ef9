// Which names led to which address: the bridge between a domain indicator and a connection,
// which only ever shows an address.
import type { DnsRecord } from '../domain';
import { canonicalIp } from '../net/ip';

/** Bound on CNAME hops followed backwards; real chains are a handful long, loops must end. */
const MAX_CHAIN = 16;

/**
 * Addresses a blocked name is pointed at (hosts-file blocks, DNS sinkholes, "0.0.0.0 name" crack
 * blocks). A name sent there leads nowhere, so it is not linked to the machine's own loopback
 * connections: that would flag every local service. The record itself is still a finding, and
 * other loopback addresses (127.0.0.77) are linked as usual.
 */
const SINKHOLES = new Set(['127.0.0.1', '::1', '0.0.0.0', '::']);

/** Address (canonical) → every name that resolved to it, CNAME aliases included, sorted. */
export type Resolution = ReadonlyMap<string, readonly string[]>;

/** Address of a reverse-lookup name ("4.3.2.1.in-addr.arpa", nibble "ip6.arpa"), or null. */
export function addressOfReverseName(name: string): string | null {
  const v4 = /^((?:\d{1,3}\.){3}\d{1,3})\.in-addr\.arpa$/.exec(name);
  if (v4) return canonicalIp(v4[1].split('.').reverse().join('.'));
  const v6 = /^((?:[0-9a-f]\.){32})ip6\.arpa$/.exec(name);
  if (v6) {
    const nibbles = v6[1].split('.').filter(Boolean).reverse().join('');
    return canonicalIp(nibbles.match(/.{4}/g)!.join(':'));
  }
  return null;
}

/**
 * Links every address in the records to the names that reached it: the A/AAAA owner, each alias
 * whose CNAME chain ends there (www.a.example → cdn.evil.example → 198.51.100.7 links both), and
 * the name a PTR record gives the address.
 */
export function buildResolution(records: Iterable<DnsRecord>): Resolution {
  const aliasesOf = new Map<string, string[]>();
  const direct: { name: string; address: string }[] = [];
  for (const r of records) {
    if (r.type === 'CNAME') {
      const list = aliasesOf.get(r.data);
      if (list) list.push(r.name);
      else aliasesOf.set(r.data, [r.name]);
    } else if (r.type === 'A' || r.type === 'AAAA') {
      const address = canonicalIp(r.data);
      if (address !== null) direct.push({ name: r.name, address });
    } else if (r.type === 'PTR') {
      const address = addressOfReverseName(r.name);
      if (address !== null) direct.push({ name: r.data, address });
    }
  }
  const names = new Map<string, Set<string>>();
  for (const { name, address } of direct) {
    if (SINKHOLES.has(address)) continue;
    let set = names.get(address);
    if (!set) names.set(address, (set = new Set()));
    // Breadth-first over aliases, bounded in depth; `set` doubles as the visited set.
    let frontier = [name];
    for (let depth = 0; frontier.length > 0 && depth <= MAX_CHAIN; depth++) {
      const next: string[] = [];
      for (const n of frontier) {
        if (set.has(n)) continue;
        set.add(n);
        next.push(...(aliasesOf.get(n) ?? []));
      }
      frontier = next;
    }
  }
  const out = new Map<string, string[]>();
  for (const [address, set] of names) out.set(address, [...set].sort());
  return out;
}
