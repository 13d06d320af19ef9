// The domain services the app needs, behind small adapters: the scan engine (services/scan)
// and the campaign feed store (services/feed). Electron's main and the browser harness both
// build them here, so the renderer sees the same real services in both.
import { hostname, release, userInfo } from 'node:os';
import type { HuntSummary } from '../shared/tally/hunt-summary';
import { sendHuntSummary, type HuntSummarySent } from './tally-client/hunt-summary';
import { join, resolve } from 'node:path';
import type { ScanReport } from '../shared/domain';
import { campaignFeedSchema } from '../shared/campaign-feed/campaign-feed';
import type { Campaign, Contact, FeedContacts } from '../shared/campaign-feed/campaign-feed';
import { builtInFeedUrl } from './feed/default-url';
import type {
  FeedStatus,
  FeedUpdate,
  ScanProgress,
  TallyQueueStatus,
  TallySend,
} from '../shared/ipc/schemas';
import { type UserError, userError } from '../shared/errors';
import { hasText, type Message } from '../shared/i18n';
import { buildAnonymizedResult, crackedSoftwareSignCount } from '../shared/tally/result';
import type { AnonymizedResult } from '../shared/tally/result';
import { readInputFile } from '../node-shared/input-file';
import { createProxiedFetch } from './http-fetch';
import type { HttpFetch } from './http-fetch';
import { deployedUnitConfigPath, readDeployedUnitConfig } from './tally-client/deployed-config';
import { cleanRescanFor, hadFindings, rememberFindings } from './tally-client/campaign-memory';
import {
  createDefaultTallyClient,
  createRetryLoop,
  fetchUnits,
  getInstallId,
  timerSchedule,
  type RetryLoop,
  type TallyClient,
} from './tally-client';
import type { UnitList } from '../shared/tally/units';
import type { Logger } from '../shared/logger';
import type { CommandRunner } from './command-runner';
import { createExecFileRunner } from './command-runner';
import { createConnectionService } from './connections';
import { createCleanupSession } from './cleanup/session';
import { createDurableCleanupLog, type DurableCleanupLog } from './cleanup/durable-log';
import type { ActionLogEntry } from './cleanup/types';
import type { CleanupSession } from './cleanup/session';
import { createFeedStore } from './feed/feed-store';
import type { ActiveFeed, FeedStore, UpdateResult } from './feed/feed-store';
import { activeFeedLoad } from './scan/default-feed';
import { loadPinnedKeys } from '../node-shared/feed/keys';
import { bundledPaths } from './feed/paths';
import { indexIndicators, loadFeedFiles } from './scan/indicators';
import type { IndicatorLoad } from './scan/indicators';
import { createScanService, type ConnectionSnapshot } from './scan/scan-service';
import { createWindowsWatchSampler } from './scan/windows-watch';
import { createDnsCacheSource, createHostsFileSource, hostsFilePath, hostsFilePaths } from './scan/sources';
import { createLineHost, hostArguments, powershellPath } from './processes/powershell-host';
import { saveCaptures } from './captures/save-captures';
import type { CaptureProgress, CaptureSaveResult } from './captures/save-captures';
import { nodeMachineFacts, readMachineIdentity, type MachineIdentity } from './cleanup/machine-identity';
import { createLicensingSource } from './licensing/scan-source';
import { licensingSignatures } from './licensing/bundled';
import {
  createProcessInfoService,
  hostProcessSource,
  type ProcessInfoService,
  type ProcessSource,
} from './processes/process-info-service';
import { reportWithConnections } from '../shared/processes/process-facts';

/** The Send button's single attempt answers within this; slower tallies are retried in the background. */
export const QUICK_SEND_TIMEOUT_MS = 5_000;

function refusedNotFound(submissionId: string): UserError {
  return userError('msg.tally.noRefused', { params: { id: submissionId }, hint: 'msg.tally.reloadList' });
}

/** What the IPC handlers call. */
export interface AppServices {
  /** Scans; `agencyKmsHosts` (from Settings) are the KMS hosts the licensing checks accept. */
  scan(opts: {
    onProgress: (p: ScanProgress) => void;
    agencyKmsHosts?: readonly string[];
  }): Promise<ScanReport>;
  /** This computer's name, domain, user, OS build and addresses: for the evidence report, never the tally. */
  machine?(): MachineIdentity;
  /** The details table's live mode: connections matched against the last scan's indicators and names. */
  snapshot?(): Promise<ConnectionSnapshot>;
  feedStatus(): Promise<FeedStatus>;
  /** Fetches the feed from `url` (or the store's default); never throws for network trouble. */
  updateFeed(url: string | undefined): Promise<FeedUpdate>;
  /** The anonymized result of a scan for a unit (counts only), and how many wait in the queue. */
  tallyPreview(
    report: ScanReport,
    unitCode: string,
    tallyUrl: string,
    cleanRescan?: boolean | null,
  ): Promise<{ result: AnonymizedResult; pending: number }>;
  /** Queues the result on disk, then sends the queue to the tally. */
  tallySend(
    report: ScanReport,
    unitCode: string,
    tallyUrl: string,
    cleanRescan?: boolean | null,
    /** The enrolment token from Settings; empty or null: the installer-deployed file's. */
    unitToken?: string | null,
  ): Promise<TallySend>;
  /** The units registered on the tally, so the person picks one (GET /api/v1/units). */
  tallyUnits(tallyUrl: string): Promise<UnitList>;
  /** Sends a log-hunt summary (counts only) to the tally. */
  huntSummarySend?(
    tallyUrl: string,
    summary: HuntSummary,
    unitToken?: string | null,
  ): Promise<HuntSummarySent>;
  /** The unit's IT contact from the installer-deployed unit.json (null: none there). */
  deployedItContact?(): Promise<Contact | null>;
  /** The indicators a log hunt matches against: the feed in use, as the scan reads it. */
  huntIndicators?(): Promise<IndicatorLoad>;
  /** Windows: saves this PC's capture folder for IT staff (as collect.cmd) under the captures folder. */
  saveCaptures?(onProgress: (p: CaptureProgress) => void): Promise<CaptureSaveResult>;
  /** The outbox for a tally address: pending count, last problem, next retry, refused results. */
  tallyQueue(tallyUrl: string): Promise<TallyQueueStatus>;
  /** Puts a refused result back in the queue and makes one quick attempt. */
  tallyResend(tallyUrl: string, submissionId: string, unitToken?: string | null): Promise<TallyQueueStatus>;
  /** Deletes a refused result for good. */
  tallyDeleteRefused(tallyUrl: string, submissionId: string): Promise<TallyQueueStatus>;
  /** Starts the background retries for a tally address ('' : none) at app start; `onChange` gets every change. */
  tallyRetries(
    tallyUrl: string,
    onChange: (status: TallyQueueStatus) => void,
    unitToken?: string | null,
  ): Promise<void>;
  /** A new guided-cleanup session over this machine (the handlers keep one per flagged item). */
  newCleanupSession(onLog?: (entry: ActionLogEntry) => void): Promise<CleanupSession>;
  /** The durable cleanup log on disk (every step of every session, this run and earlier ones). */
  cleanupLog?: DurableCleanupLog;
  /**
   * Windows: paths, parents and file facts after the verdict (scan() marks its rows pending).
   * Absent where the scan already has the paths (Linux /proc, macOS).
   */
  processes?: ProcessInfoService;
}

export interface AppServiceOptions {
  /** Per-user data directory (Electron userData, or the harness's data dir); the feed cache lives in it. */
  dataDir: string;
  /** The app's assets (bundled signed feed, pinned keys). */
  assetsDir: string;
  /** Where "Lưu dữ liệu cho cán bộ CNTT" writes its folders (default: `<dataDir>/captures`). */
  capturesDir?: string;
  /**
   * A local feed file used instead of the cached/bundled one (the harness's --feed, for tests and
   * agency staff trying a list). Any format the feed parsers read; a campaign feed also supplies the
   * campaign metadata. It is not signature-checked: it is the operator's own explicit choice.
   */
  feedFile?: string;
  /** The app's version, as the tally records it. */
  appVersion: string;
  platform?: NodeJS.Platform;
  /** Where process paths and file facts come from; default on Windows: the PowerShell host. */
  processSource?: ProcessSource;
  env?: Record<string, string | undefined>;
  /**
   * Every HTTP request of the services (feed, tally, units, hunt summaries). Electron passes its
   * net.fetch (the Windows system proxy and PAC); default: node-fetch through the env proxy.
   */
  fetch?: HttpFetch;
  runner?: CommandRunner;
  logger: Logger;
  /** Every pid of the app's own process tree (Electron: app.getAppMetrics()); the cleanup never stops one. */
  ownProcessTree?: () => readonly number[];
}

/** A local feed override, read once at start. */
interface Override {
  path: string;
  load: IndicatorLoad;
  campaign: Campaign | null;
  contacts: FeedContacts | null;
  version: number | null;
  publishedAt: string | null;
}

async function readOverride(path: string): Promise<Override> {
  const bytes = await readInputFile(path, 'feed');
  const load = await loadFeedFiles([path], () => Promise.resolve(bytes));
  let campaign: Override['campaign'] = null;
  let contacts: Override['contacts'] = null;
  let version: number | null = null;
  let publishedAt: string | null = null;
  try {
    const parsed = campaignFeedSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    if (parsed.success) {
      campaign = parsed.data.campaign;
      contacts = parsed.data.contacts ?? null;
      version = parsed.data.version;
      publishedAt = parsed.data.publishedAt;
    }
  } catch {
    // Not JSON: a plain list or CSV; the campaign text comes from the feed store.
  }
  // A local campaign feed that says it is a sample is one, for the verdict too.
  if (campaign?.sample) load.feeds = load.feeds.map((f) => ({ ...f, sample: true }));
  return { path, load, campaign, contacts, version, publishedAt };
}

function statusOf(active: ActiveFeed, override: Override | null, defaultUrl = ''): FeedStatus {
  const extra = { ...(active.feed.contacts ? { contacts: active.feed.contacts } : {}), defaultUrl };
  if (!override)
    return {
      ...extra,
      campaign: active.campaign,
      version: active.version,
      publishedAt: active.publishedAt,
      source: active.origin === 'bundled' ? `bundled: ${active.source}` : active.source,
      origin: active.origin,
      lastChecked: active.lastChecked,
      indicatorCount: active.indicators.length,
    };
  return {
    ...extra,
    ...(override.contacts ? { contacts: override.contacts } : {}),
    campaign: override.campaign ?? active.campaign,
    version: override.version ?? active.version,
    publishedAt: override.publishedAt ?? active.publishedAt,
    source: `file: ${override.path}`,
    origin: 'file',
    lastChecked: null,
    indicatorCount: override.load.indicators.length,
  };
}

/** The catalogue message for a failed or refused update: by code, else the generic one of its kind. */
function updateText(result: UpdateResult & { status: 'rejected' | 'failed' }): Message {
  const { code } = result.reason;
  if (hasText(`msg.feed.${code}`)) {
    const status = 'httpStatus' in result.reason ? result.reason.httpStatus : undefined;
    return status !== undefined
      ? { code: `msg.feed.${code}`, params: { status: String(status) } }
      : { code: `msg.feed.${code}` };
  }
  return { code: result.status === 'rejected' ? 'msg.feed.rejected' : 'msg.feed.failed' };
}

function updateOf(result: UpdateResult, status: FeedStatus): FeedUpdate {
  return result.status === 'rejected' || result.status === 'failed'
    ? {
        outcome: result.status,
        message: result.reason.message,
        text: updateText(result),
        code: result.reason.code,
        status,
      }
    : { outcome: result.status, status };
}

// The OS account that confirms cleanup steps, for the record ("who confirmed").
function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? 'unknown';
  }
}

const osFamily = (p: NodeJS.Platform) => (p === 'win32' ? 'windows' : p === 'darwin' ? 'macos' : 'linux');

/** Builds the feed store and the scan service over the real machine. */
export async function createAppServices(opts: AppServiceOptions): Promise<AppServices> {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const fetch = opts.fetch ?? createProxiedFetch(env);
  const runner = opts.runner ?? createExecFileRunner();
  const bundled = bundledPaths(opts.assetsDir);
  const defaultUrl = builtInFeedUrl(env);
  const store: FeedStore = await createFeedStore({
    cacheDir: join(opts.dataDir, 'feed'),
    bundled,
    keys: await loadPinnedKeys(bundled.keysDir),
    env,
    fetch,
    logger: opts.logger,
    ...(defaultUrl ? { defaultUrl } : {}),
  });
  const override = opts.feedFile ? await readOverride(resolve(opts.feedFile)) : null;
  if (override)
    opts.logger.info('using a local feed file instead of the cached/bundled feed', { file: override.path });

  const currentLoad = (): IndicatorLoad => (override ? override.load : activeFeedLoad(store.active()));
  const scanner = createScanService({
    connections: createConnectionService({ runner, platform }),
    // Read at every scan, so a feed updated a minute ago is the one matched.
    // activeFeedLoad marks the bundled sample (feeds[].sample and a warning), so no verdict made
    // with it can read as "clean".
    indicators: () => Promise.resolve(indexIndicators(currentLoad())),
    dnsCache: createDnsCacheSource({
      runner,
      platform,
      systemDir: `${env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows'}\\System32`,
    }),
    hostsFile: createHostsFileSource({
      readFile: (p) => readInputFile(p, 'capture'),
      path: hostsFilePaths(platform, env),
    }),
    licensing: createLicensingSource({
      runner,
      platform,
      env,
      readFile: (p) => readInputFile(p, 'capture'),
    }),
    // Live mode's snapshots on Windows: `netstat -ano` alone (a full listing takes about a second).
    ...(platform === 'win32'
      ? {
          watchSampler: createWindowsWatchSampler({
            runner,
            systemDir: `${env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows'}\\System32`,
          }),
        }
      : {}),
  });

  // Windows: one PowerShell for the app's life, asked after each verdict (see powershell-host.ts).
  // It ends by itself when main exits (its stdin closes). Started now, so the first scan's paths
  // do not also wait for PowerShell to start.
  let processes: ProcessInfoService | undefined;
  const systemRoot = env.SystemRoot ?? 'C:\\Windows';
  if (opts.processSource) {
    processes = createProcessInfoService({ source: opts.processSource, logger: opts.logger });
  } else if (platform === 'win32') {
    const host = createLineHost({
      file: powershellPath(systemRoot),
      args: hostArguments(),
      logger: opts.logger,
    });
    processes = createProcessInfoService({
      source: hostProcessSource(host),
      windowsDir: systemRoot,
      logger: opts.logger,
    });
    host.request('processes').catch((e: unknown) => {
      opts.logger.warn('process host did not start', { error: String(e) });
    });
  }

  const tallyDir = join(opts.dataDir, 'tally');
  const cleanupLog = createDurableCleanupLog(
    join(opts.dataDir, 'cleanup', 'action-log.jsonl'),
    operatorName(),
  );
  async function anonymized(
    report: ScanReport,
    unitCode: string,
    cleanRescan: boolean | null,
  ): Promise<AnonymizedResult> {
    const campaignId = statusOf(store.active(), override, defaultUrl).campaign.id;
    // Remembered across restarts: a later check without findings is sent as a clean re-scan.
    const hasNow = report.findings.some((f) => f.kind === 'ip' || f.kind === 'cidr' || f.kind === 'domain');
    const had = await hadFindings(tallyDir, campaignId).catch(() => false);
    if (hasNow) await rememberFindings(tallyDir, campaignId, new Date());
    try {
      return buildAnonymizedResult({
        report,
        campaignId,
        unitCode,
        installId: await getInstallId(tallyDir, campaignId),
        appVersion: opts.appVersion,
        os: { family: osFamily(platform), major: release().split('.')[0] ?? '0' },
        // The guided cleanup's last re-scan, else what this install remembers of the campaign.
        cleanRescan: cleanRescanFor(had, hasNow, cleanRescan),
        crackedSoftwareSigns: crackedSoftwareSignCount(report),
        now: new Date(),
      });
    } catch (e) {
      throw userError('msg.tally.cannotBuild', {
        hint: 'msg.tally.checkUnitCode',
        detail: e instanceof Error ? e.message : String(e),
      });
    }
  }

  // One client and one background retry loop per tally address; a new address stops the old loop.
  const outboxes = new Map<string, { client: TallyClient; loop: RetryLoop }>();
  let onQueueChange: ((status: TallyQueueStatus) => void) | undefined;
  // The unit's enrolment token: from Settings (given with each send) or the installer-deployed
  // config. Read by the client at every attempt, so the background retries send it too.
  let currentToken: string | null = null;
  const unitTokenFor = async (given: string | null): Promise<string | null> => {
    if (given) return given;
    const file = deployedUnitConfigPath(env, platform);
    try {
      return (await readDeployedUnitConfig(file)).unitToken ?? null;
    } catch (e) {
      throw userError('msg.tally.badUnitConfig', {
        hint: 'msg.tally.fixUnitConfig',
        detail: (e as Error).message,
      });
    }
  };
  const outbox = (tallyUrl: string) => {
    let o = outboxes.get(tallyUrl);
    if (!o) {
      for (const other of outboxes.values()) other.loop.stop();
      outboxes.clear();
      const client = createDefaultTallyClient(tallyDir, tallyUrl, () => currentToken, fetch);
      const loop = createRetryLoop({
        client,
        clock: () => new Date(),
        schedule: timerSchedule,
        onChange: (status) => onQueueChange?.(status),
      });
      o = { client, loop };
      outboxes.set(tallyUrl, o);
    }
    return o;
  };

  return {
    async tallyPreview(report, unitCode, tallyUrl, cleanRescan = null) {
      const result = await anonymized(report, unitCode, cleanRescan);
      return { result, pending: (await outbox(tallyUrl).client.pending()).length };
    },
    async tallySend(report, unitCode, tallyUrl, cleanRescan = null, unitToken = null) {
      // A scan against the sample feed checked documentation addresses only: it is no campaign
      // participation, so it is never counted (nothing is queued or sent).
      if (statusOf(store.active(), override, defaultUrl).campaign.sample)
        throw userError('msg.tally.sampleNotSent', { hint: 'msg.tally.updateThenSend' });
      const result = await anonymized(report, unitCode, cleanRescan);
      currentToken = await unitTokenFor(unitToken);
      const { client, loop } = outbox(tallyUrl);
      // On disk before any network: an offline machine sends it at the next attempt.
      await client.enqueue(result);
      // The button's answer: one quick attempt; the retries with backoff run in the background.
      const summary = await client.flush({ maxAttempts: 1, timeoutMs: QUICK_SEND_TIMEOUT_MS });
      await loop.afterSend(summary);
      return { submissionId: result.submissionId, ...summary };
    },
    tallyQueue: (tallyUrl) => outbox(tallyUrl).loop.status(),
    async tallyResend(tallyUrl, submissionId, unitToken = null) {
      currentToken = await unitTokenFor(unitToken);
      const { client, loop } = outbox(tallyUrl);
      if (!(await client.resend(submissionId))) throw refusedNotFound(submissionId);
      await loop.afterSend(await client.flush({ maxAttempts: 1, timeoutMs: QUICK_SEND_TIMEOUT_MS }));
      return loop.status();
    },
    async tallyDeleteRefused(tallyUrl, submissionId) {
      const { client, loop } = outbox(tallyUrl);
      if (!(await client.deleteRefused(submissionId))) throw refusedNotFound(submissionId);
      await loop.publish();
      return loop.status();
    },
    async tallyRetries(tallyUrl, onChange, unitToken = null) {
      onQueueChange = onChange;
      // A broken deployed config must not stop the app: the send that follows says what is wrong.
      currentToken = await unitTokenFor(unitToken).catch(() => null);
      if (tallyUrl !== '') await outbox(tallyUrl).loop.start();
    },
    tallyUnits: (tallyUrl) => fetchUnits(tallyUrl, fetch),
    async huntSummarySend(tallyUrl, summary, unitToken = null) {
      const token = await unitTokenFor(unitToken);
      return sendHuntSummary(tallyUrl, summary, fetch, token ? { unitToken: token } : {});
    },
    cleanupLog,
    newCleanupSession(onLog) {
      const connections = createConnectionService({ runner, platform });
      // The re-scan samples at least twice a second for 15 s: on Windows a sample is `netstat -ano`
      // alone, with names from tasklist at the start and the end (a full listing takes ~1 s).
      const sampler =
        platform === 'win32'
          ? createWindowsWatchSampler({
              runner,
              systemDir: `${env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows'}\\System32`,
            })
          : null;
      const dnsCache = createDnsCacheSource({ runner, platform });
      const session = createCleanupSession({
        runner,
        platform,
        env,
        backupDir: join(opts.dataDir, 'cleanup-backups'),
        ...(opts.ownProcessTree ? { ownTree: opts.ownProcessTree } : {}),
        ...(onLog ? { onLog } : {}),
        rescan: sampler
          ? async () => (await sampler.sample()).connections
          : async () => (await connections.list()).connections,
        rescanWatch: {
          dnsCache: async () => (await dnsCache()).records,
          ...(sampler ? { processNames: async () => (await sampler.processes()).names } : {}),
        },
        cleanupToolUrl: statusOf(store.active(), override, defaultUrl).campaign.cleanupToolUrl,
        hosts: {
          hostsPath: hostsFilePath(platform, env),
          vendors: licensingSignatures().signatures.activationHosts,
        },
      });
      return Promise.resolve(session);
    },
    huntIndicators: () => Promise.resolve(currentLoad()),
    ...(platform === 'win32'
      ? {
          saveCaptures: (onProgress: (p: CaptureProgress) => void) =>
            saveCaptures(
              opts.capturesDir ?? join(opts.dataDir, 'captures'),
              { runner, systemRoot, computerName: env.COMPUTERNAME ?? hostname(), now: () => new Date() },
              onProgress,
            ),
        }
      : {}),
    snapshot: () => scanner.snapshot(),
    machine: () => readMachineIdentity(nodeMachineFacts(env)),
    async deployedItContact() {
      // A broken file is reported where the token is used (sending); here it just gives no contact.
      const config = await readDeployedUnitConfig(deployedUnitConfigPath(env, platform)).catch(
        (e: unknown) => {
          opts.logger.warn('installer-deployed unit config unreadable', { error: String(e) });
          return {};
        },
      );
      return 'itContact' in config && config.itContact ? config.itContact : null;
    },
    async scan({ onProgress, agencyKmsHosts = [] }) {
      // One pipeline: connections, DNS cache, hosts file, then the licensing checks (issue 6) with
      // the agency's KMS hosts from Settings; `recent`, `blocked` and notices come with it.
      const merged = await scanner.scan({ onProgress, agencyKmsHosts });
      // The verdict does not wait for paths: rows are marked pending and filled by the handlers.
      return processes ? reportWithConnections(merged, processes.markPending(merged.connections)) : merged;
    },
    ...(processes ? { processes } : {}),
    feedStatus: () => Promise.resolve(statusOf(store.active(), override, defaultUrl)),
    async updateFeed(url) {
      const result = await store.update(url === undefined ? {} : { url });
      return updateOf(result, statusOf(store.active(), override, defaultUrl));
    },
  };
}
