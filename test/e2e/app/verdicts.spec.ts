// Every verdict of the self-check (issue 10), in Chromium against the real services through the
// harness, in Vietnamese and English at 1366×768, photographed for people to look at:
//   green          — the campaign feed lists an address nobody connects to;
//   cracked signs  — the same, with realdata 13's Adobe hosts block added to the real report (this
//                    Linux machine has no crack), as a Windows machine with that crack reports it;
//   recently       — a real TIME_WAIT socket to the campaign address (the client closed first);
//   infected       — a real child process connected to the campaign address;
//   sample         — the harness started without --feed: the bundled sample feed.
// Screenshots: test-results/screenshots/verdict-<state>-<vi|en>.png
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
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
const [adobeSign] = activationBlockFindings(
  parseHostsFile(
    read('test/fixtures/licensing/hosts-adobe-crack.txt'),
    'C:\\Windows\\System32\\drivers\\etc\\hosts',
  ).records,
  activationHosts,
);

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });

/** Runs the check in Vietnamese and returns the verdict box once it is shown. */
async function check(page: Page): Promise<Locator> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(h.url);
  await nav(page, 'Tự kiểm tra').click();
  await page.getByRole('button', { name: 'Kiểm tra ngay', exact: true }).click();
  const verdict = page.locator('[data-verdict]');
  await expect(verdict).toBeVisible({ timeout: 30_000 });
  return verdict;
}

async function axeClean(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(bad, what).toEqual([]);
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
  await axeClean(page, `${state} (en)`);
  await shoot(page, verdict, `${state}-en`);
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('button', { name: 'Kiểm tra ngay', exact: true })).toBeVisible();
}

let h: Harness;

test.describe('verdicts on the campaign list', () => {
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // No child connected: the machine is clean of the campaign address until a test makes it not.
    // Its own address: the other specs' connections to CAMPAIGN_ADDRESS stay in TIME_WAIT for a
    // minute, and this machine would rightly say it connected recently.
    h = await startHarness({
      connect: false,
      address: `127.78.${(process.pid >> 8) & 255}.${process.pid & 255 || 1}`,
    });
  });
  test.afterAll(async () => {
    await h?.stop();
  });

  test('green only when nothing at all was found on the real list', async ({ page }) => {
    const verdict = await check(page);
    await expect(verdict).toHaveAttribute('data-verdict', 'clean');
    await expect(verdict.getByRole('heading', { level: 2 })).toHaveText('Máy tính sạch');
    await expect(verdict).toContainText('kết nối đã được kiểm tra');
    await axeClean(page, 'clean (vi)');
    await shoot(page, verdict, 'clean-vi');
    await inEnglish(page, verdict, 'clean', 'This computer is clean');
  });

  test('cracked-software signs: not green, names the product, leads to the Cracked software screen', async ({
    page,
  }) => {
    await page.route(
      (url) => url.pathname === '/ipc/scan%3Arun',
      async (route) => {
        const real = await route.fetch();
        const body = (await real.json()) as { ok: boolean; value: ScanReport };
        expect(body.ok).toBe(true);
        body.value.findings.push(adobeSign);
        await route.fulfill({ response: real, json: body });
      },
    );
    const verdict = await check(page);
    await expect(verdict).toHaveAttribute('data-verdict', 'cracked');
    await expect(verdict.getByRole('heading', { level: 2 })).toHaveText('Có dấu hiệu phần mềm bẻ khóa');
    await expect(verdict).toContainText('Không phát hiện kết nối tới địa chỉ độc hại');
    await expect(verdict.getByRole('listitem')).toHaveText([
      'Adobe (tệp hosts chặn máy chủ kích hoạt bản quyền)',
    ]);
    await expect(verdict).not.toContainText('Máy tính sạch');
    await axeClean(page, 'cracked (vi)');
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
    const verdict = await check(page);
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
    await axeClean(page, 'recent (vi)');
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
    const verdict = await check(page);
    await expect(verdict).toHaveAttribute('data-verdict', 'infected');
    await expect(verdict.getByRole('heading', { level: 2 })).toHaveText('Cần xử lý');
    await expect(
      verdict.getByRole('listitem').filter({ hasText: `node (PID ${pid}) → ${h.address}:${h.port}` }),
    ).toBeVisible();
    await axeClean(page, 'infected (vi)');
    await shoot(page, verdict, 'infected-vi');
    await inEnglish(page, verdict, 'infected', 'Action needed');
  });
});

test.describe('verdict on the bundled sample list', () => {
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    h = await startHarness({ connect: false, feed: 'bundled' });
  });
  test.afterAll(async () => {
    await h?.stop();
  });

  test('never green: says the real list is not loaded and what to do', async ({ page }) => {
    const verdict = await check(page);
    await expect(verdict).toHaveAttribute('data-verdict', 'sample');
    await expect(verdict.getByRole('heading', { level: 2 })).toHaveText(
      'Chưa có danh sách thật của Chiến dịch',
    );
    await expect(verdict).toContainText('chưa thể kết luận máy sạch');
    await expect(verdict).toContainText('vào Cài đặt, bấm “Cập nhật ngay”');
    await expect(verdict).toContainText('nhờ cán bộ CNTT');
    await expect(verdict).not.toContainText('Máy tính sạch');
    await axeClean(page, 'sample (vi)');
    await shoot(page, verdict, 'sample-vi');
    await inEnglish(page, verdict, 'sample', "The campaign's real list is not loaded yet");
    await verdict.getByRole('button', { name: 'Mở Cài đặt để cập nhật danh sách' }).click();
    await expect(page.getByRole('button', { name: 'Cập nhật ngay' })).toBeVisible();
  });
});
