// The matching engine: connections, DNS-cache records and hosts-file lines against the indicator
// index. Pure and deterministic, so the CLI, the app and the watch loop report the same things
// in the same order.
import type { BlockedName, Connection, DnsRecord, Finding, FindingVia, Indicator } from '../domain';
import { isBlockingAddress } from '../net/address-scope';
import { canonicalIp, isCanonicalIpv4 } from '../net/ip';
import { addressOfReverseName, buildResolution } from './resolution';
import type { Resolution } from './resolution';
import { isEndedConnection } from '../parsers/states';
export { isEndedConnection };

/** What the engine needs of the indicator index (shared/indicators IndicatorIndex has it). */
export interface IndicatorMatcher {
  matchAddress(address: string): Indicator | null;
  matchDomain(name: string): Indicator | null;
}

/**
 * The index's id path (IndicatorIndex has it): matchDomain as an entry number, its canonical
 * value, and the indicator built on demand. With it the engine builds an Indicator only for a
 * finding it keeps, not for every repeated cache row or socket of an already-found name.
 */
interface DomainIdMatcher {
  lookupDomainId(name: string): number;
  domainValue(id: number): string;
  domainIndicator(id: number): Indicator;
}

function hasDomainIds(m: IndicatorMatcher): m is IndicatorMatcher & DomainIdMatcher {
  const x = m as Partial<DomainIdMatcher>;
  return (
    typeof x.lookupDomainId === 'function' &&
    typeof x.domainValue === 'function' &&
    typeof x.domainIndicator === 'function'
  );
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
  // ss and netstat print IPv4 peers canonically already: no parse and re-format per socket.
  if (isCanonicalIpv4(c.remoteAddress)) return c.remoteAddress;
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
    const remote = remoteOf(c);
    const found = remote === null ? undefined : resolution.get(remote);
    const unnamed = remote === null || found === undefined || found.length === 0;
    // Nearly every socket has no name and none to drop: it is kept as it is, not copied (a busy
    // server lists 11,000 sockets at each scan).
    if (unnamed && c.names === undefined) return c;
    const { names: _stale, ...base } = c;
    if (unnamed) return base;
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

/** What one scan's inputs say about the indicators: findings, traces and protection. */
export interface ScanMatches {
  /** Live evidence: counted, shown as "!!". */
  findings: Finding[];
  /** Ended connections to an indicator with no owning process (information). */
  recent: Finding[];
  /** Hosts-file lines that send an indicator's name to a blocking address (information). */
  blocked: BlockedName[];
}

/** name → the blocking addresses hosts lines send it to (0.0.0.0, 127/8, ::, ::1). */
function hostsBlocks(hosts: readonly DnsRecord[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of hosts) {
    if (r.type !== 'A' && r.type !== 'AAAA') continue;
    const address = canonicalIp(r.data);
    if (address === null || !isBlockingAddress(address)) continue;
    let set = out.get(r.name);
    if (!set) out.set(r.name, (set = new Set()));
    set.add(address);
  }
  return out;
}

/**
 * True when a DNS-cache record only repeats a blocking hosts line: Windows lists hosts entries in
 * its cache (the A/AAAA record, and a PTR from the address back to the name).
 */
function mirrorsBlock(r: DnsRecord, blocks: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (r.type === 'A' || r.type === 'AAAA') {
    const address = canonicalIp(r.data);
    return address !== null && (blocks.get(r.name)?.has(address) ?? false);
  }
  if (r.type === 'PTR') {
    const address = addressOfReverseName(r.name);
    return address !== null && (blocks.get(r.data)?.has(address) ?? false);
  }
  return false;
}

const cmpText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** File order: file, line, then name and address (one line can block several names). */
const byLine = (a: BlockedName, b: BlockedName): number =>
  cmpText(a.file ?? '', b.file ?? '') ||
  (a.line ?? 0) - (b.line ?? 0) ||
  cmpText(a.domain, b.domain) ||
  cmpText(a.address, b.address);

/** Every indicator match in the inputs, without duplicates, in a deterministic order. */
export function findFindings(input: FindFindingsInput): Finding[] {
  return matchScan(input).findings;
}

/**
 * Every indicator match in the inputs, sorted into what counts and what is information: a live
 * connection, a cache lookup or a redirecting hosts line is a finding; an ended connection without
 * a process is `recent`; a hosts line that sends an indicator's name to a blocking address is
 * `blocked`, and the DNS-cache records that only mirror it are nothing at all.
 */
export function matchScan(input: FindFindingsInput): ScanMatches {
  const { index } = input;
  const dns = input.dnsRecords ?? [];
  const hosts = input.hostsRecords ?? [];
  const resolution = input.resolution ?? buildResolution([...dns, ...hosts]);
  const blocks = hostsBlocks(hosts);
  const out = new Map<string, Finding>();
  const recent = new Map<string, Finding>();
  const blocked = new Map<string, BlockedName>();
  const add = (key: string, f: Finding): void => {
    if (!out.has(key)) out.set(key, f);
  };
  // A name's finding under the key made from its indicator's value, unless that key is already
  // kept (the first row or socket is the evidence); the indicator is built only when it is kept.
  const ids = hasDomainIds(index) ? index : null;
  const keepDomain = (
    into: Map<string, Finding>,
    name: string,
    keyOf: (value: string) => string,
    finding: (d: Indicator) => Finding,
  ): void => {
    if (ids !== null) {
      const id = ids.lookupDomainId(name);
      if (id < 0) return;
      const key = keyOf(ids.domainValue(id));
      if (!into.has(key)) into.set(key, finding(ids.domainIndicator(id)));
      return;
    }
    const d = index.matchDomain(name);
    if (d === null) return;
    const key = keyOf(d.value);
    if (!into.has(key)) into.set(key, finding(d));
  };

  // A live scan lists every socket of the machine (11,000 on a busy server) and nearly none meets
  // an indicator: a socket's key and its finding are made only once it does.
  for (const c of input.connections) {
    const remote = remoteOf(c);
    if (remote === null) continue;
    const hit = index.matchAddress(remote);
    const names = resolution.get(remote);
    if (!hit && names === undefined) continue;
    const ck = connectionKey(c);
    const into = isEndedConnection(c) ? recent : out;
    if (hit) {
      const key = `c|${hit.kind}|${hit.value}||${ck}`;
      if (!into.has(key)) into.set(key, fromIndicator(hit, 'connection', { connection: c }));
    }
    for (const name of names ?? []) {
      // The hosts file sends this name here to block it (127.0.0.2 and the like): a socket to that
      // loopback address is a local service, not a connection to the indicator.
      if (blocks.get(name)?.has(remote)) continue;
      keepDomain(
        into,
        name,
        (value) => `c|domain|${value}|${name}|${ck}`,
        (d) => fromIndicator(d, 'connection', { domain: name, connection: c }),
      );
    }
  }

  // The cache proves this machine resolved the name even if no connection is open any more,
  // whatever it resolved to (a sinkhole answer included), unless the record only mirrors a
  // blocking hosts line. Repeated rows of one name are one finding: the first row is the evidence.
  for (const r of dns) {
    if (mirrorsBlock(r, blocks)) continue;
    const names = r.type === 'CNAME' || r.type === 'PTR' ? [r.name, r.data] : [r.name];
    for (const name of names) {
      keepDomain(
        out,
        name,
        (value) => `d|domain|${value}|${name}`,
        (d) => fromIndicator(d, 'dns-cache', { domain: name, evidence: evidenceOf(r) }),
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

  // A hosts line that blocks a flagged name protects the machine; one that redirects a flagged
  // name elsewhere, or sends any name to a flagged address, is a finding.
  for (const r of hosts) {
    const blocking = isBlockingAddress(r.data);
    const d = index.matchDomain(r.name);
    if (d && blocking) {
      const k = `${r.name}|${r.data}`;
      if (!blocked.has(k)) {
        const b: BlockedName = {
          indicator: d.value,
          indicatorId: d.id,
          domain: r.name,
          address: canonicalIp(r.data) ?? r.data,
          source: d.source,
        };
        if (r.file !== undefined) b.file = r.file;
        if (r.line !== undefined) b.line = r.line;
        if (r.text !== undefined) b.text = r.text;
        blocked.set(k, b);
      }
    } else if (d)
      add(
        `h|domain|${d.value}|${r.name}|${r.data}`,
        fromIndicator(d, 'hosts-file', { domain: r.name, evidence: evidenceOf(r) }),
      );
    const a = blocking ? null : index.matchAddress(r.data);
    if (a)
      add(
        `h|${a.kind}|${a.value}|${r.name}|${r.data}`,
        fromIndicator(a, 'hosts-file', { domain: r.name, evidence: evidenceOf(r) }),
      );
  }

  return {
    findings: [...out.values()].sort(compareFindings),
    recent: [...recent.values()].sort(compareFindings),
    blocked: [...blocked.values()].sort(byLine),
  };
}
