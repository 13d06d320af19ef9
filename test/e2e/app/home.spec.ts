// The home status and the cracked-software flow (issue 15), in Chromium against the real services
// through the harness, on a real hosts file: a copy of Windows' default hosts file (CRLF) with
// realdata 13's Adobe crack block, given to the app as SACHMADOC_HOSTS_FILE (the scan, the licensing
// check and the guided removal all use it). The feed carries the campaign's contact points as in
// the Đắk Lắk letter; the unit's IT contact comes from an installer-deployed unit.json; the feed
// address is built in through SACHMADOC_FEED_URL (a closed loopback port: nothing leaves the machine).
//   first start → campaign introduction with contacts → home "not checked" → check → cracked
//   verdict (focus on its heading) → "Xem dấu hiệu" → the signs on top → guided removal: refused when
//   the file changed, then done (backup, exact lines) → re-check → home "clean", last check updated →
//   the evidence report records the step. Also the sample list with no feed address.
// Screenshots: test-results/screenshots/home-*.png
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import {
  axeClean,
  harnessForSpec,
  nav,
  noOverflow,
  startCheck,
  WINDOW_SIZES,
} from '../../support/e2e/app-spec';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/licensing/${name}`, import.meta.url));
const DEFAULT_HOSTS = fixture('hosts-default-windows-crlf.txt');
const ADOBE = fixture('hosts-adobe-crack.txt').toString('latin1').split('\n').filter(Boolean);
const CRACKED = Buffer.concat([DEFAULT_HOSTS, Buffer.from(ADOBE.map((l) => `${l}\r\n`).join(''), 'latin1')]);
const CLEANED = Buffer.concat([
  DEFAULT_HOSTS,
  Buffer.from(
    ADOBE.filter((l) => l.startsWith('#'))
      .map((l) => `${l}\r\n`)
      .join(''),
    'latin1',
  ),
]);

// The contact points of the Đắk Lắk letter (shared/seeds), as the signed feed carries them.
const CONTACTS = {
  authority: {
    name: 'Nguyễn Thị Thanh Huyền',
    unit: 'Trung tâm Giám sát an toàn không gian mạng quốc gia (NCSC), Cục An toàn thông tin',
    phone: '0964326245',
    email: 'ntthuyen@mic.gov.vn',
  },
  province: {
    name: 'Ngô Xuân Hòa',
    unit: 'Phòng Công nghệ thông tin, Sở Thông tin và Truyền thông Đắk Lắk',
    phone: '0946522999',
    email: 'hoanx@tttt.daklak.gov.vn',
  },
};
const IT = { name: 'Trần Văn Minh', unit: 'Văn phòng Sở, tổ CNTT', phone: '0262 3812 345' };

const shoot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/home-${name}.png`, fullPage: true });

let dir: string;
let hostsFile: string;

test.describe('home, cracked signs and the guided hosts removal', () => {
  const h = harnessForSpec(() => {
    dir = mkdtempSync(join(tmpdir(), 'sachmadoc-home-'));
    hostsFile = join(dir, 'hosts');
    writeFileSync(hostsFile, CRACKED);
    const unitConfig = join(dir, 'unit.json');
    writeFileSync(unitConfig, JSON.stringify({ itContact: IT }));
    return {
      connect: false,
      address: '127.78.0.9',
      contacts: CONTACTS,
      env: {
        SACHMADOC_HOSTS_FILE: hostsFile,
        SACHMADOC_UNIT_CONFIG: unitConfig,
        SACHMADOC_FEED_URL: 'http://127.0.0.1:9/feed/latest.json',
      },
    };
  });
  // After the harness has stopped (hooks run in the order they are declared).
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('first start: the campaign introduction with who to call, then the home status "not checked"', async ({
    page,
  }) => {
    for (const size of WINDOW_SIZES) {
      await page.setViewportSize(size);
      await page.goto(h.url);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chiến dịch thử nghiệm E2E');
      const campaign = page.getByRole('region', { name: 'Đầu mối hỗ trợ của Chiến dịch' });
      await expect(campaign).toContainText(
        'Ngô Xuân Hòa, Phòng Công nghệ thông tin, Sở Thông tin và Truyền thông Đắk Lắk',
      );
      await expect(campaign).toContainText('Điện thoại: 0946522999');
      await expect(campaign).toContainText('ntthuyen@mic.gov.vn');
      await expect(
        page.getByRole('heading', { name: 'Báo ngay cho cán bộ CNTT: Trần Văn Minh' }),
      ).toBeVisible();
      await axeClean(page, `campaign ${size.width}`);
      await noOverflow(page, `campaign ${size.width}`);
      await shoot(page, `campaign-first-start-${size.width}`);
    }
    await page.getByRole('button', { name: 'Kiểm tra máy tính này' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tự kiểm tra máy tính này' })).toBeFocused();
    const status = page.locator('[data-home-state]');
    await expect(status).toHaveAttribute('data-home-state', 'unchecked');
    await expect(status).toContainText('Máy này chưa được kiểm tra');
    await expect(status).toContainText('chưa lần nào');
    await expect(status).toContainText('phiên bản 7');
    // A local test feed has never been confirmed by the agency's server: not "up to date".
    await expect(status).toContainText('quá 3 ngày chưa kiểm tra được bản mới');
    await expect(page.getByRole('button', { name: 'Giới thiệu Chiến dịch' })).toBeVisible();

    // Settings shows the built-in feed address, with a label that says what really happens.
    await nav(page, 'Cài đặt').click();
    await expect(
      page.getByText(
        'Địa chỉ mặc định của cơ quan, cài sẵn trong bản này: http://127.0.0.1:9/feed/latest.json',
      ),
    ).toBeVisible();
    await expect(
      page.getByLabel(/Địa chỉ tải danh sách địa chỉ độc hại \(để trống: dùng địa chỉ đã tải lần trước/),
    ).toBeVisible();
    await expect(
      page.getByText('Đang dùng thông tin do bộ cài đặt triển khai: Trần Văn Minh.'),
    ).toBeVisible();
  });

  test('check → cracked verdict with focus on its heading → "Xem dấu hiệu" → the signs come first', async ({
    page,
  }) => {
    for (const size of WINDOW_SIZES) {
      await page.setViewportSize(size);
      await page.goto(h.url);
      // Checked before? No: still the campaign first until this PC has been checked once.
      await nav(page, 'Tự kiểm tra').click();
      await axeClean(page, `home unchecked ${size.width}`);
      await noOverflow(page, `home unchecked ${size.width}`);
      await shoot(page, `unchecked-${size.width}`);
    }
    await page.getByRole('button', { name: 'Kiểm tra ngay', exact: true }).click();
    const verdict = page.locator('[data-verdict]');
    await expect(verdict).toHaveAttribute('data-verdict', 'cracked', { timeout: 30_000 });
    const heading = verdict.getByRole('heading', { level: 2, name: 'Có dấu hiệu phần mềm bẻ khóa' });
    await expect(heading).toBeFocused();
    // The heading is larger than any button on the screen.
    const headingSize = await heading.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const buttonSizes = await page
      .locator('main button')
      .evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
    expect(Math.max(...buttonSizes)).toBeLessThan(headingSize);
    const status = page.locator('[data-home-state]');
    await expect(status).toHaveAttribute('data-home-state', 'cracked');
    await expect(status).not.toContainText('chưa lần nào');
    await axeClean(page, 'cracked verdict');
    await noOverflow(page, 'cracked verdict 1024');
    await shoot(page, 'cracked-verdict-1024');

    await verdict.getByRole('button', { name: 'Xem dấu hiệu' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Phần mềm bẻ khóa, không bản quyền' }),
    ).toBeFocused();
    // The signs found on this PC come before the explanations.
    const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(headings[0]).toBe('Dấu hiệu tìm thấy trên máy này');
    expect(headings.indexOf('Nguy cơ')).toBeGreaterThan(0);
    await expect(page.locator('ul.signs > li')).toContainText('Adobe');
    await expect(
      page.getByRole('heading', { name: 'Báo ngay cho cán bộ CNTT: Trần Văn Minh' }),
    ).toBeVisible();
    for (const size of WINDOW_SIZES) {
      await page.setViewportSize(size);
      await axeClean(page, `cracked screen ${size.width}`);
      await noOverflow(page, `cracked screen ${size.width}`);
      await shoot(page, `cracked-screen-${size.width}`);
    }
  });

  test('guided removal of the hosts block: refused when the file changed, then exact lines removed, re-check, logged', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(WINDOW_SIZES[1]);
    await startCheck(page, h.url);
    await expect(page.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'cracked', {
      timeout: 30_000,
    });
    await nav(page, 'Phần mềm bẻ khóa').click();

    // Keyboard only from the sign to the confirmed step.
    const start = page.getByRole('button', {
      name: 'Gỡ các dòng chặn kích hoạt Adobe trong tệp hosts (có hướng dẫn)',
    });
    await start.focus();
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Xử lý mã độc có hướng dẫn (cán bộ CNTT)' }),
    ).toBeFocused();
    await expect(page.getByText(/cần quyền quản trị.*Run as administrator/)).toBeVisible();
    const step = 'Sao lưu tệp hosts rồi xoá các dòng chặn kích hoạt Adobe';
    const propose = async () => {
      await page.getByRole('button', { name: step, exact: true }).focus();
      await page.keyboard.press('Enter');
      const confirm = page.getByRole('button', { name: `Xác nhận: ${step}` });
      await expect(confirm).toBeFocused();
      await expect(page.getByRole('group', { name: `Xác nhận: ${step}` })).toContainText(
        `Sao lưu tệp hosts ${hostsFile}`,
      );
    };

    // Someone changes the hosts file after the check: nothing is touched.
    const changed = Buffer.concat([CRACKED, Buffer.from('127.0.0.1 genuine.adobe.com\r\n')]);
    writeFileSync(hostsFile, changed);
    await propose();
    await shoot(page, 'hosts-proposal-1024');
    await page.keyboard.press('Enter');
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: /Không sửa: tệp hosts .* đã thay đổi từ lần kiểm tra trước/ }),
    ).toBeVisible({
      timeout: 30_000,
    });
    expect(readFileSync(hostsFile).equals(changed)).toBe(true);

    // Back as the check saw it: the step removes exactly the block and keeps the backup.
    writeFileSync(hostsFile, CRACKED);
    await propose();
    await page.keyboard.press('Enter');
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: /Thành công: Đã xoá 27 dòng chặn máy chủ kích hoạt của Adobe/ }),
    ).toBeVisible({
      timeout: 30_000,
    });
    expect(readFileSync(hostsFile).equals(CLEANED)).toBe(true);
    const backups = readdirSync(join(h.dataDir, 'cleanup-backups')).filter((n) => n.startsWith('hosts-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(h.dataDir, 'cleanup-backups', backups[0])).equals(CRACKED)).toBe(true);

    await page.getByRole('button', { name: 'Kiểm tra lại' }).click();
    await expect(
      page.getByText('Đã kiểm tra lại: không còn dòng chặn kích hoạt Adobe trong tệp hosts.'),
    ).toBeVisible({
      timeout: 30_000,
    });
    await axeClean(page, 'guided hosts removal');
    await noOverflow(page, 'guided hosts removal 1024');
    await shoot(page, 'hosts-removed-1024');

    const [htmlFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất báo cáo HTML' }).click(),
    ]);
    const html = readFileSync(await htmlFile.path(), 'utf8');
    expect(html).toContain('remove-hosts-block');
    expect(html).toContain('Đã xoá 27 dòng chặn máy chủ kích hoạt của Adobe');

    // Home: clean now, and "last checked" is the re-check's time.
    const before = await page.evaluate(() => Date.now());
    await nav(page, 'Tự kiểm tra').click();
    const status = page.locator('[data-home-state]');
    await expect(status).toHaveAttribute('data-home-state', 'clean');
    await expect(status).toContainText('Máy tính sạch: không thấy kết nối tới địa chỉ độc hại');
    for (const size of WINDOW_SIZES) {
      await page.setViewportSize(size);
      await axeClean(page, `home clean ${size.width}`);
      await noOverflow(page, `home clean ${size.width}`);
      await shoot(page, `clean-${size.width}`);
    }
    // After a restart of the page, the home still knows the last check (kept by main on disk).
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tự kiểm tra máy tính này');
    await expect(status).toHaveAttribute('data-home-state', 'clean');
    const last = JSON.parse(readFileSync(join(h.dataDir, 'last-check.json'), 'utf8')) as {
      checkedAt: string;
    };
    expect(Date.parse(last.checkedAt)).toBeLessThanOrEqual(before);
    expect(before - Date.parse(last.checkedAt)).toBeLessThan(60_000);
  });

  test('200 % zoom: the home status and its button fit, nothing sideways', async ({ browser }) => {
    // 1366×768 at 200 %: a CSS viewport of 683×384 drawn at twice the pixels.
    const context = await browser.newContext({ viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(h.url);
    await nav(page, 'Tự kiểm tra').click();
    await expect(page.locator('[data-home-state]')).toBeVisible();
    // Reached by scrolling down only, and never clipped.
    const button = page.getByRole('button', { name: 'Kiểm tra ngay', exact: true });
    await button.scrollIntoViewIfNeeded();
    await expect(button).toBeInViewport({ ratio: 1 });
    await noOverflow(page, 'home at 200 %');
    await axeClean(page, 'home at 200 %');
    await page.screenshot({ path: 'test-results/screenshots/home-clean-zoom200.png' });
    await context.close();
  });
});

test.describe('the sample list, with no feed address anywhere', () => {
  const s = harnessForSpec({ connect: false, feed: 'bundled', env: { SACHMADOC_FEED_URL: '' } });

  test('home says the list is the sample; "Cập nhật ngay" says in Vietnamese what is missing', async ({
    page,
  }) => {
    for (const size of WINDOW_SIZES) {
      await page.setViewportSize(size);
      await page.goto(s.url);
      await nav(page, 'Tự kiểm tra').click();
      const status = page.locator('[data-home-state]');
      await expect(status).toContainText('danh sách MẪU, chưa phải danh sách thật của Chiến dịch');
      await axeClean(page, `home sample ${size.width}`);
      await noOverflow(page, `home sample ${size.width}`);
      await shoot(page, `sample-${size.width}`);
    }
    await nav(page, 'Cài đặt').click();
    await expect(page.getByText(/Bản này không có địa chỉ mặc định cài sẵn/)).toBeVisible();
    await page.getByRole('button', { name: 'Cập nhật ngay' }).click();
    const answer = page.getByRole('status').filter({ hasText: 'Chưa cập nhật được' });
    await expect(answer).toHaveText(
      'Chưa cập nhật được: ứng dụng chưa biết tải danh sách từ đâu. Điền “Địa chỉ tải danh sách địa chỉ độc hại” ở trên (do cán bộ CNTT cung cấp), bấm “Lưu cài đặt”, rồi bấm “Cập nhật ngay”.',
    );
    await expect(answer).not.toContainText('--url');
    await shoot(page, 'settings-no-feed-url-1024');
  });
});
