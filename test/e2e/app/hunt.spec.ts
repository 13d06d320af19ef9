// "Giám sát mạng" in Chromium against the real hunt service through the harness: a mixed log
// folder (router syslog and its gzip-rotated predecessor, a Windows Firewall log, a UTF-16 Event
// Viewer export, a Suricata eve.json, a notes file) read against a feed file; the device list,
// the HTML report for leaders (exported, then opened), screenshots of both.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

let harness: ChildProcess;
let url = '';
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-e2e-hunt-'));
const logs = join(dir, 'logs');

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  cpSync('test/fixtures/logs/mixed', logs, { recursive: true });
  // Syslog dates have no year: the files' time decides it, whatever day the test runs.
  const touch = (p: string): void => {
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) touch(join(p, e));
    else utimesSync(p, new Date('2026-12-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'));
  };
  touch(logs);
  harness = spawn(
    'npm',
    [
      'run',
      '--silent',
      'dev:web',
      '--',
      '--port',
      '0',
      '--feed',
      'test/fixtures/logs/feed.txt',
      '--data',
      dir,
    ],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'], detached: true },
  );
  url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    harness.stdout?.on('data', (c: Buffer) => {
      seen += c.toString('utf8');
      const m = /Sạch Mã Độc web harness: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen);
      if (m) resolve(m[1]);
    });
    harness.once('exit', (code) => reject(new Error(`dev:web exited (${code}):\n${seen}`)));
  });
});
test.afterAll(async () => {
  if (harness?.pid !== undefined && harness.exitCode === null) {
    const exited = new Promise((r) => harness.once('exit', r));
    process.kill(-harness.pid, 'SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

test('choose a log folder → progress → the devices → the leaders’ HTML report', async ({ page }) => {
  await page.goto(url);
  await page.getByRole('navigation').getByRole('button', { name: 'Giám sát mạng (cán bộ CNTT)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Giám sát mạng' })).toBeFocused();
  const start = page.getByRole('button', { name: 'Bắt đầu', exact: true });
  await expect(start).toBeDisabled();
  await page.getByLabel('Tệp hoặc thư mục nhật ký (mỗi dòng một đường dẫn)').fill(logs);
  await start.click();

  await expect(page.getByRole('status').filter({ hasText: 'Phát hiện 12 thiết bị' })).toHaveText(
    'Phát hiện 12 thiết bị đã kết nối tới 4 địa chỉ/tên miền độc hại của Chiến dịch',
  );
  await expect(page.getByText('Đã đọc 6 tệp,')).toBeVisible();
  const router = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '192.168.1.50' }) });
  await expect(router).toContainText('203.0.113.9');
  await expect(router).toContainText('evil.example');
  const pc = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /10\.1\.2\.77/ }) });
  await expect(pc).toContainText('KT-PC07.sotttt.local');
  await expect(pc).toContainText('sysmon-export.xml:3');
  await page.getByText('Cảnh báo khi đọc (2)').click();
  await expect(page.getByText(/notes\.txt định dạng nhật ký không nhận ra/)).toBeVisible();

  const a11y = await new AxeBuilder({ page }).include('main').analyze();
  expect(a11y.violations.map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: 'test-results/hunt-screen.png', fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất báo cáo cho lãnh đạo (HTML)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^sachmadoc-giam-sat-mang-\d{8}-\d{6}\.html$/);
  // Opened as the leaders open it: a file, outside the app (and outside the app's CSP).
  const saved = join(dir, download.suggestedFilename());
  await download.saveAs(saved);
  expect(readFileSync(saved, 'utf8')).not.toMatch(/<script|<link|src=/);
  await page.goto(pathToFileURL(saved).href);
  await expect(page.getByRole('heading', { level: 1, name: 'Báo cáo giám sát mạng' })).toBeVisible();
  await expect(page.getByText('12 thiết bị')).toBeVisible();
  await page.screenshot({ path: 'test-results/hunt-report.png', fullPage: true });
});

test('the period is typed day first (dd/mm/yyyy hh:mm): a typo is said beside the fields, a good one filters', async ({
  page,
}) => {
  await page.goto(url);
  await page.getByRole('navigation').getByRole('button', { name: 'Giám sát mạng (cán bộ CNTT)' }).click();
  await page.getByLabel('Tệp hoặc thư mục nhật ký (mỗi dòng một đường dẫn)').fill(logs);
  const since = page.getByRole('textbox', { name: 'Từ (không bắt buộc)' });
  await expect(since).toHaveAttribute('placeholder', '01/11/2026');
  await expect(page.getByRole('textbox', { name: 'Đến (không bắt buộc)' })).toHaveAttribute(
    'placeholder',
    '30/11/2026 17:00',
  );
  // Month first, as an ISO-minded habit would type it: refused before anything runs.
  await since.fill('11/23/2026');
  await page.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Thời điểm “Từ” (11/23/2026) không đọc được. Viết theo dạng ngày/tháng/năm, ví dụ 23/11/2026 hoặc 23/11/2026 08:00.',
  );
  await expect(since).toHaveAttribute('aria-invalid', 'true');
  // Every line of the mixed folder is from before December: from 01/12/2026 00:00 nothing is found.
  await since.fill('01/12/2026 00:00');
  await page.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Không thấy thiết bị nào' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/hunt-period.png', fullPage: true });
});

test('an unreadable path says what and where', async ({ page }) => {
  await page.goto(url);
  await page.getByRole('navigation').getByRole('button', { name: 'Giám sát mạng (cán bộ CNTT)' }).click();
  await page
    .getByLabel('Tệp hoặc thư mục nhật ký (mỗi dòng một đường dẫn)')
    .fill(join(dir, 'no-such-folder'));
  await page.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('no-such-folder');
  await expect(page.getByRole('alert')).toContainText('Kiểm tra đường dẫn tệp hoặc thư mục nhật ký.');
});

test('"Lưu dữ liệu cho cán bộ CNTT" through the harness: on Linux it says Windows only and what to do', async ({
  page,
}) => {
  await page.goto(url);
  await page.getByRole('navigation').getByRole('button', { name: 'Giám sát mạng (cán bộ CNTT)' }).click();
  await page.getByRole('button', { name: 'Lưu dữ liệu cho cán bộ CNTT' }).click();
  const alert = page.getByRole('region', { name: 'Dữ liệu của máy này cho cán bộ CNTT' }).getByRole('alert');
  await expect(alert).toContainText('Chỉ lưu được dữ liệu trên máy Windows');
  await expect(alert).toContainText('collect.cmd');
  await expect(page.getByRole('button', { name: 'Lưu dữ liệu cho cán bộ CNTT' })).toBeEnabled();
  await page.screenshot({ path: 'test-results/hunt-save-captures.png', fullPage: true });
});
