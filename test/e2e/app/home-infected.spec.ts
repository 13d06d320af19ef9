// The infected verdict and what follows it (issue 15), in Chromium against the real services: a
// real child process connected to the campaign address, the unit's IT contact typed in Settings, the
// feed's contact points, the guided cleanup one click from the verdict, the periodic check setting,
// and sending to a real loopback "tally" that accepts the connection and never answers: the button
// shows the sending state, is disabled meanwhile, and the page answers within seconds. The consent
// text lists every field sent beside the exact JSON.
// Screenshots: test-results/screenshots/infected-*.png
import { createServer, type Server, type Socket } from 'node:net';
import { expect, test } from '@playwright/test';
import { RESULT_FIELDS } from '../../../shared/tally/result-fields';
import {
  axeClean,
  harnessForSpec,
  nav,
  noOverflow,
  startCheck,
  WINDOW_SIZES,
} from '../../support/e2e/app-spec';

const CONTACTS = {
  province: {
    name: 'Trương Gia Bảo',
    unit: 'Phòng Kỹ thuật nghiệp vụ, Trung tâm Công nghệ số, Sở Thông tin và Truyền thông Sóc Trăng',
    phone: '0911823829',
  },
};

const h = harnessForSpec({ address: '127.78.0.21', contacts: CONTACTS });
let silent: Server;
const held: Socket[] = [];
let silentUrl: string;

test.beforeAll(async () => {
  // A tally address that accepts the connection and never answers.
  silent = createServer((s) => {
    held.push(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
});
test.afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise((r) => silent?.close(r));
});

test('Settings: the unit IT contact and the periodic check (off by default) are saved', async ({ page }) => {
  await page.goto(h.url);
  await nav(page, 'Cài đặt').click();
  const periodic = page.getByRole('checkbox', { name: /Tự kiểm tra định kỳ/ });
  await expect(periodic).not.toBeChecked();
  await expect(page.getByLabel('Kiểm tra lại sau mỗi (giờ)')).toBeDisabled();
  const it = page.getByRole('group', { name: 'Cán bộ CNTT của đơn vị' });
  await it.getByLabel('Họ và tên').fill('Lê Thị Thu');
  await it.getByLabel('Đơn vị, phòng ban').fill('Phòng Hành chính - Tổng hợp, bộ phận CNTT');
  await it.getByLabel('Điện thoại').fill('0299 3822 123');
  await it.getByLabel('Thư điện tử').fill('thu.lt@soctrang.gov.vn');
  await periodic.check();
  await page.getByLabel('Kiểm tra lại sau mỗi (giờ)').fill('6');
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByText('Đã lưu cài đặt.')).toBeVisible();
  for (const size of WINDOW_SIZES) {
    await page.setViewportSize(size);
    await axeClean(page, `settings ${size.width}`);
    await noOverflow(page, `settings ${size.width}`);
    await page.screenshot({
      path: `test-results/screenshots/infected-settings-${size.width}.png`,
      fullPage: true,
    });
  }
  await page.reload();
  await nav(page, 'Cài đặt').click();
  await expect(page.getByRole('checkbox', { name: /Tự kiểm tra định kỳ/ })).toBeChecked();
  await expect(page.getByLabel('Kiểm tra lại sau mỗi (giờ)')).toHaveValue('6');
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Lê Thị Thu');
});

test('infected: icon and heading first, focus on it, "Xử lý có hướng dẫn" and the IT person named', async ({
  page,
}) => {
  for (const size of WINDOW_SIZES) {
    await page.setViewportSize(size);
    await startCheck(page, h.url);
    const verdict = page.locator('[data-verdict]');
    await expect(verdict).toHaveAttribute('data-verdict', 'infected', { timeout: 30_000 });
    await expect(verdict.getByRole('heading', { level: 2, name: 'Cần xử lý' })).toBeFocused();
    await expect(page.locator('[data-home-state]')).toContainText(
      'Cần xử lý: máy này đã liên lạc với địa chỉ độc hại',
    );
    const it = verdict.getByRole('region', { name: 'Báo ngay cho cán bộ CNTT: Lê Thị Thu' });
    await expect(it).toContainText('Phòng Hành chính - Tổng hợp, bộ phận CNTT');
    await expect(it).toContainText('0299 3822 123');
    await expect(verdict.getByRole('region', { name: 'Đầu mối hỗ trợ của Chiến dịch' })).toContainText(
      'Trương Gia Bảo',
    );
    await axeClean(page, `infected ${size.width}`);
    await noOverflow(page, `infected ${size.width}`);
    await page.screenshot({
      path: `test-results/screenshots/infected-verdict-${size.width}.png`,
      fullPage: true,
    });
  }
  // Keyboard: from the focused heading to the guided cleanup of the flagged program.
  const guided = page.locator('[data-verdict]').getByRole('button', { name: 'Xử lý có hướng dẫn' });
  for (let i = 0; i < 30 && !(await guided.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(guided).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Xử lý mã độc có hướng dẫn (cán bộ CNTT)' }),
  ).toBeFocused();
  await expect(page.getByText(`node (PID ${h.childPid})`).first()).toBeVisible();
});

test('sending: a sending state, the button disabled, an answer within seconds from a tally that never answers; every field explained beside the JSON', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize(WINDOW_SIZES[0]);
  await startCheck(page, h.url);
  await expect(page.locator('[data-verdict]')).toBeVisible({ timeout: 30_000 });
  await nav(page, 'Cài đặt').click();
  await page.getByLabel('Địa chỉ máy chủ tổng hợp').fill(silentUrl);
  await page.getByLabel('Mã đơn vị của bạn').fill('SO-TTTT-E2E');
  await page.getByLabel('Đồng ý gửi kết quả ẩn danh về máy chủ tổng hợp').check();
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByText('Đã lưu cài đặt.')).toBeVisible();

  // The consent text: every field of the result, with what it means, and the exact JSON beside it.
  const fields = page.getByRole('region', { name: 'Những gì được gửi, và ý nghĩa' });
  for (const path of RESULT_FIELDS)
    await expect(fields.getByRole('term').filter({ hasText: path })).toHaveCount(1);
  await expect(fields).toContainText('không gắn với người dùng hay tên máy');
  await page.getByRole('button', { name: 'Xem trước dữ liệu sẽ gửi' }).click();
  const json = page.locator('pre.json');
  const sent = JSON.parse(await json.innerText()) as Record<string, unknown>;
  expect(Object.keys(sent).every((k) => RESULT_FIELDS.some((p) => p === k || p.startsWith(`${k}.`)))).toBe(
    true,
  );
  const [fieldsBox, jsonBox] = [await fields.boundingBox(), await json.boundingBox()];
  expect(jsonBox!.x).toBeGreaterThan(fieldsBox!.x + fieldsBox!.width - 1); // beside it at 1366
  await page.screenshot({ path: 'test-results/screenshots/infected-consent-1366.png', fullPage: true });

  const button = page.getByRole('button', { name: /Gửi kết quả ngay|Đang gửi…/ });
  const started = Date.now();
  await button.click();
  await expect(button).toHaveText('Đang gửi…');
  await expect(button).toBeDisabled();
  await expect(page.getByText('Đang gửi kết quả về máy chủ tổng hợp (tối đa vài giây)…')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/infected-sending-1366.png' });
  await expect(button).toHaveText('Gửi kết quả ngay', { timeout: 15_000 });
  const seconds = (Date.now() - started) / 1000;
  expect(seconds).toBeLessThan(10);
  await expect(page.getByText('Đang chờ gửi: 1')).toBeVisible();
  await axeClean(page, 'after sending');
  await page.setViewportSize(WINDOW_SIZES[1]);
  await noOverflow(page, 'consent 1024');
  await page.screenshot({ path: 'test-results/screenshots/infected-consent-1024.png', fullPage: true });
});
