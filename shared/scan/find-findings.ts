// The matching engine: connections, DNS-cache records and hosts-file lines against the indicator
// index. Pure and deterministic, so the CLI, the app and the watch loop report the same things
// in the same order.
import type { Connection, DnsRecord, Finding, FindingVia, Indicator } from '../domain';
import { canonicalIp } from '../net/ip';
import { buildResolution } from './resolution';
import type { Resolution } from './resolution';

/** What the engine needs of the indicator index (shared/indicators IndicatorIndex has it). */
export interface IndicatorMatcher {
  matchAddress(address: string): Indicator | null;
  matchDomain(name: string): Indicator | null;
}

/** Inputs of one scan: everything already parsed. */
export interface FindFindingsInput {
  connections: readonly Connection[];
  dnsRecords?: readonly DnsRecord[];
  hostsRecords?: readonly DnsRecord[];
  index: IndicatorMatcher;
  /** Precomputed from dnsRecords + hostsRecords (the watch loop reuses it across samples). */
  resolution?: Resolution;
}

/** Identity of a socket across samples: protocol, both ends and the owning process. */
export function connectionKey(c: Connection): string {
  return `${c.protocol} ${c.localAddress} ${c.localPort} ${c.remoteAddress} ${c.remotePort} ${c.pid ?? '-'}`;
}

/** Remote ends that are no destination at all (listening and unconnected sockets). */
const NO_REMOTE = new Set(['', '*', '0.0.0.0', '::']);

/** Canonical remote address of a connection, or null when the socket has no peer. */
export function remoteOf(c: Connection): string | null {
  if (NO_REMOTE.has(c.remoteAddress)) return null;
  const a = canonicalIp(c.remoteAddress);
  return a === null || NO_REMOTE.has(a) ? null : a;
}

/** More labels first (a.b.evil.example before evil.example), then alphabetical: stable. */
function bySpecificity(a: string, b: string): number {
  return b.split('.').length - a.split('.').length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The connections with `names` set to what the resolution links to each remote address, most
 * specific first; a connection with no known name has no `names` key, so reports stay as small
 * as before for it. Per-address lists are sorted once, not once per socket.
 */
export function withNames(connections: readonly Connection[], resolution: Resolution): Connection[] {
  const sorted = new Map<string, string[]>();
  return connections.map((c) => {
    const { names: _stale, ...base } = c;
    const remote = remoteOf(c);
    const found = remote === null ? undefined : resolution.get(remote);
    if (remote === null || found === undefined || found.length === 0) return base;
    let names = sorted.get(remote);
    if (!names) sorted.set(remote, (names = [...found].sort(bySpecificity)));
    return { ...base, names: [...names] };
  });
}

function fromIndicator(
  ind: Indicator,
  via: FindingVia,
  extra: { domain?: string; connection?: Connection; evidence?: string },
): Finding {
  const f: Finding = { indicator: ind.value, kind: ind.kind, via, source: ind.source, indicatorId: ind.id };
  if (extra.domain !== undefined) f.domain = extra.domain;
  if (ind.severity !== undefined) f.severity = ind.severity;
  if (extra.connection !== undefined) f.connection = extra.connection;
  if (extra.evidence !== undefined) f.evidence = extra.evidence;
  return f;
}

function evidenceOf(r: DnsRecord): string {
  const where = r.file !== undefined ? `${r.file}${r.line !== undefined ? `:${r.line}` : ''}: ` : '';
  return `${where}${r.text ?? `${r.name} ${r.type} ${r.data}`}`;
}

const VIA_ORDER: Record<FindingVia, number> = {
  connection: 0,
  'dns-cache': 1,
  'hosts-file': 2,
  licensing: 3,
};

/** Stable total order: via, indicator, domain, then the connection's identity, then evidence. */
export function compareFindings(a: Finding, b: Finding): number {
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return (
    VIA_ORDER[a.via] - VIA_ORDER[b.via] ||
    cmp(a.indicator, b.indicator) ||
    cmp(a.domain ?? '', b.domain ?? '') ||
    cmp(a.connection ? connectionKey(a.connection) : '', b.connection ? connectionKey(b.connection) : '') ||
    cmp(a.evidence ?? '', b.evidence ?? '')
  );
}

/** Every indicator match in the inputs, without duplicates, in a deterministic order. */
export function findFindings(input: FindFindingsInput): Finding[] {
  const { index } = input;
  const dns = input.dnsRecords ?? [];
  const hosts = input.hostsRecords ?? [];
  const resolution = input.resolution ?? buildResolution([...dns, ...hosts]);
  const out = new Map<string, Finding>();
  const add = (key: string, f: Finding): void => {
    if (!out.has(key)) out.set(key, f);
  };

  for (const c of input.connections) {
    const remote = remoteOf(c);
    if (remote === null) continue;
    const ck = connectionKey(c);
    const hit = index.matchAddress(remote);
    if (hit) add(`c|${hit.kind}|${hit.value}||${ck}`, fromIndicator(hit, 'connection', { connection: c }));
    for (const name of resolution.get(remote) ?? []) {
      const d = index.matchDomain(name);
      if (d)
        add(
          `c|domain|${d.value}|${name}|${ck}`,
          fromIndicator(d, 'connection', { domain: name, connection: c }),
        );
    }
  }

  // The cache proves this machine resolved the name even if no connection is open any more.
  // Repeated rows of one name are one finding: the first row is the evidence.
  for (const r of dns) {
    const names = r.type === 'CNAME' || r.type === 'PTR' ? [r.name, r.data] : [r.name];
    for (const name of names) {
      const d = index.matchDomain(name);
      if (d)
        add(
          `d|domain|${d.value}|${name}`,
          fromIndicator(d, 'dns-cache', { domain: name, evidence: evidenceOf(r) }),
        );
    }
    if (r.type === 'A' || r.type === 'AAAA') {
      const a = index.matchAddress(r.data);
      if (a)
        add(
          `d|${a.kind}|${a.value}|${r.name}`,
          fromIndicator(a, 'dns-cache', { domain: r.name, evidence: evidenceOf(r) }),
        );
    }
  }

  // A hosts line redirects a flagged name, or sends a name to a flagged address.
  for (const r of hosts) {
    const d = index.matchDomain(r.name);
    if (d)
      add(
        `h|domain|${d.value}|${r.name}|${r.data}`,
        fromIndicator(d, 'hosts-file', { domain: r.name, evidence: evidenceOf(r) }),
      );
    const a = index.matchAddress(r.data);
    if (a)
      add(
        `h|${a.kind}|${a.value}|${r.name}|${r.data}`,
        fromIndicator(a, 'hosts-file', { domain: r.name, evidence: evidenceOf(r) }),
      );
  }

  return [...out.values()].sort(compareFindings);
}
