// The blocklists page of the tally dashboard in Chromium: before a publish it says so; with a
// published feed it lists every export URL with its Vietnamese guide, each URL answers with the
// file a device loads, and the page passes axe. Screenshot: test-results/screenshots/.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTallyProcess, stopTallyProcess, type ServerProcess } from '../../support/tally/server-process';

// The agency feed of the unit tests (test/support/export/export-kit.ts writes the same document),
// signed with the TEST-ONLY key that matches assets/keys/agency-2026.pub.
const FEED = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/export/agency-feed.json');
const FORMATS = 14;

let server: ServerProcess;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tally-exports-e2e-'));
  server = await startTallyProcess({ TALLY_DATA_DIR: dataDir, TALLY_ADMIN_TOKEN: 'e2e-exports-token' });
});

test.afterAll(async () => {
  await stopTallyProcess(server);
  rmSync(dataDir, { recursive: true, force: true });
});

test('the blocklists page lists each product URL with its guide, linked from the dashboard', async ({
  page,
}) => {
  await page.goto(`${server.url}/dashboard/`);
  await page.getByRole('link', { name: /Danh sách chặn/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Sạch Mã Độc — Danh sách chặn cho thiết bị mạng',
  );
  await expect(page.getByRole('alert')).toContainText(
    'Chưa công bố danh sách địa chỉ độc hại của chiến dịch',
  );

  mkdirSync(join(dataDir, 'feed'), { recursive: true });
  copyFileSync(FEED, join(dataDir, 'feed', 'latest.json'));
  copyFileSync(`${FEED}.sig`, join(dataDir, 'feed', 'latest.json.sig'));
  await page.reload();
  await expect(
    page.getByText(
      /Danh sách địa chỉ độc hại đang công bố: chiến dịch cd-2026-hn, phiên bản 12, phát hành 30\/11\/2026/,
    ),
  ).toBeVisible();
  for (const g of ['Máy chủ DNS', 'Tường lửa', 'Cảm biến và chia sẻ'])
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(g) })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(FORMATS);
  const forti = page.getByRole('article', { name: 'FortiGate (IP Address threat feed)' });
  await expect(forti.getByText(`${server.url}/feed/export/fortigate-ip`, { exact: true })).toBeVisible();
  await expect(forti).toContainText('Security Fabric > External Connectors > Threat Feeds > IP Address');
  await expect(page.getByRole('article', { name: 'Suricata' })).toContainText(
    `${server.url}/feed/export/suricata/sachmadoc-iprep.list`,
  );
  await page.screenshot({ path: 'test-results/screenshots/tally-exports-vi.png', fullPage: true });

  const res = await page.request.get(`${server.url}/feed/export/fortigate-ip`);
  expect(res.status()).toBe(200);
  expect(await res.text()).toMatch(/^# Sach Ma Doc - FortiGate external threat feed \(ip\)/);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
