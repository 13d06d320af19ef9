// Starts the hunt worker from TypeScript source (npm run hunt, tests): tsx's loader is per
// thread, so the worker registers it before importing the .ts module. Built bundles start
// hunt-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./hunt-worker.ts');
