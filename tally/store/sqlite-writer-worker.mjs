// Worker entry: the writer is TypeScript, and a worker thread does not inherit the tsx loader of
// its parent on Node 20, so it registers tsx itself before loading the real module.
import { register } from 'tsx/esm/api';

register();
await import('./sqlite-writer-worker.ts');
