// The domain services the app needs, behind small adapters: the scan engine (electron/services/scan)
// and the campaign feed store (electron/services/feed). Electron's main and the browser harness both
// build them here, so the renderer sees the same real services in both.
import { release, userInfo } from 'node:os';
import type { HuntSummary } from '../shared/tally/hunt-summary';
import { sendHuntSummary, type HuntSummarySent } from './services/tally-client/hunt-summary';
import { join, resolve } from 'node:path';
import type { ScanReport } from '../shared/domain';
import { campaignFeedSchema } from '../shared/feed/campaign-feed';
import type { Campaign } from '../shared/feed/campaign-feed';
import type {
  FeedStatus,
  FeedUpdate,
  ScanProgress,
  TallyQueueStatus,
  TallySend,
} from '../shared/ipc/schemas';
import { UserError } from '../shared/errors';
import { buildAnonymizedResult, crackedSoftwareSignCount } from '../shared/tally/result';
import type { AnonymizedResult } from '../shared/tally/result';
import { readInputFile } from './services/input-file';
import { createProxiedFetch } from './services/http-fetch';
import type { HttpFetch } from './services/http-fetch';
import { deployedUnitConfigPath, readDeployedUnitConfig } from './services/tally-client/deployed-config';
import { cleanRescanFor, hadFindings, rememberFindings } from './services/tally-client/campaign-memory';
import {
  createDefaultTallyClient,
  createRetryLoop,
  fetchUnits,
  getInstallId,
  timerSchedule,
  type RetryLoop,
  type TallyClient,
} from './services/tally-client';
import type { UnitList } from '../shared/tally/units';
import type { Logger } from '../shared/logger';
import type { CommandRunner } from './services/command-runner';
import { createExecFileRunner } from './services/command-runner';
import { createConnectionService } from './services/connections';
import { createCleanupSession } from './services/cleanup/session';
import { createDurableCleanupLog, type DurableCleanupLog } from './services/cleanup/durable-log';
import type { ActionLogEntry } from './services/cleanup/types';
import type { CleanupSession } from './services/cleanup/session';
import { createFeedStore } from './services/feed/feed-store';
import type { ActiveFeed, FeedStore, UpdateResult } from './services/feed/feed-store';
import { activeFeedLoad } from './services/scan/default-feed';
import { loadPinnedKeys } from './services/feed/keys';
import { bundledPaths } from './services/feed/paths';
import { indexIndicators, loadFeedFiles } from './services/scan/indicators';
import type { IndicatorLoad } from './services/scan/indicators';
import { createScanService } from './services/scan/scan-service';
import { createWindowsWatchSampler } from './services/scan/windows-watch';
import { mergeFindings } from './cli/scan-command';
import { licensingForScan } from './services/licensing/cli-support';
import { createDnsCacheSource, createHostsFileSource, hostsFilePaths } from './services/scan/sources';
import { createLineHost, hostArguments, powershellPath } from './services/processes/powershell-host';
import {
  createProcessInfoService,
  hostProcessSource,
  type ProcessInfoService,
  type ProcessSource,
} from './services/processes/process-info-service';
import { reportWithConnections } from '../shared/processes/process-facts';

/** The Send button's single attempt answers within this; slower tallies are retried in the background. */
export const QUICK_SEND_TIMEOUT_MS = 5_000;

function refusedNotFound(submissionId: string): UserError {
  return new UserError(
    `Không có kết quả bị từ chối mang mã ${submissionId}. / There is no refused result with id ${submissionId}.`,
    'Tải lại danh sách; có thể nó đã được gửi lại hoặc xoá. / Reload the list; it may have been resent or deleted already.',
  );
}

/** What the IPC handlers call. */
export interface AppServices {
  /** Scans; `agencyKmsHosts` (from Settings) are the KMS hosts the licensing checks accept. */
  scan(opts: {
    onProgress: (p: ScanProgress) => void;
    agencyKmsHosts?: readonly string[];
  }): Promise<ScanReport>;
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
  /** The indicators a log hunt matches against: the feed in use, as the scan reads it. */
  huntIndicators?(): Promise<IndicatorLoad>;
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
  version: number | null;
  publishedAt: string | null;
}

async function readOverride(path: string): Promise<Override> {
  const bytes = await readInputFile(path, 'feed');
  const load = await loadFeedFiles([path], () => Promise.resolve(bytes));
  let campaign: Override['campaign'] = null;
  let version: number | null = null;
  let publishedAt: string | null = null;
  try {
    const parsed = campaignFeedSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    if (parsed.success) {
      campaign = parsed.data.campaign;
      version = parsed.data.version;
      publishedAt = parsed.data.publishedAt;
    }
  } catch {
    // Not JSON: a plain list or CSV; the campaign text comes from the feed store.
  }
  // A local campaign feed that says it is a sample is one, for the verdict too.
  if (campaign?.sample) load.feeds = load.feeds.map((f) => ({ ...f, sample: true }));
  return { path, load, campaign, version, publishedAt };
}

function statusOf(active: ActiveFeed, override: Override | null): FeedStatus {
  if (!override)
    return {
      campaign: active.campaign,
      version: active.version,
      publishedAt: active.publishedAt,
      source: active.origin === 'bundled' ? `bundled: ${active.source}` : active.source,
      lastChecked: active.lastChecked,
      indicatorCount: active.indicators.length,
    };
  return {
    campaign: override.campaign ?? active.campaign,
    version: override.version ?? active.version,
    publishedAt: override.publishedAt ?? active.publishedAt,
    source: `file: ${override.path}`,
    lastChecked: null,
    indicatorCount: override.load.indicators.length,
  };
}

function updateOf(result: UpdateResult, status: FeedStatus): FeedUpdate {
  return result.status === 'rejected' || result.status === 'failed'
    ? { outcome: result.status, message: result.reason.message, status }
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
  const store: FeedStore = await createFeedStore({
    cacheDir: join(opts.dataDir, 'feed'),
    bundled,
    keys: await loadPinnedKeys(bundled.keysDir),
    env,
    fetch,
    logger: opts.logger,
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
    const campaignId = statusOf(store.active(), override).campaign.id;
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
      throw new UserError(
        `Không lập được kết quả ẩn danh / cannot build the anonymized result: ${e instanceof Error ? e.message : String(e)}`,
        'Kiểm tra mã đơn vị trong Cài đặt (chữ, số, . _ -). / Check the unit code in Settings (letters, digits, . _ -).',
      );
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
      throw new UserError(
        `Tệp cấu hình đơn vị do bộ cài đặt triển khai bị lỗi / the installer-deployed unit config is wrong: ${(e as Error).message}`,
        'Sửa hoặc xoá tệp đó, hoặc nhập mã đăng ký trong Cài đặt. / Fix or remove that file, or enter the enrolment token in Settings.',
      );
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
      if (statusOf(store.active(), override).campaign.sample)
        throw new UserError(
          'Đang dùng nguồn cấp MẪU: kết quả quét với nguồn cấp mẫu không được gửi về máy chủ tổng hợp. / ' +
            'The SAMPLE feed is in use: a scan against the sample feed is never sent to the tally.',
          'Cập nhật nguồn cấp chính thức của chiến dịch (Cài đặt → Nguồn cấp), quét lại rồi gửi. / ' +
            "Update to the campaign's official feed (Settings → Feed), scan again, then send.",
        );
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
        cleanupToolUrl: statusOf(store.active(), override).campaign.cleanupToolUrl,
      });
      return Promise.resolve(session);
    },
    huntIndicators: () => Promise.resolve(currentLoad()),
    async scan({ onProgress, agencyKmsHosts = [] }) {
      // The scan engine reports 0..1; the licensing checks (issue 6) run after it, so its share is
      // scaled to the first 80 % and its own "done" waits for theirs.
      const report = await scanner.scan({
        onProgress: (p) => {
          if (p.step !== 'done') onProgress({ step: p.step, fraction: p.fraction * 0.8 });
        },
      });
      onProgress({ step: 'licensing', fraction: 0.8 });
      const lic = await licensingForScan({
        opts: { licensing: true, 'kms-host': [...agencyKmsHosts] },
        captureMode: false,
        runner,
        platform,
        env,
        readFile: (p) => readInputFile(p, 'capture'),
        already: report.findings,
        feedKmsHosts: currentLoad().kmsHosts ?? [],
      });
      onProgress({ step: 'done', fraction: 1 });
      // `recent` and `blocked` come from the scan engine; "not activated" joins as notices.
      const merged = {
        ...mergeFindings(report, lic.findings),
        notices: [...(report.notices ?? []), ...lic.notices],
        warnings: [...report.warnings, ...lic.warnings],
      };
      // The verdict does not wait for paths: rows are marked pending and filled by the handlers.
      return processes ? reportWithConnections(merged, processes.markPending(merged.connections)) : merged;
    },
    ...(processes ? { processes } : {}),
    feedStatus: () => Promise.resolve(statusOf(store.active(), override)),
    async updateFeed(url) {
      const result = await store.update(url === undefined ? {} : { url });
      return updateOf(result, statusOf(store.active(), override));
    },
  };
}
