// A hosts sign on the cracked-software screen and in the guided cleanup, in Chromium with the real
// stylesheet: its evidence is one line per blocked hosts line. This machine's hosts file blocks no
// vendor, so the real scan's report is passed through with the sign the licensing rules make of
// realdata 13's Adobe block added, as a Windows machine with that crack would report it.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { ScanReport } from '../../../shared/domain';
import { activationBlockFindings } from '../../../shared/licensing/hosts-activation';
import { loadBundledSignatures } from '../../../shared/licensing/signatures';
import { parseHostsFile } from '../../../shared/parsers/hosts-file';
import { startHarness } from './harness';
import type { Harness } from './harness';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const json = (path: string): unknown => JSON.parse(read(path));
const { activationHosts } = loadBundledSignatures(
  json('assets/signatures/crack-tools.json'),
  json('assets/signatures/activation-hosts.json'),
);
const hostsText = read('test/fixtures/licensing/hosts-adobe-crack.txt');
const [sign] = activationBlockFindings(
  parseHostsFile(hostsText, 'C:\\Windows\\System32\\drivers\\etc\\hosts').records,
  activationHosts,
);
const blocked = hostsText.split('\n').filter((l) => /^(127\.0\.0\.1|0\.0\.0\.0) /.test(l));

let h: Harness;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  h = await startHarness();
});
test.afterAll(async () => {
  await h?.stop();
});

test('a 27-line Adobe hosts block is one sign whose evidence shows its lines as lines', async ({ page }) => {
  expect(blocked).toHaveLength(27);
  await page.route(
    (url) => url.pathname === '/ipc/scan%3Arun',
    async (route) => {
      const real = await route.fetch();
      const body = (await real.json()) as { ok: boolean; value: ScanReport };
      expect(body.ok).toBe(true);
      body.value.findings.push(sign);
      await route.fulfill({ response: real, json: body });
    },
  );
  await page.setViewportSize({ width: 1366, height: 860 });
  await page.goto(h.url);
  const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });
  await nav('Tự kiểm tra').click();
  await page.getByRole('button', { name: 'Kiểm tra ngay', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Xem chi tiết' })).toBeVisible({ timeout: 30_000 });

  await nav('Phần mềm bẻ khóa').click();
  const signs = page.locator('ul.signs > li');
  await expect(signs).toHaveCount(1);
  await expect(signs).toContainText('27 dòng trong tệp hosts chặn máy chủ kích hoạt của Adobe');
  await expect(signs).toContainText('xóa cả 27 dòng này khỏi tệp hosts');
  const evidence = signs.locator('code.evidence');
  // innerText follows the rendering: with collapsed white space the 27 lines would be one.
  expect((await evidence.innerText()).split('\n')).toEqual(blocked);
  const lineHeight = await evidence.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  expect((await evidence.boundingBox())!.height).toBeGreaterThanOrEqual(27 * lineHeight);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  await page
    .getByRole('button', { name: 'Gỡ các dòng chặn kích hoạt Adobe trong tệp hosts (có hướng dẫn)' })
    .click();
  await expect(page.getByText('Dấu hiệu phần mềm bẻ khóa: Adobe')).toBeVisible();
  expect((await page.locator('code.evidence').innerText()).split('\n')).toEqual(blocked);
});
