// The worker thread of huntInWorkers: wraps the index the main thread shared, reads its files,
// posts the result.
import { parentPort, workerData } from 'node:worker_threads';
import { IndicatorIndex } from '../../shared/indicators';
import { setProcessWording } from '../../shared/i18n';
import { huntFiles } from './hunt-files';
import type { WorkerJob, WorkerMessage } from './workers';

const job = workerData as WorkerJob;
setProcessWording(job.wording);
const post = (m: WorkerMessage): void => parentPort?.postMessage(m);
try {
  const index = IndicatorIndex.fromShared(job.index);
  let last = 0;
  const hunt = await huntFiles(index, job.files, {
    ...job.read,
    onProgress: (bytes, lines) => {
      // A few messages a second are enough for a progress bar.
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      post({ type: 'progress', bytes, lines });
    },
  });
  post({ type: 'done', partial: hunt.partial() });
} catch (e) {
  post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}
