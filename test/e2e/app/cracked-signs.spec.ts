// A hosts sign on the cracked-software screen and in the guided cleanup, in Chromium with the real
// stylesheet: its evidence is one line per blocked hosts line. This machine's hosts file blocks no
// vendor, so the real scan's report is passed through with the sign the licensing rules make of
// realdata 13's Adobe block added, as a Windows machine with that crack would report it.
import { expect, test } from '@playwright/test';
import {
  ADOBE_HOSTS_TEXT,
  adobeHostsSign,
  axeClean,
  editScanReport,
  harnessForSpec,
  nav,
  startCheck,
} from '../../support/e2e/app-spec';

const sign = adobeHostsSign();
const blocked = ADOBE_HOSTS_TEXT.split('\n').filter((l) => /^(127\.0\.0\.1|0\.0\.0\.0) /.test(l));

const h = harnessForSpec();

test('a 27-line Adobe hosts block is one sign whose evidence shows its lines as lines', async ({ page }) => {
  expect(blocked).toHaveLength(27);
  await editScanReport(page, (report) => report.findings.push(sign));
  await page.setViewportSize({ width: 1366, height: 860 });
  await startCheck(page, h.url);
  await expect(page.getByRole('button', { name: 'Xem chi tiết' })).toBeVisible({ timeout: 30_000 });

  await nav(page, 'Phần mềm bẻ khóa').click();
  const signs = page.locator('ul.signs > li');
  await expect(signs).toHaveCount(1);
  await expect(signs).toContainText('27 dòng trong tệp hosts chặn máy chủ kích hoạt của Adobe');
  await expect(signs).toContainText('xóa cả 27 dòng này khỏi tệp hosts');
  const evidence = signs.locator('code.evidence');
  // innerText follows the rendering: with collapsed white space the 27 lines would be one.
  expect((await evidence.innerText()).split('\n')).toEqual(blocked);
  const lineHeight = await evidence.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  expect((await evidence.boundingBox())!.height).toBeGreaterThanOrEqual(27 * lineHeight);
  await axeClean(page, 'cracked software', 'serious');

  await page
    .getByRole('button', { name: 'Gỡ các dòng chặn kích hoạt Adobe trong tệp hosts (có hướng dẫn)' })
    .click();
  await expect(page.getByText('Dấu hiệu phần mềm bẻ khóa: Adobe')).toBeVisible();
  expect((await page.locator('code.evidence').innerText()).split('\n')).toEqual(blocked);
});
