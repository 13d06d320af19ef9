// One scan of the machine (or of captures): indicators, connections, DNS cache, hosts file and (when
// given) the licensing checks in, a ScanReport out, with progress events the app's progress bar and
// the CLI share: one pipeline, so no caller merges findings by hand. Plain Node:
// every input is an injected dependency, so tests and the capture mode run the same code.
import type { DnsRecord, ParseIssue, ScanReport } from '../../shared/domain';
import type { z } from 'zod';
import type { ScanProgress, connectionSnapshotSchema } from '../../shared/ipc/schemas';
import { matchScan, withNames } from '../../shared/scan/find-findings';
import { buildResolution, type Resolution } from '../../shared/scan/resolution';
import type { IndicatorSet } from './indicators';
import { matchedReport } from './report';
import type { ScanDeps, ScanStep } from './types';
import { runWatch } from './watch';
import type { WatchOptions, WatchReport } from './watch';

/**
 * One cheap look at the connection table (the details table's live mode, once a second): what
 * `scan:snapshot` carries, plus the warnings the service logs.
 */
export type ConnectionSnapshot = z.infer<typeof connectionSnapshotSchema> & { warnings: ParseIssue[] };

/** The scan engine the CLI and the app call. */
export interface ScanService {
  scan(options?: {
    onProgress?: (p: ScanProgress) => void;
    /** The agency's KMS hosts from Settings, for the licensing source. */
    agencyKmsHosts?: readonly string[];
  }): Promise<ScanReport>;
  /**
   * The connection table matched against the indicators and DNS names of the last scan: no feed
   * load, DNS cache or hosts file read per call (the first call without a scan loads the indicators
   * once). Information for the live table; it never changes the verdict or what is counted.
   */
  snapshot(): Promise<ConnectionSnapshot>;
  watch(seconds: number, options?: WatchOptions): Promise<WatchReport>;
}

const STEPS: ScanStep[] = ['feeds', 'connections', 'dns-cache', 'hosts-file', 'matching', 'done'];
const STEPS_WITH_LICENSING: ScanStep[] = [...STEPS.slice(0, -1), 'licensing', 'done'];

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
      const steps = deps.licensing ? STEPS_WITH_LICENSING : STEPS;
      const progress = (step: ScanStep): void =>
        options.onProgress?.({ step, fraction: steps.indexOf(step) / (steps.length - 1) });
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
      const report = await matchedReport({
        now: now(),
        connections,
        dnsRecords: dns.records,
        hostsRecords: hosts.records,
        resolution,
        set,
        warnings: [...set.warnings, ...conns.warnings, ...dns.warnings, ...hosts.warnings],
        licensing: deps.licensing,
        agencyKmsHosts: options.agencyKmsHosts ?? [],
        beforeLicensing: () => progress('licensing'),
      });
      progress('done');
      return report;
    },
    watch(seconds, options = {}) {
      return runWatch(deps, seconds, options);
    },
  };
}
