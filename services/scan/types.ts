// The scan pipeline's shapes, in their own module so the engine (scan-service.ts) and the watch
// (watch.ts) both use them without importing each other.
import type { Connection, Finding, ParseIssue } from '../../shared/domain';
import type { IndicatorSet } from './indicators';
import type { RecordSource } from './sources';
import type { WatchSampler } from './windows-watch';

/** The steps of a scan, in order, as progress events name them ('licensing' only with that source). */
export type ScanStep =
  'feeds' | 'connections' | 'dns-cache' | 'hosts-file' | 'matching' | 'licensing' | 'done';

/** Lists the machine's sockets with their processes (services/connections, or captures). */
export interface ConnectionLister {
  list(): Promise<{ connections: Connection[]; warnings: ParseIssue[] }>;
}

/** What the licensing source is told about the scan it runs in. */
export interface LicensingContext {
  /** The scan's findings so far: hosts lines already reported as a campaign domain are not repeated. */
  already: readonly Finding[];
  /** The agency's KMS hosts and domains from the signed campaign feed (`kmsHosts`). */
  feedKmsHosts: readonly string[];
  /** The agency's KMS hosts from Settings for this scan (the app). */
  agencyKmsHosts: readonly string[];
}

/** Cracked-software signs (counted), "not activated" notices (information) and warnings. */
export interface LicensingOutcome {
  findings: Finding[];
  notices: Finding[];
  warnings: ParseIssue[];
}

/** The licensing checks as a source of the scan (services/licensing/scan-source.ts). */
export type LicensingSource = (context: LicensingContext) => Promise<LicensingOutcome>;

/** Everything a scan reads, injected. */
export interface ScanDeps {
  connections: ConnectionLister;
  /** Loads and indexes the indicators (called once per scan or watch). */
  indicators: () => Promise<IndicatorSet>;
  dnsCache: RecordSource;
  hostsFile: RecordSource;
  /** Signs of cracked software; runs after the matching (it needs the hosts-file findings). */
  licensing?: LicensingSource;
  /** A cheaper listing for --watch samples (Windows: netstat only; see windows-watch.ts). */
  watchSampler?: WatchSampler;
  /** Milliseconds since the epoch; Date.now in production. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}
