// The guided cleanup's re-scan judges the indicator, not the PID (issue 10, point 8). One listing
// right after a kill says little: malware that a watchdog restarts, or that beacons every few
// seconds, is simply between two connections. So the re-scan WATCHES for a while (15 s by default),
// listing the sockets at least twice a second (4 Hz by default), and says "gone" only if, during the
// whole window, no process was connected to the indicator's address (under any PID) and no new DNS
// lookup of it appeared. A connection from another PID is named ("came back from PID N (name)").
//
// A socket counts as connected unless its state is a known ended one (TIME_WAIT, CLOSED…, left by
// the process just killed): an unknown state word never makes a connection look gone.
import type { z } from 'zod';
import type { Connection, DnsRecord } from '../../shared/domain';
import type { rescanProgressSchema } from '../../shared/ipc/cleanup-schemas';
import { canonicalIp } from '../../shared/net/ip';
import { isEndedState } from '../../shared/parsers/states';

/** Default length of the watch. */
export const RESCAN_WINDOW_MS = 15_000;
/** Default spacing of sample starts (4 a second). */
export const RESCAN_INTERVAL_MS = 250;
/** The slowest spacing allowed: the issue asks for at least two samples a second. */
export const RESCAN_MAX_INTERVAL_MS = 500;
/** How often the DNS cache is read again during the watch (in the background). */
export const RESCAN_DNS_EVERY_MS = 3_000;

/** What the watched re-scan reads, injected (tests pass a fake clock and scripted samples). */
export interface RescanWatchDeps {
  /** One listing of the machine's sockets; names may be null (see processNames). */
  sample: () => Promise<Connection[]>;
  /** Image names by pid (Windows: tasklist), read at the start and the end only. */
  processNames?: () => Promise<Map<number, string>>;
  /** The DNS cache's records; absent where there is none to read. */
  dnsCache?: () => Promise<DnsRecord[]>;
  windowMs?: number;
  intervalMs?: number;
  /** Milliseconds, monotonic enough for spacing (Date.now in production). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** What the re-scan looks for: the indicator's address, and its name for a domain indicator. */
export interface RescanTarget {
  remoteAddress: string;
  remotePort?: number;
  /** The flagged process (to tell "still there" from "came back under another PID"). */
  pid?: number;
  /** The indicator's name (domain indicators): a new DNS lookup of it means it is not gone. */
  domain?: string;
}

/** Progress of a running watch: what `cleanup:rescan-progress` carries, without the item. */
export type RescanProgress = Omit<z.infer<typeof rescanProgressSchema>, 'item'>;

/** A socket to the indicator seen during the watch, with its process. */
export interface SeenProcess {
  pid: number | null;
  name: string | null;
  localPort: number;
  remotePort: number;
  state: string;
}

/** The verdict of a watch. */
export interface RescanOutcome {
  gone: boolean;
  windowMs: number;
  samples: number;
  maxGapMs: number;
  /** The flagged PID still connected (empty when it is not, or no PID was flagged). */
  still: SeenProcess[];
  /** Other PIDs (or an unknown owner) connected to the indicator during the watch. */
  reappeared: SeenProcess[];
  /** DNS records of the indicator that appeared (or were looked up again) during the watch. */
  lookups: DnsRecord[];
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * True when `c` is a connection to the target's address that has not ended: only a KNOWN ended
 * state (isEndedState: TIME_WAIT, CLOSED, DELETE_TCB in any display language) lets the re-scan
 * call it gone; a state word nobody has mapped is still a connection.
 */
export function connectedTo(c: Connection, address: string): boolean {
  return c.remoteAddress === address && !isEndedState(c.state);
}

const dnsKey = (r: DnsRecord) => `${r.name}|${r.type}|${r.data}`;

/** True when a DNS record is about the indicator: its name (or a subdomain) or an answer of its address. */
function aboutIndicator(r: DnsRecord, target: RescanTarget, address: string): boolean {
  if (r.origin !== 'dns-cache') return false;
  const d = target.domain?.toLowerCase();
  if (d && (r.name === d || r.name.endsWith(`.${d}`))) return true;
  return (r.type === 'A' || r.type === 'AAAA') && r.data === address;
}

/** Watches the machine for the window and judges whether the indicator's connection is gone. */
export async function watchRescan(
  deps: RescanWatchDeps,
  target: RescanTarget,
  onProgress?: (p: RescanProgress) => void,
): Promise<RescanOutcome> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const windowMs = Math.max(0, deps.windowMs ?? RESCAN_WINDOW_MS);
  const intervalMs = Math.min(Math.max(1, deps.intervalMs ?? RESCAN_INTERVAL_MS), RESCAN_MAX_INTERVAL_MS);
  const address = canonicalIp(target.remoteAddress) ?? target.remoteAddress;

  const readDns = async (): Promise<DnsRecord[]> =>
    deps.dnsCache
      ? (await deps.dnsCache().catch(() => [])).filter((r) => aboutIndicator(r, target, address))
      : [];
  // What the cache held before the watch: a record already there is an old lookup, unless its TTL
  // went up (the name was looked up again after it expired).
  const known = new Map<string, number | null>();
  for (const r of await readDns()) known.set(dnsKey(r), r.ttl);
  const lookups = new Map<string, DnsRecord>();
  const compareDns = (records: DnsRecord[]): void => {
    for (const r of records) {
      const k = dnsKey(r);
      const before = known.get(k);
      const fresh = before === undefined || (r.ttl !== null && before !== null && r.ttl > before);
      if (fresh && !lookups.has(k)) lookups.set(k, r);
      known.set(k, r.ttl);
    }
  };
  const names = new Map<number, string>(
    deps.processNames ? await deps.processNames().catch(() => new Map()) : [],
  );

  const seen = new Map<string, SeenProcess>();
  const start = now();
  let samples = 0;
  let maxGapMs = 0;
  let lastStart: number | null = null;
  let dnsPending: Promise<void> | null = null;
  let lastDns = start;

  for (;;) {
    const started = now();
    if (lastStart !== null) maxGapMs = Math.max(maxGapMs, started - lastStart);
    lastStart = started;
    const list = await deps.sample().catch(() => [] as Connection[]);
    samples++;
    for (const c of list)
      if (connectedTo(c, address)) {
        // One entry per socket (a beacon's reconnections are new sockets); messages group by PID.
        const key = `${c.pid ?? ''}|${c.localAddress}|${c.localPort}|${c.remotePort}`;
        if (!seen.has(key))
          seen.set(key, {
            pid: c.pid,
            name: c.processName ?? (c.pid !== null ? (names.get(c.pid) ?? null) : null),
            localPort: c.localPort,
            remotePort: c.remotePort,
            state: c.state,
          });
      }
    onProgress?.({ elapsedMs: Math.min(now() - start, windowMs), totalMs: windowMs, samples });
    if (deps.dnsCache && dnsPending === null && now() - lastDns >= RESCAN_DNS_EVERY_MS) {
      lastDns = now();
      dnsPending = readDns().then((r) => {
        compareDns(r);
        dnsPending = null;
      });
    }
    const after = now();
    if (after - start >= windowMs) break;
    const wait = Math.min(intervalMs - (after - started), start + windowMs - after);
    if (wait > 0) await sleep(wait);
  }

  if (dnsPending !== null) await dnsPending;
  compareDns(await readDns());
  // A process that started during the watch is named by the table read at the end.
  if (deps.processNames) {
    const end = await deps.processNames().catch(() => new Map<number, string>());
    for (const p of seen.values()) if (p.name === null && p.pid !== null) p.name = end.get(p.pid) ?? null;
  }
  const all = [...seen.values()];
  const still = target.pid === undefined ? [] : all.filter((p) => p.pid === target.pid);
  const reappeared = all.filter((p) => target.pid === undefined || p.pid !== target.pid);
  const found = [...lookups.values()];
  return {
    gone: all.length === 0 && found.length === 0,
    windowMs,
    samples,
    maxGapMs,
    still,
    reappeared,
    lookups: found,
  };
}
