// `--watch SECONDS`: sample the connection table again and again for that long and keep every
// distinct matching socket seen, so a beacon that opens, talks and closes between two ordinary
// scans is still caught.
//
// How fast: samples run back to back, one starting at most every SAMPLE_INTERVAL_MS (4 Hz), so a
// socket that lives half a second is listed by at least one sample whenever one sample takes
// under ~250 ms (one `ss -tunapH` on Linux; on Windows one `netstat -ano`, with the names from
// tasklist read at the start and the end only, see windows-watch.ts). The
// largest gap between two sample starts is reported (`watch.maxGapMs`), and a warning says so
// when it exceeded one second, because then a short connection can have been missed.
import type { Connection, DnsRecord, Finding, ParseIssue, ScanReport } from '../../shared/domain';
import { connectionKey, matchScan, withNames } from '../../shared/scan/find-findings';
import { buildResolution } from '../../shared/scan/resolution';
import { bilingual } from '../../shared/i18n';
import { matchedReport } from './report';
import type { ScanDeps } from './types';
import { mergeProcessTables, nameConnections } from './windows-watch';

/** Target spacing of sample starts: 4 samples a second. */
export const SAMPLE_INTERVAL_MS = 250;
/** Longest gap the watch promises (the issue: at least once a second). */
export const MAX_GAP_MS = 1000;
const MAX_WARNINGS = 500;
/** How often a long watch reads the DNS cache and (Windows) the process table again. */
export const REFRESH_MS = 30_000;

/** What changed between one sample and the previous one. */
export interface WatchSample {
  /** 1-based sample number. */
  sample: number;
  /** ISO time the sample was taken. */
  at: string;
  /** New since the previous sample, with the names (DNS cache, hosts file) known so far. */
  added: Connection[];
  removed: Connection[];
  /** Matches among the added connections (against the DNS cache read at the start). */
  findings: Finding[];
}

/** Options of a watch. */
export interface WatchOptions {
  onSample?: (s: WatchSample) => void;
  /** Stops the watch early (Ctrl+C, the app's stop button); the report covers what was seen. */
  signal?: AbortSignal;
}

/** A scan report over every distinct connection seen during the watch, plus how it was sampled. */
export interface WatchReport extends ScanReport {
  /**
   * `seconds` is how long it really watched: the requested time, or, when stopped early, the time
   * until the stop (one decimal), with `requestedSeconds` and `stoppedEarly` beside it.
   */
  watch: {
    seconds: number;
    samples: number;
    maxGapMs: number;
    requestedSeconds?: number;
    stoppedEarly?: true;
  };
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs the sampling loop (see the header comment for the rate) and builds the report. */
export async function runWatch(deps: ScanDeps, seconds: number, options: WatchOptions): Promise<WatchReport> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const set = await deps.indicators();
  const startDns = await deps.dnsCache();
  const startHosts = await deps.hostsFile();
  const warnings: ParseIssue[] = [...set.warnings, ...startDns.warnings, ...startHosts.warnings];
  const dnsSeen = new Map<string, DnsRecord>();
  let resolution = buildResolution([]);
  const addDns = (records: readonly DnsRecord[]): void => {
    for (const r of records) {
      const k = `${r.name} ${r.type} ${r.data}`;
      if (!dnsSeen.has(k)) dnsSeen.set(k, r);
    }
    resolution = buildResolution([...dnsSeen.values(), ...startHosts.records]);
  };
  addDns(startDns.records);

  // With a cheap sampler (Windows), names come from process tables read at the start, every
  // REFRESH_MS and at the end.
  const sampler = deps.watchSampler;
  let processes = sampler ? await sampler.processes() : null;
  const list = sampler ? () => sampler.sample() : () => deps.connections.list();

  // Long watches: the DNS cache (and the process table) are read again every REFRESH_MS, in
  // the background so the sampling rhythm never waits on ipconfig or tasklist.
  let pending: Promise<void> | null = null;
  let lastRefresh = now();
  const refresh = (): void => {
    if (pending !== null || now() - lastRefresh < REFRESH_MS) return;
    lastRefresh = now();
    pending = Promise.all([
      deps.dnsCache().then((d) => addDns(d.records)),
      sampler && processes
        ? sampler.processes().then((p) => {
            processes = mergeProcessTables(processes!, { ...p, warnings: [] });
          })
        : null,
    ])
      .catch(() => {})
      .then(() => {
        pending = null;
      });
  };

  const seen = new Map<string, Connection>();
  let previous = new Map<string, Connection>();
  const startedAt = now();
  const end = startedAt + seconds * 1000;
  let stoppedAt: number | null = null;
  let samples = 0;
  let maxGapMs = 0;
  let lastStart: number | null = null;

  for (;;) {
    const started = now();
    if (lastStart !== null) maxGapMs = Math.max(maxGapMs, started - lastStart);
    lastStart = started;
    const listed = await list();
    samples++;
    // Bounded: the same damaged line would otherwise come back four times a second.
    if (warnings.length < MAX_WARNINGS) warnings.push(...listed.warnings);
    const named = processes ? nameConnections(listed.connections, processes) : listed.connections;
    const current = new Map(named.map((c) => [connectionKey(c), c]));
    const added = [...current].filter(([k]) => !previous.has(k)).map(([, c]) => c);
    const removed = [...previous].filter(([k]) => !current.has(k)).map(([, c]) => c);
    for (const c of added) seen.set(connectionKey(c), c);
    if (options.onSample) {
      // Named like the report's connections: the DNS and hosts names known so far.
      const shown = withNames(added, resolution);
      // Live connections only (ended ones are traces); the hosts records are given so a name they
      // block is not linked to a loopback socket, and their own lines are reported once, at the end.
      const findings = matchScan({
        connections: shown,
        hostsRecords: startHosts.records,
        index: set.index,
        resolution,
      }).findings.filter((f) => f.connection !== undefined);
      options.onSample({
        sample: samples,
        at: new Date(started).toISOString(),
        added: shown,
        removed,
        findings,
      });
    }
    previous = current;
    refresh();
    const after = now();
    if (after >= end) break;
    if (options.signal?.aborted) {
      stoppedAt = after;
      break;
    }
    const wait = Math.min(SAMPLE_INTERVAL_MS - (after - started), end - after);
    if (wait > 0) await sleep(wait);
  }

  if (maxGapMs > MAX_GAP_MS)
    warnings.push({
      file: 'watch',
      line: 0,
      message: bilingual('msg.scan.slowSampling', { ms: maxGapMs }),
    });
  // A beacon resolves its name just before connecting: read the cache again at the end so the
  // name of a connection seen during the watch is known.
  // `pending` is set inside refresh(); TypeScript's narrowing cannot see that.
  const inFlight = pending as Promise<void> | null;
  if (inFlight !== null) await inFlight;
  const endDns = await deps.dnsCache();
  addDns(endDns.records);
  warnings.push(...endDns.warnings);
  let connections = [...seen.values()];
  if (sampler && processes) {
    processes = mergeProcessTables(processes, await sampler.processes());
    warnings.push(...processes.warnings);
    connections = nameConnections(connections, processes);
  }
  connections = withNames(connections, resolution);
  const report = await matchedReport({
    now: now(),
    connections,
    dnsRecords: [...dnsSeen.values()],
    hostsRecords: startHosts.records,
    resolution,
    set,
    warnings,
    licensing: deps.licensing,
    agencyKmsHosts: [],
  });
  const watch: WatchReport['watch'] =
    stoppedAt === null
      ? { seconds, samples, maxGapMs }
      : {
          seconds: Math.round((stoppedAt - startedAt) / 100) / 10,
          samples,
          maxGapMs,
          requestedSeconds: seconds,
          stoppedEarly: true,
        };
  return { ...report, watch };
}
