// Several files on several cores: one worker thread per group of files, all reading one index
// that this thread built and moved into shared memory (IndicatorIndex.share: typed arrays over
// SharedArrayBuffers, passed by reference in workerData; nothing rebuilt or copied per worker),
// the partial results folded in this thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IndicatorIndex, SharedIndexShape } from '../../shared/indicators';
import { Hunt } from '../../shared/logs/hunt';
import type { HuntPartial } from '../../shared/logs/hunt';
import { processWordingNow, type Wording } from '../../shared/i18n';
import type { LogFileEntry } from './files';
import type { HuntReadOptions } from './hunt-files';

/** What a worker is given. */
export interface WorkerJob {
  files: LogFileEntry[];
  /** The index in shared memory: every worker wraps the same tables. */
  index: SharedIndexShape;
  read: Omit<HuntReadOptions, 'signal' | 'onProgress'>;
  /** The language the command line speaks (`--lang`), so a worker's warnings are worded alike. */
  wording: Wording;
}

/** Messages a worker sends. */
export type WorkerMessage =
  | { type: 'progress'; bytes: number; lines: number }
  | { type: 'done'; partial: HuntPartial }
  | { type: 'error'; message: string };

/**
 * Where the worker's code is: run from TypeScript (tsx, vitest), a starter that registers tsx's
 * loader first; run from the CLI bundle (dist/cli/sachmadoc.mjs), the worker bundle built beside
 * it (scripts/build-cli.mjs). The app's CommonJS main bundle has no module URL and no worker
 * file: null, and the hunt reads its files in the main thread.
 */
function workerUrl(): URL | null {
  const here = (import.meta as { url?: unknown }).url;
  if (typeof here !== 'string') return null;
  if (here.endsWith('.ts')) return new URL('./hunt-worker-tsx.mjs', here);
  const bundled = new URL('./hunt-worker.mjs', here);
  return bundled.protocol === 'file:' && existsSync(fileURLToPath(bundled)) ? bundled : null;
}

/** True when worker threads can be started from here. */
export function workersAvailable(): boolean {
  return workerUrl() !== null;
}

/** Reads each group of files in its own worker thread; folds the results. */
export async function huntInWorkers(
  groups: LogFileEntry[][],
  index: IndicatorIndex,
  read: HuntReadOptions,
  onProgress?: (bytes: number, lines: number) => void,
): Promise<HuntPartial> {
  const url = workerUrl();
  if (url === null) throw new Error('hunt workers are not available in this build');
  const { signal, onProgress: _ignored, ...plain } = read;
  const progress = groups.map(() => ({ bytes: 0, lines: 0 }));
  const shared = index.share();
  const results = await Promise.all(
    groups.map(
      (files, i) =>
        new Promise<HuntPartial>((resolve, reject) => {
          const job: WorkerJob = { files, index: shared, read: plain, wording: processWordingNow() };
          const w = new Worker(url, { workerData: job });
          const stop = (): void => void w.terminate();
          signal?.addEventListener('abort', stop);
          w.on('message', (m: WorkerMessage) => {
            if (m.type === 'progress') {
              progress[i] = { bytes: m.bytes, lines: m.lines };
              onProgress?.(
                progress.reduce((n, p) => n + p.bytes, 0),
                progress.reduce((n, p) => n + p.lines, 0),
              );
            } else if (m.type === 'done') resolve(m.partial);
            else reject(new Error(m.message));
          });
          w.on('error', reject);
          w.on('exit', (code) => {
            signal?.removeEventListener('abort', stop);
            if (signal?.aborted)
              resolve({ devices: [], files: [], warnings: [], warningCount: 0, undated: 0 });
            else if (code !== 0) reject(new Error(`hunt worker exited with ${code}`));
          });
        }),
    ),
  );
  const first = results[0];
  const hunt = new Hunt({ matchAddress: () => null, matchDomain: () => null });
  hunt.merge(first);
  for (const r of results.slice(1)) hunt.merge(r);
  return hunt.partial();
}
