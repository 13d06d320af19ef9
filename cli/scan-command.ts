// `sachmadoc scan`: the live machine, or captures saved on another PC (IT staff collect netstat,
// tasklist, DNS cache and hosts files from many machines). Exit status: 0 no finding, 1 findings,
// 2 error, with one line on stderr that says what, where and what to do.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ParseIssue, ScanReport } from '../shared/domain';
import { UserError, userError } from '../shared/errors';
import { bilingual, translate } from '../shared/i18n';
import { usageText } from './usage';
import { reportFailure, usage, UsageError, warningLine } from './command-errors';
import { createExecFileRunner } from '../services/command-runner';
import type { CommandRunner } from '../services/command-runner';
import { loadActiveFeedIndicators } from '../services/scan/default-feed';
import { indexIndicators, loadFeedFiles } from '../services/scan/indicators';
import type { IndicatorLoad } from '../services/scan/indicators';
import { createScanService } from '../services/scan/scan-service';
import type { ConnectionLister, ScanDeps } from '../services/scan/types';
import { liveScanDeps } from '../services/scan/live-deps';
import type { SpawnFn } from '../services/processes/powershell-host';
import { startLiveProcessFacts, type LiveProcessFacts } from '../services/processes/live-process-facts';
import type { FileReader } from '../services/scan/sources';
import { decodeCommandOutput } from '../services/text-decode';
import { readInputFile } from '../node-shared/input-file';
import { createLicensingSource } from '../services/licensing/scan-source';
import { hasLicensingCaptures, LICENSING_OPTIONS, licensingRequested } from './licensing-options';
import type { CliIo } from './io';
import { loadScanCaptures } from './scan-captures';
import { scanCaptures } from './captures-command';
import { formatReportTable } from './table';

/** `sachmadoc scan --help`, with the licensing options in the same language. */
const scanUsage = (): string =>
  usageText('msg.cli.usage.scan', (l) => ({ licensing: translate(l, 'msg.cli.usage.licensing') }));

/** Options of `scan`; extensions (e.g. --licensing) add theirs here. */
const OPTIONS = {
  feed: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  watch: { type: 'string' },
  netstat: { type: 'string' },
  tasklist: { type: 'string' },
  'tasklist-svc': { type: 'string' },
  processes: { type: 'string' },
  'dns-cache': { type: 'string' },
  hosts: { type: 'string' },
  'code-page': { type: 'string' },
  captures: { type: 'string' },
  csv: { type: 'string' },
  html: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...LICENSING_OPTIONS,
} as const;

/** What the command reads from the outside world; tests replace any of it. */
export interface ScanCommandDeps {
  readFile?: FileReader;
  runner?: CommandRunner;
  platform?: NodeJS.Platform;
  /** Live connection listing (default: the connections service over `runner`). */
  connections?: ConnectionLister;
  /** Indicators when no --feed is given (default: the active verified campaign feed). */
  defaultIndicators?: () => Promise<IndicatorLoad>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Ends a --watch early (Ctrl+C); the report covers what was seen. */
  signal?: AbortSignal;
  /**
   * Starts the Windows process host of a live scan (default: powershell.exe by its System32 path);
   * tests give a child that speaks the same line protocol.
   */
  processHostSpawn?: SpawnFn;
  /** Limit of the one process-table query, PowerShell's start included (default 20 s). */
  processHostTimeoutMs?: number;
  /** After this long without the process table, say on stderr what the command waits for (2 s). */
  processHostSlowNoticeMs?: number;
}

const MAX_WARNING_LINES = 50;

/** Prints warnings as "file:line: message", bounded so a broken feed cannot flood the terminal. */
function printWarnings(io: CliIo, warnings: ParseIssue[], json: boolean): void {
  for (const w of warnings.slice(0, MAX_WARNING_LINES))
    io.stderr(warningLine(`${w.file}${w.line > 0 ? `:${w.line}` : ''}: ${w.message}`));
  if (warnings.length > MAX_WARNING_LINES) {
    const count = warnings.length - MAX_WARNING_LINES;
    const more = json ? 'msg.cli.scan.moreWarnings' : 'msg.cli.scan.moreWarningsTable';
    io.stderr(warningLine(bilingual(more, { count })));
  }
}

/** Runs `sachmadoc scan ARGS`; returns the exit status. */
export async function runScanCommand(argv: string[], io: CliIo, deps: ScanCommandDeps = {}): Promise<number> {
  try {
    return await scan(argv, io, deps);
  } catch (e) {
    return reportFailure(io, 'sachmadoc scan', e);
  }
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError(`${bilingual('msg.cli.invalidArguments')}: ${(e as Error).message}`);
  }
}

async function scan(argv: string[], io: CliIo, deps: ScanCommandDeps): Promise<number> {
  const opts = parse(argv);
  if (opts.help) {
    io.stdout(scanUsage());
    return 0;
  }
  if (opts.captures !== undefined)
    return scanCaptures(
      {
        dir: opts.captures,
        feeds: opts.feed ?? [],
        kmsHosts: opts['kms-host'] ?? [],
        json: opts.json === true,
        csv: opts.csv,
        html: opts.html,
        scan: (argv, subIo) => runScanCommand(argv, subIo, deps),
      },
      io,
    );
  if (opts.csv !== undefined || opts.html !== undefined) throw usage('', 'msg.cli.scan.csvNeedsCaptures');
  // Regular files only, with a cap per kind (input-file.ts): a FIFO, a device or a 300 MB file is
  // refused before a byte is read.
  const readAbsolute: FileReader = deps.readFile ?? ((p) => readInputFile(p, 'capture'));
  const readFeedFile: FileReader = (p) =>
    deps.readFile ? deps.readFile(path(p)) : readInputFile(path(p), 'feed');
  const platform = deps.platform ?? process.platform;
  const path = (p: string): string => resolve(io.cwd, p);
  // Paths stay as the person typed them in messages; only reading resolves them against cwd.
  const readFile: FileReader = (p) => readAbsolute(path(p));

  let codePage: number | undefined;
  if (opts['code-page'] !== undefined) {
    codePage = Number(opts['code-page']);
    try {
      if (!Number.isInteger(codePage)) throw new RangeError(bilingual('msg.cli.scan.codePageNumber'));
      decodeCommandOutput(new Uint8Array(), { codePage });
    } catch (e) {
      const hint = e instanceof UserError ? e.hint : undefined;
      throw new UsageError(`--code-page ${opts['code-page']}: ${(e as Error).message}`, hint);
    }
  }
  let watchSeconds: number | undefined;
  if (opts.watch !== undefined) {
    watchSeconds = Number(opts.watch);
    if (!Number.isFinite(watchSeconds) || watchSeconds <= 0 || watchSeconds > 86_400)
      throw usage(`--watch ${opts.watch}`, 'msg.cli.scan.badWatch');
  }
  const captureMode =
    [opts.netstat, opts.tasklist, opts['tasklist-svc'], opts.processes, opts['dns-cache'], opts.hosts].some(
      (v) => v !== undefined,
    ) || hasLicensingCaptures(opts);
  if (
    (opts.tasklist !== undefined || opts['tasklist-svc'] !== undefined || opts.processes !== undefined) &&
    opts.netstat === undefined
  )
    throw usage('', 'msg.cli.scan.needNetstat');
  if (captureMode && watchSeconds !== undefined) throw usage('', 'msg.cli.scan.watchNotCaptures');

  const readCapture = async (flag: string, p: string): Promise<Uint8Array> => {
    try {
      return await readFile(p);
    } catch (e) {
      if (e instanceof UserError) throw e;
      const code = (e as { code?: unknown }).code;
      throw userError('msg.cli.cannotRead', {
        params: { flag, path: path(p), code: typeof code === 'string' ? code : String(e) },
        hint: 'msg.cli.checkPath',
      });
    }
  };

  const feedPaths = opts.feed ?? [];
  const load =
    feedPaths.length > 0
      ? () => loadFeedFiles(feedPaths, readFeedFile)
      : (deps.defaultIndicators ?? (() => loadActiveFeedIndicators(io.env)));
  const indicators: ScanDeps['indicators'] = async () => indexIndicators(await load());

  let scanDeps: ScanDeps;
  // Live on Windows: paths, parents and command lines come from one Win32_Process query, asked
  // after the scan; PowerShell starts now so its start overlaps netstat and tasklist.
  let processFacts: LiveProcessFacts | null = null;
  if (captureMode) {
    const sources = await loadScanCaptures(
      {
        netstat: opts.netstat,
        tasklist: opts.tasklist,
        tasklistSvc: opts['tasklist-svc'],
        processes: opts.processes,
        dnsCache: opts['dns-cache'],
        hosts: opts.hosts,
      },
      readCapture,
      codePage,
    );
    scanDeps = { ...sources, indicators };
  } else {
    const live = liveScanDeps({
      runner: deps.runner ?? createExecFileRunner(),
      platform,
      env: io.env,
      readFile: readAbsolute,
      ...(codePage !== undefined ? { codePage } : {}),
    });
    scanDeps = { ...live, indicators, ...(deps.connections ? { connections: deps.connections } : {}) };
    processFacts = startLiveProcessFacts({
      platform,
      env: io.env,
      ...(deps.processHostSpawn ? { spawn: deps.processHostSpawn } : {}),
      ...(deps.processHostTimeoutMs !== undefined ? { timeoutMs: deps.processHostTimeoutMs } : {}),
      ...(deps.processHostSlowNoticeMs !== undefined ? { slowNoticeMs: deps.processHostSlowNoticeMs } : {}),
      onSlow: () => io.stderr(`${bilingual('msg.cli.scan.readingPaths')}\n`),
    });
  }
  // The licensing checks (issue 6) are one more source of the same pipeline.
  if (licensingRequested(opts))
    scanDeps.licensing = createLicensingSource({
      ...(captureMode
        ? {
            captures: {
              slmgr: opts.slmgr,
              installed: opts.installed,
              tasks: opts.tasks,
              services: opts.services,
              ...(opts.hosts !== undefined ? { hosts: opts.hosts } : {}),
            },
          }
        : {}),
      agencyKmsHosts: opts['kms-host'] ?? [],
      runner: deps.runner ?? createExecFileRunner(),
      platform,
      env: io.env,
      readFile,
      ...(codePage !== undefined ? { codePage } : {}),
    });
  if (deps.now) scanDeps.now = deps.now;
  if (deps.sleep) scanDeps.sleep = deps.sleep;
  const service = createScanService(scanDeps);

  let report: ScanReport;
  try {
    if (watchSeconds !== undefined) {
      io.stderr(`${bilingual('msg.cli.scan.watching', { seconds: watchSeconds })}\n`);
      const watched = await service.watch(watchSeconds, {
        ...(deps.signal ? { signal: deps.signal } : {}),
        onSample: (s) => {
          if (s.sample === 1) io.stderr(`${bilingual('msg.cli.scan.sampling', { count: s.added.length })}\n`);
          for (const f of s.findings)
            io.stderr(
              `!! ${s.at} ${f.connection?.protocol ?? ''} ${f.connection?.remoteAddress ?? ''}:${f.connection?.remotePort ?? ''} pid ${f.connection?.pid ?? '-'} ${f.connection?.processName ?? ''} → ${f.indicator}\n`,
            );
        },
      });
      report = watched;
      if (watched.watch.stoppedEarly)
        io.stderr(
          `${bilingual('msg.cli.scan.stoppedEarly', { seconds: watched.watch.seconds, requested: watchSeconds })}\n`,
        );
    } else {
      report = await service.scan();
    }
    if (processFacts) report = await processFacts.fill(report);
  } finally {
    // A scan that failed must not leave PowerShell running (fill closes it otherwise).
    processFacts?.close();
  }
  printWarnings(io, report.warnings, opts.json === true);
  if (report.feeds.every((f) => f.indicators === 0))
    io.stderr(warningLine(bilingual('msg.cli.scan.noIndicators')));
  io.stdout(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReportTable(report));
  return report.findings.length > 0 ? 1 : 0;
}
