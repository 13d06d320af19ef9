// The implementation of every invoke channel, shared by Electron's main process and the browser
// harness. What differs between the two (save dialog vs download, the browser, the clipboard) comes
// in as `PlatformGlue`; the domain work comes from the app services (services/app-services.ts).
import type { Connection, ScanReport } from '../../shared/domain';
import { createLogger, type Logger } from '../../shared/logger';
import { reportWithConnections } from '../../shared/processes/process-facts';
import { liveKey, withKnownProcesses } from '../../shared/scan/live-diff';
import { userError } from '../../shared/errors';
import { rowsToCsv, rowsToJson, toConnectionRows } from '../../shared/ipc/connection-rows';
import type { Emit, Handlers } from '../../shared/ipc/dispatch';
import type { PlatformGlue } from './platform-glue';
import type { AppServices } from '../app-services';
import type { SettingsStore } from '../settings/settings-store';
import { createCaptureHandlers } from './captures-handlers';
import type { LastCheckStore } from '../scan/last-check';
import { decideVerdict } from '../../shared/scan/verdict';
import { createCleanupHandlers } from './cleanup-handlers';
import { createHuntHandlers } from './hunt-handlers';
import { createTallyHandlers } from './tally-handlers';
import { externalHosts, isAllowedExternal } from './external';

// The host's part lives in its own module, so the domain handlers can use it without importing this table.
export type { PlatformGlue } from './platform-glue';

export interface HandlerDeps {
  version: string;
  platform: string;
  services: AppServices;
  settings: SettingsStore;
  glue: PlatformGlue;
  emit: Emit;
  /** The last check's time and headline on disk (home status); without it, only this run's scan. */
  lastCheck?: LastCheckStore;
  /** Clock for export file names (tests pass a fixed one). */
  now?: () => Date;
  /** IANA zone of the evidence report's times and file name (default: this machine's; tests fix it). */
  timeZone?: string;
}

const log = createLogger('processes');

const stamp = (d: Date) => d.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

/** Builds the handler table; keeps the last scan in memory so details and export use the same data. */
export function createHandlers(deps: HandlerDeps): Handlers {
  let last: ScanReport | null = null;
  let running: Promise<ScanReport> | null = null;
  const now = deps.now ?? (() => new Date());
  const cleanup = createCleanupHandlers({
    newSession: (onLog) => deps.services.newCleanupSession(onLog),
    ...(deps.services.cleanupLog ? { durableLog: deps.services.cleanupLog } : {}),
    glue: deps.glue,
    lastReport: () => last,
    version: deps.version,
    now,
    emit: deps.emit,
    ...(deps.services.machine ? { machine: deps.services.machine.bind(deps.services) } : {}),
    ...(deps.timeZone ? { timeZone: deps.timeZone } : {}),
  });

  /**
   * After the verdict: paths, parents and disguise flags of the pending rows, pushed to the page and
   * kept in the last report (export, evidence report). A failure leaves the rows without the
   * pending mark, logged, so the table never says "reading…" forever.
   */
  const fillProcesses = (report: ScanReport): void => {
    const service = deps.services.processes;
    if (!service || !report.connections.some((c) => c.pathStatus === 'pending')) return;
    const settle = (connections: Connection[]) => {
      if (last?.scannedAt !== report.scannedAt) return; // a newer scan has replaced it
      last = reportWithConnections(last, connections);
      deps.emit('scan:processes', { scannedAt: report.scannedAt, connections: last.connections });
    };
    service.enrich(report.connections).then(settle, (e: unknown) => {
      log.warn('process paths unavailable', { error: e instanceof Error ? e.message : String(e) });
      settle(
        report.connections.map(({ pathStatus, ...c }) =>
          pathStatus === 'pending' ? c : { ...c, pathStatus },
        ),
      );
    });
  };

  const needReport = (): ScanReport => {
    if (last) return last;
    throw userError('msg.app.noScanToExport', { hint: 'msg.app.pressCheckFirst' });
  };

  const hunt = createHuntHandlers({
    language: async () => ((await deps.settings.get()).language === 'en' ? 'en' : 'vi'),
    indicators: () =>
      deps.services.huntIndicators
        ? deps.services.huntIndicators()
        : Promise.reject(userError('msg.hunt.noIndicators')),
    glue: deps.glue,
    emit: deps.emit,
    now,
    summaryTarget: async () => {
      const [{ unitCode, tallyUrl }, feed] = await Promise.all([
        deps.settings.get(),
        deps.services.feedStatus(),
      ]);
      return { campaignId: feed.campaign.id, sample: feed.campaign.sample, unitCode, tallyUrl };
    },
    sendSummary: async (tallyUrl, summary) => {
      if (!deps.services.huntSummarySend) throw userError('msg.hunt.cannotSendBuild');
      const { unitToken } = await deps.settings.get();
      return deps.services.huntSummarySend(tallyUrl, summary, unitToken || null);
    },
  });

  return {
    ...cleanup.handlers,
    ...hunt,
    ...createCaptureHandlers({
      ...(deps.services.saveCaptures ? { save: (p) => deps.services.saveCaptures!(p) } : {}),
      emit: deps.emit,
    }),
    ...createTallyHandlers(deps),
    'app:info': () => ({ version: deps.version, platform: deps.platform, runtime: deps.glue.runtime }),
    'app:open-official': async ({ target }) => {
      const { campaign } = await deps.services.feedStatus();
      const url = target === 'cleanup-tool' ? campaign.cleanupToolUrl : campaign.infoUrl;
      if (!isAllowedExternal(url, externalHosts(campaign)))
        throw userError('msg.app.addressNotAllowed', {
          params: { url },
          hint: 'msg.app.addressNotAllowedHint',
        });
      return { opened: await deps.glue.openInBrowser(url), url };
    },
    'app:copy-text': async ({ text }) => ({ copied: await deps.glue.copyText(text) }),
    'scan:run': () => {
      // A second press while a scan runs joins it instead of starting another netstat.
      running ??= deps.settings
        .get()
        .then(({ agencyKmsHosts }) =>
          deps.services.scan({
            onProgress: (p) => deps.emit('scan:progress', p),
            agencyKmsHosts: agencyKmsHosts ?? [],
          }),
        )
        .then(async (report) => {
          last = report;
          fillProcesses(report);
          // "Last checked" changes after every check, and survives a restart.
          const checked = { checkedAt: report.scannedAt, state: decideVerdict(report).state };
          await deps.lastCheck
            ?.set(checked)
            .catch((e: unknown) => log.warn('last check not saved', { error: String(e) }));
          deps.emit('scan:checked', checked);
          return report;
        })
        .finally(() => (running = null));
      return running;
    },
    'scan:file-info': async ({ paths }) => ({
      files: deps.services.processes ? await deps.services.processes.fileInfo(paths) : {},
    }),
    'scan:last': () => last,
    'scan:snapshot': async () => {
      if (!deps.services.snapshot)
        throw userError('msg.app.noLiveWatch', { hint: 'msg.app.pressCheckAgain' });
      const snap = await deps.services.snapshot();
      // Names and paths the last scan (and its Windows path query) found, by pid.
      const connections = withKnownProcesses(snap.connections, last?.connections ?? []);
      const known = new Map(connections.map((c) => [liveKey(c), c]));
      return {
        takenAt: snap.takenAt,
        connections,
        findings: snap.findings.map((f) =>
          f.connection ? { ...f, connection: known.get(liveKey(f.connection)) ?? f.connection } : f,
        ),
      };
    },
    'scan:last-check': async () =>
      (await deps.lastCheck?.get()) ??
      (last ? { checkedAt: last.scannedAt, state: decideVerdict(last).state } : null),
    'app:contacts': async () => {
      const [{ itContact }, feed] = await Promise.all([deps.settings.get(), deps.services.feedStatus()]);
      const deployed = itContact ? null : ((await deps.services.deployedItContact?.()) ?? null);
      return {
        authority: feed.contacts?.authority ?? null,
        province: feed.contacts?.province ?? null,
        it: itContact ?? deployed,
        itFrom: itContact ? 'settings' : deployed ? 'installer' : null,
      };
    },
    'feed:status': () => deps.services.feedStatus(),
    'feed:update': async () => {
      const { feedUrl } = await deps.settings.get();
      const update = await deps.services.updateFeed(feedUrl === '' ? undefined : feedUrl);
      // Every open page hears of it, including an update that main started on its own.
      deps.emit('feed:changed', update.status);
      return update;
    },
    'settings:get': () => deps.settings.get(),
    'settings:set': (patch) => deps.settings.set(patch),
    'tally:preview': async () => {
      const { unitCode, tallyUrl } = await deps.settings.get();
      if (!last) return { result: null, missing: 'scan', pending: 0 };
      if (unitCode === '') return { result: null, missing: 'unit', pending: 0 };
      return {
        ...(await deps.services.tallyPreview(last, unitCode, tallyUrl, cleanup.cleanRescan(last))),
        missing: null,
      };
    },
    'tally:send': async () => {
      const { unitCode, tallyUrl, sendResults, unitToken } = await deps.settings.get();
      // Consent is checked here, in main, not only by a disabled button in the page.
      if (!sendResults) throw userError('msg.tally.noConsent', { hint: 'msg.tally.noConsentHint' });
      if (tallyUrl === '' || unitCode === '')
        throw userError('msg.tally.missingAddressOrUnit', { hint: 'msg.tally.fillBoth' });
      return deps.services.tallySend(
        needReport(),
        unitCode,
        tallyUrl,
        cleanup.cleanRescan(last),
        unitToken ?? null,
      );
    },
    'tally:units': async () => {
      const { tallyUrl } = await deps.settings.get();
      if (tallyUrl === '') throw userError('msg.tally.noAddress', { hint: 'msg.tally.fillAddress' });
      return deps.services.tallyUnits(tallyUrl);
    },
    'export:connections': async ({ format }) => {
      const report = needReport();
      const language = (await deps.settings.get()).language === 'en' ? 'en' : 'vi';
      const rows = toConnectionRows(report);
      const base = `sachmadoc-connections-${stamp(now())}`;
      return deps.glue.saveExport(
        format === 'csv'
          ? {
              fileName: `${base}.csv`,
              mimeType: 'text/csv;charset=utf-8',
              content: rowsToCsv(rows, language),
            }
          : {
              fileName: `${base}.json`,
              mimeType: 'application/json',
              content: rowsToJson(rows, report.scannedAt),
            },
      );
    },
  };
}

/**
 * Checks for a newer signed campaign feed once at start-up, in the background: the app opens at
 * once on the cached or bundled feed, and the page is told through `feed:changed`.
 */
export function updateFeedAtStart(handlers: Handlers, log: Logger): void {
  Promise.resolve(handlers['feed:update']({}))
    .then((update) => log.info('feed checked at start', { outcome: update.outcome }))
    .catch((error: unknown) => log.warn('feed check at start failed', { error: String(error) }));
}
