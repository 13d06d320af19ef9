// The tally client wired with node-fetch (through the corporate proxy), the real clock and timers:
// what main.ts uses.
import { createProxiedFetch } from '../proxied-fetch';
import { setTimeout as delay } from 'node:timers/promises';
import { createTallyClient, type TallyClient } from './client';

export {
  createTallyClient,
  type FetchLike,
  type FlushSummary,
  type TallyClient,
  type TallyClientDeps,
} from './client';
export { getInstallId } from './install-id';

/** A tally client for production: node-fetch via HTTPS_PROXY/NO_PROXY, wall clock, real sleeps. */
export function createDefaultTallyClient(dir: string, endpoint: string): TallyClient {
  return createTallyClient({
    dir,
    endpoint,
    fetch: createProxiedFetch(),
    clock: () => new Date(),
    sleep: (ms) => delay(ms),
  });
}
export { fetchUnits } from './units';
export { sendHuntSummary, type HuntSummarySent } from './hunt-summary';
