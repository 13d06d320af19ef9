// Every verdict of the self-check (issue 10), in Chromium against the real services through the
// harness, in Vietnamese and English at 1366×768, photographed for people to look at:
//   green          — the campaign feed lists an address nobody connects to;
//   cracked signs  — the same, with realdata 13's Adobe hosts block added to the real report (this
//                    Linux machine has no crack), as a Windows machine with that crack reports it;
//   recently       — a real TIME_WAIT socket to the campaign address (the client closed first);
//   infected       — a real child process connected to the campaign address;
//   sample         — the harness started without --feed: the bundled sample feed.
// Screenshots: test-results/screenshots/verdict-<state>-<vi|en>.png
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import {
  adobeHostsSign,
  axeClean,
  editScanReport,
  harnessForSpec,
  startCheck,
} from '../../support/e2e/app-spec';

const adobeSign = adobeHostsSign();

/** Runs the check in Vietnamese and returns the verdict box once it is shown. */
async function check(page: Page, url: string): Promise<Locator> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await startCheck(page, url);
  const verdict = page.locator('[data-verdict]');
  await expect(verdict).toBeVisible({ timeout: 30_000 });
  return verdict;
}

/** Photographs the verdict in view, in the current language. */
async function shoot(page: Page, verdict: Locator, name: string) {
  await verdict.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `test-results/screenshots/verdict-${name}.png` });
}

/** Switches to English, checks the English heading, photographs it, and switches back. */
async function inEnglish(page: Page, verdict: Locator, state: string, heading: string) {
  await page.getByRole('button', { name: 'English' }).click();
  await expect(verdict.getByRole('heading', { level: 2 })).toHaveText(heading);
  await axeClean(page, `${state} (en)`, 'serious');
  await shoot(page, verdict, `${state}-en`);
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('button', { name: 'Kiểm tra ngay', exact: true })).toBeVisible();
}

test.describe('verdicts on the campaign list', () => {
  // No child connected: the machine is clean of the campaign address until a test makes it not.
  // Its own address: the other specs' connections to CAMPAIGN_ADDRESS stay in TIME_WAIT for a
  // minute, and this machine would rightly say it connected recently.
  const h = harnessForSpec({
    connect: false,
    address: `127.78.${(process.pid >> 8) & 255}.${process.pid & 255 || 1}`,
  });

  test('green only when nothing at all was found on the real list', async ({ page }) => {
    const verdict = await check(page, h.url);
    await expect(verdict).toHaveAttribute('data-verdict', 'clean');
    await expect(verdict.getByRole('heading', { level: 2 })).toHaveText('Máy tính sạch');
    await expect(verdict).toContainText('kết nối đã được kiểm tra');
    await axeClean(page, 'clean (vi)', 'serious');
    await shoot(page, verdict, 'clean-vi');
    await inEnglish(page, verdict, 'clean', 'This computer is clean');
  });

  test('cracked-software signs: not green, names the product, leads to the Cracked software screen', async ({
    page,
  }) => {
    await editScanReport(page, (report) => report.findings.push(adobeSign));
    const verdict = await check(page, h.url);
    await expect(verdict).toHaveAttribute('data-verdict', 'cracked');
    await expect(verdict.getByRole('heading', { level: 2 })).toHaveText('Có dấu hiệu phần mềm bẻ khóa');
    await expect(verdict).toContainText('Không phát hiện kết nối tới địa chỉ độc hại');
    await expect(verdict.getByRole('listitem')).toHaveText([
      'Adobe (tệp hosts chặn máy chủ kích hoạt bản quyền)',
    ]);
    await expect(verdict).not.toContainText('Máy tính sạch');
    await axeClean(page, 'cracked (vi)', 'serious');
    await shoot(page, verdict, 'cracked-vi');
    await inEnglish(page, verdict, 'cracked', 'Signs of cracked software');
    await verdict.getByRole('button', { name: 'Xem dấu hiệu' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(page.locator('ul.signs > li')).toContainText('Adobe');
  });

  test('recently connected: a real TIME_WAIT socket says the connection has ended, not "Cần xử lý"', async ({
    page,
  }) => {
    await h.connectAndClose();
    const verdict = await check(page, h.url);
    await expect(verdict).toHaveAttribute('data-verdict', 'recent');
    await expect(verdict.getByRole('heading', { level: 2 })).toHaveText(
      'Vừa có kết nối tới địa chỉ độc hại, nay đã kết thúc',
    );
    await expect(verdict.getByRole('listitem').first()).toContainText(
      `:${h.port}: kết nối đã kết thúc (trạng thái TIME_WAIT), khớp địa chỉ độc hại ${h.address}`,
    );
    await expect(verdict).not.toContainText('Cần xử lý');
    await expect(verdict).not.toContainText('PID ?');
    await expect(verdict).not.toContainText('chương trình không rõ');
    await axeClean(page, 'recent (vi)', 'serious');
    await shoot(page, verdict, 'recent-vi');
    await inEnglish(
      page,
      verdict,
      'recent',
      'Recently connected to a campaign address; the connection has ended',
    );
    // Details: the ended socket's row is not marked malicious.
    await verdict.getByRole('button', { name: 'Xem chi tiết' }).click();
    // The table renders the rows in view only: find the socket as a person would, by searching.
    await page.getByLabel(/Tìm kiếm/).fill(h.address);
    const row = page.getByRole('row').filter({ hasText: `${h.address}:${h.port}` });
    await expect(row.first()).toContainText('TIME_W');
    await expect(row.filter({ hasText: 'Độc hại' })).toHaveCount(0);
    await expect(page.getByText(/Đang hiển thị \d+ \/ \d+ kết nối, 0 kết nối độc hại/)).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/details-recent-vi.png' });
  });

  test('infected: a real process connected to the campaign address is named with its PID', async ({
    page,
  }) => {
    const pid = await h.connectAgain();
    const verdict = await check(page, h.url);
    await expect(verdict).toHaveAttribute('data-verdict', 'infected');
    await expect(verdict.getByRole('heading', { level: 2 })).toHaveText('Cần xử lý');
    await expect(
      verdict.getByRole('listitem').filter({ hasText: `node (PID ${pid}) → ${h.address}:${h.port}` }),
    ).toBeVisible();
    await axeClean(page, 'infected (vi)', 'serious');
    await shoot(page, verdict, 'infected-vi');
    await inEnglish(page, verdict, 'infected', 'Action needed');
  });
});

test.describe('verdict on the bundled sample list', () => {
  const h = harnessForSpec({ connect: false, feed: 'bundled' });

  test('never green: says the real list is not loaded and what to do', async ({ page }) => {
    const verdict = await check(page, h.url);
    await expect(verdict).toHaveAttribute('data-verdict', 'sample');
    await expect(verdict.getByRole('heading', { level: 2 })).toHaveText(
      'Chưa có danh sách thật của Chiến dịch',
    );
    await expect(verdict).toContainText('chưa thể kết luận máy sạch');
    await expect(verdict).toContainText('vào Cài đặt, bấm “Cập nhật ngay”');
    await expect(verdict).toContainText('nhờ cán bộ CNTT');
    await expect(verdict).not.toContainText('Máy tính sạch');
    await axeClean(page, 'sample (vi)', 'serious');
    await shoot(page, verdict, 'sample-vi');
    await inEnglish(page, verdict, 'sample', "The campaign's real list is not loaded yet");
    await verdict.getByRole('button', { name: 'Mở Cài đặt để cập nhật danh sách' }).click();
    await expect(page.getByRole('button', { name: 'Cập nhật ngay' })).toBeVisible();
  });
});
