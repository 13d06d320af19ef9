// With a sample feed the result cannot be sent: the send button is disabled and says why, even
// with consent given (issue 11). Main refuses too (services/app-services.test.ts), and so does the
// tally (422 unknown-campaign).
import { expect, test, type Page } from '@playwright/test';
import { startHarness } from './harness';
import type { Harness } from './harness';

let h: Harness;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  h = await startHarness({ sample: true });
});
test.afterAll(async () => {
  await h?.stop();
});

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });

test('the send button is disabled with the sample feed and says why, consent or not', async ({ page }) => {
  await page.goto(h.url);
  await nav(page, 'Cài đặt').click();
  const send = page.getByRole('button', { name: 'Gửi kết quả ngay' });
  await expect(send).toBeDisabled();
  await expect(send).toHaveAccessibleDescription(/Đang dùng danh sách MẪU/);
  await page.getByRole('checkbox', { name: /Đồng ý gửi kết quả ẩn danh/ }).check();
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByText('Đã lưu cài đặt.')).toBeVisible();
  await expect(send).toBeDisabled();
  await expect(
    page.getByText('kết quả kiểm tra với danh sách mẫu không được gửi và không được tính'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Send the result now' })).toBeDisabled();
  await expect(page.getByText('The SAMPLE list is in use')).toBeVisible();
});
