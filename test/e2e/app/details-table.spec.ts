// The IT details table (issue 15) in Chromium against the real services through the harness: a real
// child connected to a campaign address is flagged; the table at 1366×768, 1024×600 and 200 % zoom
// keeps its row actions visible; columns and LISTEN/TIME_WAIT toggles; copy of several rows; the
// empty-search message; live mode sees a new connection of a new child appear, flagged on top; and a
// keyboard-only path goes check → details → guided cleanup. Axe: no violation at all.
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { axeClean, harnessForSpec, nav, startCheck } from '../../support/e2e/app-spec';

const h = harnessForSpec();

const shots = 'test-results/screenshots';
const cleanupButton = (page: Page, pid: number) =>
  page.getByRole('button', { name: `Xử lý kết nối của PID ${pid}`, exact: true });

/** Check, then open the details table; waits for the flagged child's row. */
async function checkThenDetails(page: Page) {
  await startCheck(page, h.url);
  await expect(page.getByRole('listitem').filter({ hasText: `(PID ${h.childPid})` })).toBeVisible({
    timeout: 30_000,
  });
  await nav(page, 'Chi tiết (cán bộ CNTT)').click();
  await expect(cleanupButton(page, h.childPid)).toBeVisible();
}

/** The element lies wholly inside the window and inside the table's scroll box: nothing cut off. */
async function fullyShown(page: Page, el: Locator) {
  await el.scrollIntoViewIfNeeded();
  const box = (await el.boundingBox())!;
  const region = (await page.getByRole('region', { name: 'Các kết nối mạng của máy tính' }).boundingBox())!;
  const view = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(Math.max(0, region.x));
  expect(box.x + box.width).toBeLessThanOrEqual(Math.min(view.width, region.x + region.width));
  expect(box.y + box.height).toBeLessThanOrEqual(view.height);
}

for (const size of [
  { width: 1366, height: 768, name: '1366x768' },
  { width: 1024, height: 600, name: '1024x600' },
]) {
  test(`details table at ${size.name}: the flagged row on top with its actions in view; axe clean`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await checkThenDetails(page);
    const first = page.getByRole('row').nth(1);
    await expect(first).toContainText(String(h.childPid));
    await expect(first).toContainText('Độc hại');
    await fullyShown(page, cleanupButton(page, h.childPid));
    await fullyShown(page, page.getByRole('button', { name: `Sao chép dòng PID ${h.childPid}` }));
    await page.screenshot({ path: `${shots}/table-details-${size.name}-vi.png` });
    await axeClean(page, `details ${size.name}`);
  });
}

test('details table at 200 % zoom (1366×768 window): actions reachable, sideways scroll for the rest', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  try {
    await checkThenDetails(page);
    await fullyShown(page, cleanupButton(page, h.childPid));
    const region = page.getByRole('region', { name: 'Các kết nối mạng của máy tính' });
    // The table is wider than its box: it scrolls sideways instead of squeezing the columns.
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await page.screenshot({ path: `${shots}/table-details-zoom200-vi.png` });
    await region.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await fullyShown(page, cleanupButton(page, h.childPid));
    await page.screenshot({ path: `${shots}/table-details-zoom200-scrolled-vi.png` });
    await axeClean(page, 'details at 200 %');
  } finally {
    await context.close();
  }
});

test('columns, LISTEN/TIME_WAIT toggles, the empty search and copying several rows', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  try {
    await checkThenDetails(page);
    // Hide the path column; it stays hidden after a reload (kept in the page's storage).
    await page.getByText('Chọn cột', { exact: true }).click();
    await page.getByRole('checkbox', { name: 'Đường dẫn', exact: true }).uncheck();
    await page.screenshot({ path: `${shots}/table-columns-menu-vi.png` });
    await expect(page.getByRole('columnheader', { name: 'Sắp xếp theo Đường dẫn' })).toHaveCount(0);
    await page.reload();
    await nav(page, 'Chi tiết (cán bộ CNTT)').click();
    await expect(cleanupButton(page, h.childPid)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sắp xếp theo Đường dẫn' })).toHaveCount(0);

    // The harness's own listening port is a LISTEN row; the toggle hides it, never the flagged row.
    const search = page.getByLabel(/Tìm kiếm/);
    await search.fill(`:${h.port}`);
    const listenRows = page.getByRole('row').filter({ hasText: /LISTEN/ });
    await expect(listenRows.first()).toBeVisible();
    await page.getByLabel('Cổng đang chờ kết nối (LISTEN)').uncheck();
    await expect(listenRows).toHaveCount(0);
    await expect(cleanupButton(page, h.childPid)).toBeVisible();
    await page.getByLabel('Cổng đang chờ kết nối (LISTEN)').check();

    await search.fill('khong-co-ket-noi-nay');
    await expect(page.getByText(/^Không có kết nối nào khớp\./)).toBeVisible();
    await page.screenshot({ path: `${shots}/table-no-match-vi.png` });

    await search.fill(`:${h.port}`);
    await page.getByRole('checkbox', { name: 'Chọn mọi dòng đang hiển thị' }).check();
    const count = await page.getByRole('row').count();
    const copy = page.getByRole('button', { name: /^Sao chép các dòng đã chọn \(\d+\)$/ });
    await copy.click();
    await expect(page.getByText(/^Đã sao chép \d+ dòng, kèm dòng tiêu đề/)).toBeVisible();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'Có trong danh sách độc hại\tPID\tChương trình\tĐường dẫn\tDịch vụ\tGiao thức\tTrạng thái\tĐịa chỉ cục bộ\tĐịa chỉ từ xa\tTên miền độc hại\tTên miền (DNS)\tChỉ báo (IOC)\tNguồn\tGiả danh tệp hệ thống\tTiến trình cha\tDòng lệnh',
    );
    expect(lines.length).toBe(count); // the header line + one line per row shown
    expect(lines[1]).toMatch(new RegExp(`^có\\t${h.childPid}\\t`));
    await page.screenshot({ path: `${shots}/table-selected-copied-vi.png` });
  } finally {
    await context.close();
  }
});

test('live mode: a new child connecting to the campaign address appears flagged, new and on top; pause holds', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await checkThenDetails(page);
  await page.getByRole('button', { name: 'Theo dõi trực tiếp', exact: true }).click();
  await expect(
    page.getByText(/^Đang theo dõi trực tiếp, cập nhật mỗi giây \(lần cuối lúc \d\d:\d\d:\d\d\)/),
  ).toBeVisible();
  const again = await h.connectAgain();
  const row = page.getByRole('row').filter({ has: cleanupButton(page, again) });
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row).toContainText('Mới');
  await expect(row).toContainText('Độc hại');
  await expect(row).toHaveClass(/row-new/);
  // Flagged rows on top: the new one is among the first rows, above every unflagged row.
  const flaggedCount = await page.getByRole('row').filter({ hasText: 'Độc hại' }).count();
  const position = await page
    .getByRole('row')
    .evaluateAll(
      (rows, pid) =>
        rows.findIndex(
          (r) =>
            r.textContent?.includes(`PID ${pid}`) ||
            r.querySelector(`[aria-label="Xử lý kết nối của PID ${pid}"]`),
        ),
      again,
    );
  expect(position).toBeGreaterThan(0);
  expect(position).toBeLessThanOrEqual(flaggedCount);
  await page.getByRole('button', { name: 'Tạm dừng', exact: true }).click();
  await expect(page.getByText(/^Đã tạm dừng: bảng giữ nguyên như lúc/)).toBeVisible();
  await page.screenshot({ path: `${shots}/table-live-new-flagged-paused-vi.png` });
  await axeClean(page, 'live mode paused');
  await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
  // After a few seconds the highlight goes; the row stays while its child lives.
  await expect(row).not.toHaveClass(/row-new/, { timeout: 10_000 });
  await page.getByRole('button', { name: 'Dừng theo dõi', exact: true }).click();
});

test('keyboard only, 1024×600: check → details → the flagged row’s cleanup (visible focus ring) → guided cleanup', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 600 });
  await page.goto(h.url);
  const tabTo = async (target: Locator, max = 150) => {
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`not reached by Tab: ${target.toString()}`);
  };
  await tabTo(nav(page, 'Tự kiểm tra'));
  await page.keyboard.press('Enter');
  await tabTo(page.getByRole('button', { name: 'Kiểm tra ngay', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listitem').filter({ hasText: `(PID ${h.childPid})` })).toBeVisible({
    timeout: 30_000,
  });
  await tabTo(nav(page, 'Chi tiết (cán bộ CNTT)'));
  await page.keyboard.press('Enter');
  const button = cleanupButton(page, h.childPid);
  await tabTo(button);
  await expect(button).toBeFocused();
  const ring = await button.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
  });
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  await fullyShown(page, button);
  await page.screenshot({ path: `${shots}/table-keyboard-focus-1024x600-vi.png` });
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Xử lý mã độc có hướng dẫn (cán bộ CNTT)' }),
  ).toBeFocused();
  await page.screenshot({ path: `${shots}/table-keyboard-guided-1024x600-vi.png` });
});
