// Program paths, parents and command lines for ONE live scan of this Windows PC (the `sachmadoc
// scan` command line, issue 20). The app keeps one PowerShell for its whole life
// (powershell-host.ts); a command line run is short, so here the same host is started once per
// run, at the start of the scan, so that PowerShell's start (about a second) overlaps netstat and
// tasklist, asked once for Win32_Process AFTER the scan has listed the sockets (a PID read before
// netstat could belong to a process that ended since), then closed. Same full System32 path, same
// fixed arguments and constant script as the app: nothing from a capture or a feed reaches it.
//
// The verdict never depends on it: when PowerShell is missing, blocked, slow or answers nonsense,
// the report is the scan's own with one warning "paths unavailable" saying why and what to do.
import type { ParseIssue, ScanReport } from '../../shared/domain';
import type { Logger } from '../../shared/logger';
import { applyProcessFacts, reportWithConnections } from '../../shared/processes/process-facts';
import { createLineHost, hostArguments, powershellPath, type SpawnFn } from './powershell-host';
import { hostProcessSource } from './process-info-service';
import { bilingual } from '../../shared/i18n';

/** How long the one Win32_Process query may take, PowerShell's start included (a slow PC, cold). */
const LIVE_PROCESS_TIMEOUT_MS = 20_000;
/** After this long without the table, the person is told what the command is waiting for. */
const SLOW_NOTICE_MS = 2_000;

export interface LiveProcessFacts {
  /** The report with path, parent, command line and the disguise flag filled, or a warning why not. */
  fill(report: ScanReport): Promise<ScanReport>;
  /** Ends PowerShell (also done by fill); safe to call twice. */
  close(): void;
}

/**
 * Starts the process host for a live scan on Windows; null on other systems (Linux `ss -p` and
 * `lsof` already give paths). `spawn` is for tests: a child that speaks the same line protocol.
 */
export function startLiveProcessFacts(opts: {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  spawn?: SpawnFn;
  timeoutMs?: number;
  /**
   * Called once when the table has not come after `slowNoticeMs` (default 2 s) of waiting, so a
   * person knows why the result has not appeared yet (a cold PowerShell on a slow PC).
   */
  onSlow?: () => void;
  slowNoticeMs?: number;
  logger?: Logger;
}): LiveProcessFacts | null {
  if (opts.platform !== 'win32') return null;
  const systemRoot = opts.env.SystemRoot ?? opts.env.SYSTEMROOT ?? 'C:\\Windows';
  const file = powershellPath(systemRoot);
  const host = createLineHost({
    file,
    args: hostArguments(),
    timeoutMs: opts.timeoutMs ?? LIVE_PROCESS_TIMEOUT_MS,
    ...(opts.spawn ? { spawn: opts.spawn } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  host.start();
  const source = hostProcessSource(host);
  return {
    async fill(report) {
      const slow = opts.onSlow ? setTimeout(opts.onSlow, opts.slowNoticeMs ?? SLOW_NOTICE_MS) : undefined;
      try {
        const processes = await source.processes();
        const connections = applyProcessFacts(report.connections, processes, { windowsDir: systemRoot });
        return reportWithConnections(report, connections);
      } catch (e) {
        const reason = shortReason(e);
        opts.logger?.warn('program paths unavailable', { error: reason });
        return { ...report, warnings: [...report.warnings, pathsUnavailable(file, reason)] };
      } finally {
        clearTimeout(slow);
        host.close();
      }
    },
    close: () => host.close(),
  };
}

/** One line of why: PowerShell's own error text can run to many lines, a zod error to a page. */
function shortReason(e: unknown): string {
  if (e instanceof Error && e.name === 'ZodError') return 'PowerShell answered in an unexpected shape';
  const text = (e instanceof Error ? e.message : String(e)).split(/\r?\n/)[0].trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The warning when the table could not be read: what, why, that the verdict stands, what to do. */
function pathsUnavailable(file: string, reason: string): ParseIssue {
  return {
    file,
    line: 0,
    message: bilingual('msg.scan.pathsUnavailable', { reason }),
  };
}
