// Worker thread: one feed in (its bytes), every export format out (see export-generate.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { exportFailed } from './answer';
import { generateAll, transferList } from './export-generate';

const { bytes, file } = workerData as { bytes: Uint8Array; file: string };
let result;
try {
  result = generateAll(bytes, file);
} catch (e) {
  result = { state: 'invalid' as const, message: exportFailed(String(e)) };
}
parentPort?.postMessage(result, transferList(result));
