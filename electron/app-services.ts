// The domain services the app needs, behind small adapters: the scan engine (electron/services/scan)
// and the campaign feed store (electron/services/feed). Electron's main and the browser harness both
// build them here, so the renderer sees the same real services in both.
import type { HuntSummary } from '../shared/tally/hunt-summary';
import { sendHuntSummary, type HuntSummarySent } from './services/tally-client/hunt-summary';
import { readFile } from 'node:fs/promises';
import { release } from 'node:os';
import { join, resolve } from 'node:path';
import type { ScanReport } from '../shared/domain';
import { campaignFeedSchema } from '../shared/feed/campaign-feed';
import type { Campaign } from '../shared/feed/campaign-feed';
import type { FeedStatus, FeedUpdate, ScanProgress, TallySend } from '../shared/ipc/schemas';
import { UserError } from '../shared/errors';
import { buildAnonymizedResult, crackedSoftwareSignCount } from '../shared/tally/result';
import type { AnonymizedResult } from '../shared/tally/result';
import { createProxiedFetch } from './services/proxied-fetch';
import { createDefaultTallyClient, fetchUnits, getInstallId } from './services/tally-client';
import { cleanRescanFor, hadFindings, rememberFindings } from './services/tally-client/campaign-memory';
import type { UnitList } from '../shared/tally/units';
import type { Logger } from '../shared/logger';
import type { CommandRunner } from './services/command-runner';
import { createExecFileRunner } from './services/command-runner';
import { createConnectionService } from './services/connections';
import { createCleanupSession } from './services/cleanup/session';
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
import { createDnsCacheSource, createHostsFileSource, hostsFilePath } from './services/scan/sources';

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
  ): Promise<TallySend>;
  /** The units registered on the tally, so the person picks one (GET /api/v1/units). */
  tallyUnits(tallyUrl: string): Promise<UnitList>;
  /** Sends a log-hunt summary (counts only) to the tally. */
  huntSummarySend?(tallyUrl: string, summary: HuntSummary): Promise<HuntSummarySent>;
  /** The indicators a log hunt matches against: the feed in use, as the scan reads it. */
  huntIndicators?(): Promise<IndicatorLoad>;
  /** A new guided-cleanup session over this machine (the handlers keep one per flagged item). */
  newCleanupSession(): Promise<CleanupSession>;
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
  env?: Record<string, string | undefined>;
  runner?: CommandRunner;
  logger: Logger;
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
  const bytes = await readFile(path);
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

const osFamily = (p: NodeJS.Platform) => (p === 'win32' ? 'windows' : p === 'darwin' ? 'macos' : 'linux');

/** Builds the feed store and the scan service over the real machine. */
export async function createAppServices(opts: AppServiceOptions): Promise<AppServices> {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const runner = opts.runner ?? createExecFileRunner();
  const bundled = bundledPaths(opts.assetsDir);
  const store: FeedStore = await createFeedStore({
    cacheDir: join(opts.dataDir, 'feed'),
    bundled,
    keys: await loadPinnedKeys(bundled.keysDir),
    env,
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
    dnsCache: createDnsCacheSource({ runner, platform }),
    hostsFile: createHostsFileSource({
      readFile: (p) => readFile(p),
      path: hostsFilePath(platform, env),
    }),
  });

  const tallyDir = join(opts.dataDir, 'tally');
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

  return {
    async tallyPreview(report, unitCode, tallyUrl, cleanRescan = null) {
      const result = await anonymized(report, unitCode, cleanRescan);
      return { result, pending: (await createDefaultTallyClient(tallyDir, tallyUrl).pending()).length };
    },
    async tallySend(report, unitCode, tallyUrl, cleanRescan = null) {
      // The sample feed's documentation addresses are no campaign: the tally would refuse it (422).
      if (statusOf(store.active(), override).campaign.sample)
        throw new UserError(
          'Đang dùng nguồn cấp MẪU: kết quả kiểm tra với nguồn cấp mẫu không được gửi và không được tính. / The SAMPLE feed is in use: results made with it are not sent or counted.',
          'Cập nhật nguồn cấp chính thức trong Cài đặt, kiểm tra lại rồi gửi. / Update to the official feed in Settings, check again, then send.',
        );
      const result = await anonymized(report, unitCode, cleanRescan);
      const client = createDefaultTallyClient(tallyDir, tallyUrl);
      // On disk before any network: an offline machine sends it at the next attempt.
      await client.enqueue(result);
      return { submissionId: result.submissionId, ...(await client.flush()) };
    },
    tallyUnits: (tallyUrl) => fetchUnits(tallyUrl, createProxiedFetch(env)),
    huntSummarySend: (tallyUrl, summary) => sendHuntSummary(tallyUrl, summary, createProxiedFetch(env)),
    newCleanupSession() {
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
        readFile: (p) => readFile(p),
        already: report.findings,
        feedKmsHosts: currentLoad().kmsHosts ?? [],
      });
      onProgress({ step: 'done', fraction: 1 });
      // `recent` and `blocked` come from the scan engine; "not activated" joins as notices.
      return {
        ...mergeFindings(report, lic.findings),
        notices: [...(report.notices ?? []), ...lic.notices],
        warnings: [...report.warnings, ...lic.warnings],
      };
    },
    feedStatus: () => Promise.resolve(statusOf(store.active(), override)),
    async updateFeed(url) {
      const result = await store.update(url === undefined ? {} : { url });
      return updateOf(result, statusOf(store.active(), override));
    },
  };
}
