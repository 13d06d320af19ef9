// The desktop app's renderer in Chromium, against the real services through the harness bridge.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { harnessForSpec, nav } from '../../support/e2e/app-spec';
import { CAMPAIGN_ADDRESS } from './harness';

const h = harnessForSpec();

async function check(page: Page, buttonName: string) {
  await page.getByRole('button', { name: buttonName, exact: true }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /PID|kết nối|connection/ })
      .first(),
  ).toBeVisible({
    timeout: 30_000,
  });
}

test('campaign → check → the real flagged connection with its pid and program → details → export', async ({
  page,
}) => {
  await page.goto(h.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chiến dịch thử nghiệm E2E');
  await expect(page.getByText('Theo Công văn số 1298/CATTT-NCSC')).toBeVisible();

  await nav(page, 'Tự kiểm tra').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await check(page, 'Kiểm tra ngay');
  await expect(page.getByText(/Phát hiện \d+ kết nối tới địa chỉ độc hại của Chiến dịch/)).toBeVisible();
  const line = `node (PID ${h.childPid}) → ${CAMPAIGN_ADDRESS}:${h.port}`;
  await expect(page.getByRole('listitem').filter({ hasText: line })).toBeVisible();

  await page.getByRole('button', { name: 'Xem chi tiết' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Chi tiết kết nối/ })).toBeVisible();
  const row = page
    .getByRole('row')
    .filter({ hasText: `${CAMPAIGN_ADDRESS}:${h.port}` })
    .filter({ hasText: String(h.childPid) });
  await expect(row).toContainText('Độc hại');
  await expect(row).toContainText('node');
  // Flagged rows come first: the first body row is a flagged one.
  await expect(page.getByRole('row').nth(1)).toContainText('Độc hại');

  await page.getByLabel(/Tìm kiếm/).fill(String(h.childPid));
  await expect(page.getByText(/Đang hiển thị \d+ \/ \d+ kết nối/)).toBeVisible();
  await expect(row).toBeVisible();

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^sachmadoc-connections-.*\.csv$/);
  const csvText = readFileSync(await csv.path(), 'utf8');
  // The Vietnamese app exports Vietnamese headers and yes/no words (issue 15).
  expect(csvText.split('\r\n')[0]).toBe(
    '\uFEFFCó trong danh sách độc hại,PID,Chương trình,Đường dẫn,Dịch vụ,Giao thức,Trạng thái,Địa chỉ cục bộ,Địa chỉ từ xa,Tên miền độc hại,Tên miền (DNS),Chỉ báo (IOC),Nguồn,Giả danh tệp hệ thống,Tiến trình cha,Dòng lệnh',
  );
  expect(csvText).toMatch(
    new RegExp(
      `có,${h.childPid},node,.*,${CAMPAIGN_ADDRESS.replace(/\./g, '\\.')}:${h.port},,,${CAMPAIGN_ADDRESS.replace(/\./g, '\\.')},test-feed\\.json`,
    ),
  );

  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất JSON' }).click(),
  ]);
  const parsed = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
    connections: { pid: number; flagged: boolean; remoteAddress: string; processName: string }[];
  };
  expect(parsed.connections).toContainEqual(
    expect.objectContaining({
      pid: h.childPid,
      flagged: true,
      remoteAddress: CAMPAIGN_ADDRESS,
      processName: 'node',
    }),
  );
});

test('the official cleanup tool page comes from the feed and is opened by main, never by the page', async ({
  page,
}) => {
  await page.goto(h.url);
  await nav(page, 'Công cụ hỗ trợ xử lý mã độc').click();
  await expect(
    page.getByText('Trang chính thức: https://khonggianmang.vn/chiendichmadoc2022#cong-cu'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Mở trang công cụ chính thức' }).click();
  // The harness has no desktop browser to hand the page to, so main answers opened:false and the URL.
  await expect(
    page.getByText(
      'Hãy mở địa chỉ này trong trình duyệt: https://khonggianmang.vn/chiendichmadoc2022#cong-cu',
    ),
  ).toBeVisible();
});

test('the anonymized result previews counts only, and sending stays off until consent', async ({ page }) => {
  await page.goto(h.url);
  await nav(page, 'Tự kiểm tra').click();
  await check(page, 'Kiểm tra ngay');
  await nav(page, 'Cài đặt').click();
  await expect(page.getByRole('checkbox', { name: /Đồng ý gửi kết quả ẩn danh/ })).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Gửi kết quả ngay' })).toBeDisabled();
  await page.getByLabel('Mã đơn vị của bạn').fill('SO-TTTT-E2E');
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByText('Đã lưu cài đặt.')).toBeVisible();
  await page.getByRole('button', { name: 'Xem trước dữ liệu sẽ gửi' }).click();
  const json = page.getByLabel('Xem trước dữ liệu sẽ gửi', { exact: true }).and(page.locator('pre'));
  await expect(json).toContainText('"unitCode": "SO-TTTT-E2E"');
  await expect(json).toContainText('"matchedIndicatorIds"');
  const text = await json.innerText();
  expect(JSON.parse(text)).toMatchObject({ campaignId: 'e2e-thu-nghiem', counts: { findings: { ip: 1 } } });
  for (const secret of [CAMPAIGN_ADDRESS, String(h.childPid), '/usr/bin/node', 'node'])
    expect(text, `the preview leaks ${secret}`).not.toContain(secret);
  await page.getByLabel('Mã đơn vị của bạn').fill('');
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
});

test('the language switch changes every screen to English and is remembered', async ({ page }) => {
  await page.goto(h.url);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // This PC was checked by the first test: the app opens on the home status, the campaign one click away.
  await nav(page, 'Campaign').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E2E test campaign');
  await nav(page, 'Self-check').click();
  await expect(page.getByRole('button', { name: 'Check now', exact: true })).toBeVisible();
  await page.reload();
  await expect(nav(page, 'Self-check')).toBeVisible();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(nav(page, 'Tự kiểm tra')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});

test('keyboard only: skip link, navigation, the check and its verdict', async ({ page }) => {
  await page.goto(h.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Bỏ qua, tới nội dung chính' })).toBeFocused();

  // Tab through the header and navigation to "Tự kiểm tra", at most 20 stops.
  const target = nav(page, 'Tự kiểm tra');
  for (let i = 0; i < 20 && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Tự kiểm tra máy tính này' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Kiểm tra ngay', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listitem').filter({ hasText: `(PID ${h.childPid})` })).toBeVisible({
    timeout: 30_000,
  });
  // Focus moves to the verdict's heading (issue 15), then on to its first action.
  await expect(page.getByRole('heading', { level: 2, name: 'Cần xử lý' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Xử lý có hướng dẫn' }).last()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Xem chi tiết' })).toBeFocused();
});

const screens: { vi: string; en: string; file: string }[] = [
  { vi: 'Chiến dịch', en: 'Campaign', file: 'campaign' },
  { vi: 'Phần mềm bẻ khóa', en: 'Cracked software', file: 'cracked' },
  { vi: 'Tự kiểm tra', en: 'Self-check', file: 'check' },
  { vi: 'Chi tiết (cán bộ CNTT)', en: 'Details (IT staff)', file: 'details' },
  { vi: 'Giám sát mạng (cán bộ CNTT)', en: 'Network monitoring (IT staff)', file: 'hunt' },
  { vi: 'Công cụ hỗ trợ xử lý mã độc', en: 'Malware cleanup tool', file: 'cleanup' },
  { vi: 'Cài đặt', en: 'Settings', file: 'settings' },
];

for (const lang of ['vi', 'en'] as const) {
  test(`axe: no serious or critical violations on any screen, with screenshots (${lang})`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 860 });
    await page.goto(h.url);
    await page.getByRole('button', { name: lang === 'vi' ? 'Tiếng Việt' : 'English' }).click();
    await nav(page, lang === 'vi' ? 'Tự kiểm tra' : 'Self-check').click();
    await check(page, lang === 'vi' ? 'Kiểm tra ngay' : 'Check now');
    for (const s of screens) {
      await nav(page, s[lang]).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      expect(bad, `${s.file} (${lang})`).toEqual([]);
      await page.screenshot({ path: `test-results/screenshots/${s.file}-${lang}.png`, fullPage: true });
    }
    if (lang === 'en') await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  });
}
