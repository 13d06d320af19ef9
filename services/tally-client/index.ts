// The tally client wired with node-fetch (through the corporate proxy), the real clock and timers:
// what main.ts uses.
import { createProxiedFetch } from '../http-fetch';
import type { HttpFetch } from '../http-fetch';
import { setTimeout as delay } from 'node:timers/promises';
import { createTallyClient, type TallyClient } from './client';

export { type TallyClient } from './client';
export { getInstallId } from './install-id';
export { createRetryLoop, timerSchedule, type RetryLoop } from './retry-loop';

/** A tally client for production: `fetch` (default node-fetch via HTTPS_PROXY/NO_PROXY), wall clock, real sleeps. */
export function createDefaultTallyClient(
  dir: string,
  endpoint: string,
  unitToken: string | null | (() => string | null) = null,
  fetch: HttpFetch = createProxiedFetch(),
): TallyClient {
  return createTallyClient({
    dir,
    endpoint,
    unitToken,
    fetch,
    clock: () => new Date(),
    sleep: (ms) => delay(ms),
  });
}
export { fetchUnits } from './units';
