// The log hunt as one call for the CLI and the app: list the files, read them (in worker
// threads when there are several files and more than one worker is allowed), fold the partial
// results, word the report.
import type { ParseIssue } from '../../shared/domain';
import type { Hunt, HuntPartial } from '../../shared/logs/hunt';
import { buildReport } from '../../shared/logs/report';
import type { HuntReport } from '../../shared/logs/report';
import type { IndicatorLoad } from '../scan/indicators';
import { IndicatorIndex } from '../../shared/indicators';
import { listLogFiles } from './files';
import type { LogFileEntry } from './files';
import { huntFiles } from './hunt-files';
import type { HuntReadOptions } from './hunt-files';
import { huntInWorkers, workersAvailable } from './workers';

/** Everything a hunt needs. */
export interface HuntRequest extends Omit<HuntReadOptions, 'onProgress'> {
  paths: string[];
  indicators: IndicatorLoad;
  /** Worker threads to use for several files (1 = this thread only). */
  workers?: number;
  now?: () => number;
  onProgress?: (p: { bytes: number; totalBytes: number; lines: number; files: number }) => void;
}

/** Splits files into `n` groups of similar total size (largest first, into the lightest group). */
export function balance(files: readonly LogFileEntry[], n: number): LogFileEntry[][] {
  const groups: { size: number; files: LogFileEntry[] }[] = Array.from({ length: n }, () => ({
    size: 0,
    files: [],
  }));
  for (const f of [...files].sort((a, b) => b.size - a.size)) {
    const g = groups.reduce((min, x) => (x.size < min.size ? x : min));
    g.files.push(f);
    g.size += f.size;
  }
  return groups.filter((g) => g.files.length > 0).map((g) => g.files);
}

/** Runs a hunt and returns its report. */
export async function runHunt(req: HuntRequest): Promise<HuntReport> {
  const files = await listLogFiles(req.paths);
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const workers = workersAvailable() ? Math.max(1, Math.min(req.workers ?? 1, files.length)) : 1;
  const read: HuntReadOptions = {
    format: req.format,
    columns: req.columns,
    sinceMs: req.sinceMs,
    untilMs: req.untilMs,
    offsetMinutes: req.offsetMinutes,
    signal: req.signal,
  };
  let partial: HuntPartial;
  // One index, built here: the workers read it in shared memory.
  const index = IndicatorIndex.build(req.indicators.indicators, req.indicators.allow);
  if (workers > 1) {
    partial = await huntInWorkers(balance(files, workers), index, read, (bytes, lines) =>
      req.onProgress?.({ bytes, totalBytes, lines, files: files.length }),
    );
  } else {
    const hunt: Hunt = await huntFiles(index, files, {
      ...read,
      onProgress: (bytes, lines) => req.onProgress?.({ bytes, totalBytes, lines, files: files.length }),
    });
    partial = hunt.partial();
  }
  const feedWarnings: ParseIssue[] = req.indicators.warnings;
  return buildReport(partial, {
    nowMs: (req.now ?? Date.now)(),
    offsetMinutes: req.offsetMinutes,
    sinceMs: req.sinceMs,
    untilMs: req.untilMs,
    feeds: req.indicators.feeds,
    feedWarnings,
  });
}
