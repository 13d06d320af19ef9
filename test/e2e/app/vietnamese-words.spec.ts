// The Vietnamese UI speaks Vietnamese (issue 15, "Words, numbers and errors"): in the states that used
// to show English, raw error text, command-line flags or internal ids, the text a person can see has
// none of them. Raw text stays for IT under "Chi tiết kỹ thuật" (closed), which this check skips.
import { createServer } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { startHarness, type Harness } from './harness';

/** What must never be visible in the Vietnamese UI (each was seen there before). */
const FORBIDDEN: RegExp[] = [
  /ECONNREFUSED/,
  /request to /i,
  /reason:/i,
  /(^|\s)--[a-z]/, // command-line flags ("dùng --url")
  /bundled/i,
  /(^|[\s(])feeds?(?![.\w/-])/i, // the English word, not a file name such as test-feed.json
  /\bfailed\b/i,
  /Authenticode/,
  /not available here/,
  /is this machine/,
  /Cannot block/,
  /\blinux\b/i,
  /hosts file is checked/,
  /\bmsg\.[a-z]/, // a catalogue key shown raw
];

/** The text a person can see: text nodes whose element is rendered (closed <details> content is not). */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (el && text && el.checkVisibility({ visibilityProperty: true })) out.push(text);
    }
    return out.join('\n');
  });
}

async function expectNoEnglish(page: Page, where: string): Promise<void> {
  const text = await visibleText(page);
  const hits = FORBIDDEN.flatMap((re) =>
    re.test(text) ? [`${where}: ${re} in …${text.match(re)?.[0]}…`] : [],
  );
  expect(hits).toEqual([]);
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });

test.describe.configure({ mode: 'serial' });

test.describe('with the campaign list and a flagged connection', () => {
  let h: Harness;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    h = await startHarness();
  });
  test.afterAll(async () => {
    await h?.stop();
  });

  test('update refused by the network, licensing notice, evidence notes and a block refusal: all in Vietnamese', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(h.url);

    // A list address where nothing listens: the service's "connect ECONNREFUSED" stays for IT.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    await nav(page, 'Cài đặt').click();
    await page.getByLabel(/Địa chỉ tải danh sách/).fill(`http://127.0.0.1:${port}/feed/latest.json`);
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await page.getByRole('button', { name: 'Cập nhật ngay' }).click();
    await expect(page.getByText(/Không kết nối được tới máy chủ của danh sách địa chỉ độc hại/)).toBeVisible({
      timeout: 60_000,
    });
    const technical = page.locator('details.technical').filter({ hasText: 'Chi tiết kỹ thuật' });
    await expect(technical).toContainText('ECONNREFUSED'); // kept for IT, folded away
    await expect(page.getByText(/^Tệp trên máy: /)).toBeVisible(); // the list's source in words
    await expectNoEnglish(page, 'Settings after a refused update');

    // The check on Linux: the licensing notice (hosts file only) in Details, in Vietnamese.
    await nav(page, 'Tự kiểm tra').click();
    await page.getByRole('button', { name: 'Kiểm tra ngay', exact: true }).click();
    await expect(page.getByRole('listitem').filter({ hasText: `(PID ${h.childPid})` })).toBeVisible({
      timeout: 30_000,
    });
    await expectNoEnglish(page, 'verdict');
    await nav(page, 'Chi tiết (cán bộ CNTT)').click();
    await page.getByText('Cảnh báo khi đọc dữ liệu').click();
    await expect(page.getByText(/Trên máy không chạy Windows, chỉ kiểm tra được tệp hosts/)).toBeVisible();
    await expectNoEnglish(page, 'Details with warnings open');

    // Guided cleanup: the evidence notes, then a block the guard refuses (a loopback address).
    await page.getByRole('button', { name: `Xử lý kết nối của PID ${h.childPid}` }).click();
    await expect(
      page.getByText('Chữ ký số và các mục tự khởi động chỉ kiểm tra được trên Windows.'),
    ).toBeVisible({
      timeout: 30_000,
    });
    await page
      .getByRole('button', { name: `Chặn địa chỉ ${h.address} bằng quy tắc tường lửa`, exact: true })
      .click();
    await expect(page.getByRole('alert').filter({ hasText: 'Không chặn được:' })).toContainText(
      `${h.address} là chính máy này hoặc không phải địa chỉ thật`,
    );
    await page.screenshot({ path: 'test-results/screenshots/vietnamese-words-cleanup.png', fullPage: true });
    await expectNoEnglish(page, 'guided cleanup');
  });
});

test.describe('with the bundled sample list', () => {
  let h: Harness;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    h = await startHarness({ feed: 'bundled', connect: false });
  });
  test.afterAll(async () => {
    await h?.stop();
  });

  test('Settings names the sample list in words and says what to do without an address', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 600 });
    await page.goto(h.url);
    await nav(page, 'Cài đặt').click();
    await expect(page.getByText('Danh sách mẫu đi kèm ứng dụng')).toBeVisible();
    await page.getByRole('button', { name: 'Cập nhật ngay' }).click();
    await expect(page.getByText(/ứng dụng chưa biết tải danh sách từ đâu/)).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/vietnamese-words-settings.png', fullPage: true });
    await expectNoEnglish(page, 'Settings with the sample list');
  });
});
