// window.api in the browser harness against the contract, with the assertions the Electron spec runs
// on Windows (window-api.ts): a group or channel added to the contract and missed there fails here.
import { expect, test } from '@playwright/test';
import { startHarness } from './harness';
import type { Harness } from './harness';
import { expectContractApi, expectedApi } from './window-api';

let h: Harness;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  h = await startHarness({ connect: false, feed: 'bundled' });
});
test.afterAll(async () => {
  await h?.stop();
});

test('window.api is frozen and has exactly the contract’s groups and channels', async ({ page }) => {
  // The contract today: nine groups, each with its invoke calls and on… subscriptions.
  expect(Object.keys(expectedApi())).toEqual([
    'app',
    'captures',
    'cleanup',
    'export',
    'feed',
    'hunt',
    'scan',
    'settings',
    'tally',
  ]);
  expect(expectedApi().scan).toEqual(expect.arrayContaining(['run', 'last', 'onProgress']));
  await page.goto(h.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectContractApi(page);
});
