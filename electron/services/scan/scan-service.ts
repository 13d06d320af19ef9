// One scan of the machine (or of captures): indicators, connections, DNS cache and hosts file in,
// a ScanReport out, with progress events the app's progress bar and the CLI share. Plain Node:
// every input is an injected dependency, so tests and the capture mode run the same code.
import type { Connection, DnsRecord, Finding, ParseIssue, ScanReport } from '../../../shared/domain';
import { matchScan, withNames } from '../../../shared/scan/find-findings';
import { buildResolution, type Resolution } from '../../../shared/scan/resolution';
import type { IndicatorSet } from './indicators';
import { makeReport } from './report';
import type { RecordSource } from './sources';
import { runWatch } from './watch';
import type { WatchOptions, WatchReport } from './watch';
import type { WatchSampler } from './windows-watch';

/** The steps of a scan, in order, as progress events name them. */
export type ScanStep = 'feeds' | 'connections' | 'dns-cache' | 'hosts-file' | 'matching' | 'done';

/** One progress event: the step starting now and the fraction of the scan done before it. */
export interface ScanProgress {
  step: ScanStep;
  fraction: number;
}

/** Lists the machine's sockets with their processes (electron/services/connections, or captures). */
export interface ConnectionLister {
  list(): Promise<{ connections: Connection[]; warnings: ParseIssue[] }>;
}

/** Everything a scan reads, injected. */
export interface ScanDeps {
  connections: ConnectionLister;
  /** Loads and indexes the indicators (called once per scan or watch). */
  indicators: () => Promise<IndicatorSet>;
  dnsCache: RecordSource;
  hostsFile: RecordSource;
  /** A cheaper listing for --watch samples (Windows: netstat only; see windows-watch.ts). */
  watchSampler?: WatchSampler;
  /** Milliseconds since the epoch; Date.now in production. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** One cheap look at the connection table (the details table's live mode, once a second). */
export interface ConnectionSnapshot {
  takenAt: string;
  connections: Connection[];
  /** Connection findings only (address or a name the last scan's DNS cache / hosts file resolved). */
  findings: Finding[];
  warnings: ParseIssue[];
}

/** The scan engine the CLI and the app call. */
export interface ScanService {
  scan(options?: { onProgress?: (p: ScanProgress) => void }): Promise<ScanReport>;
  /**
   * The connection table matched against the indicators and DNS names of the last scan: no feed
   * load, DNS cache or hosts file read per call (the first call without a scan loads the indicators
   * once). Information for the live table; it never changes the verdict or what is counted.
   */
  snapshot(): Promise<ConnectionSnapshot>;
  watch(seconds: number, options?: WatchOptions): Promise<WatchReport>;
}

const STEPS: ScanStep[] = ['feeds', 'connections', 'dns-cache', 'hosts-file', 'matching', 'done'];

/** Creates the scan service over its dependencies. */
export function createScanService(deps: ScanDeps): ScanService {
  const now = deps.now ?? Date.now;
  // What the last scan read, reused by snapshot() so a snapshot costs one connection listing.
  let known: {
    set: IndicatorSet;
    hosts: DnsRecord[];
    resolution: Resolution;
  } | null = null;
  return {
    async snapshot() {
      known ??= {
        set: await deps.indicators(),
        hosts: [],
        resolution: buildResolution([]),
      };
      // Windows: `netstat -ano` alone (names come from the last scan's rows, see live-rows.ts).
      const sampler = deps.watchSampler;
      const conns = sampler ? await sampler.sample() : await deps.connections.list();
      const connections = withNames(conns.connections, known.resolution);
      const matches = matchScan({
        connections,
        dnsRecords: [],
        hostsRecords: known.hosts,
        resolution: known.resolution,
        index: known.set.index,
      });
      return {
        takenAt: new Date(now()).toISOString(),
        connections,
        findings: matches.findings.filter((f) => f.via === 'connection'),
        warnings: conns.warnings,
      };
    },
    async scan(options = {}) {
      const progress = (step: ScanStep): void =>
        options.onProgress?.({ step, fraction: STEPS.indexOf(step) / (STEPS.length - 1) });
      progress('feeds');
      const set = await deps.indicators();
      progress('connections');
      const conns = await deps.connections.list();
      progress('dns-cache');
      const dns = await deps.dnsCache();
      progress('hosts-file');
      const hosts = await deps.hostsFile();
      progress('matching');
      // One resolution for both uses: the names shown beside each connection and the matching.
      const resolution = buildResolution([...dns.records, ...hosts.records]);
      known = { set, hosts: hosts.records, resolution };
      const connections = withNames(conns.connections, resolution);
      const matches = matchScan({
        connections,
        dnsRecords: dns.records,
        hostsRecords: hosts.records,
        resolution,
        index: set.index,
      });
      const report = makeReport({
        now: now(),
        findings: matches.findings,
        recent: matches.recent,
        blocked: matches.blocked,
        connections,
        feeds: set.feeds,
        warnings: [...set.warnings, ...conns.warnings, ...dns.warnings, ...hosts.warnings],
      });
      progress('done');
      return report;
    },
    watch(seconds, options = {}) {
      return runWatch(deps, seconds, options);
    },
  };
}
