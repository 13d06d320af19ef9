// Worker entry: the generator is TypeScript, and a worker thread does not inherit the tsx loader of
// its parent on Node 20, so it registers tsx itself before loading the real module.
import { register } from 'tsx/esm/api';

register();
await import('./export-worker.ts');
