// What window.api must look like in any page of the app, derived from the IPC contract: the Electron
// spec (test/electron/app.spec.ts, Windows CI) and the harness spec (window-api.spec.ts, here) run the
// same assertions, so an expectation that goes stale fails on Linux first, not on Windows.
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { apiPath } from '../../../shared/ipc/api';
import { channels } from '../../../shared/ipc/contract';

/** The api groups (`scan`, `feed`…) and each group's sorted keys, as the contract's table makes them. */
export function expectedApi(): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const channel of channels) {
    const [domain, key] = apiPath(channel);
    (groups[domain] ??= []).push(key);
  }
  return Object.fromEntries(
    Object.entries(groups)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([d, keys]) => [d, keys.sort()]),
  );
}

/** Asserts the page's window.api: frozen, exactly the contract's groups and keys, no Node in the page. */
export async function expectContractApi(page: Page): Promise<void> {
  const seen = await page.evaluate(() => {
    const api = (window as unknown as { api?: Record<string, Record<string, unknown>> }).api ?? {};
    return {
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      frozen: Object.isFrozen(api) && Object.values(api).every((g) => Object.isFrozen(g)),
      groups: Object.fromEntries(
        Object.keys(api)
          .sort((a, b) => a.localeCompare(b))
          .map((d) => [d, Object.keys(api[d]).sort()]),
      ),
      functions: Object.values(api).every((g) => Object.values(g).every((f) => typeof f === 'function')),
    };
  });
  expect(seen).toEqual({
    require: 'undefined',
    process: 'undefined',
    frozen: true,
    groups: expectedApi(),
    functions: true,
  });
}
