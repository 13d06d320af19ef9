// Issue 10 in Chromium with the real stylesheet: what a scan saw that is information, not a finding
// (names the hosts file blocks, a connection that has ended, "Windows not activated"), shown apart
// from the findings on the Details and Cracked software screens. This Linux machine has none of
// them, so the real scan's report is passed through with them added as a Windows machine reports them.
import { expect, test } from '@playwright/test';
import { axeClean, editScanReport, harnessForSpec, nav, startCheck } from '../../support/e2e/app-spec';

const h = harnessForSpec();

const ended = {
  protocol: 'tcp' as const,
  localAddress: '192.168.0.106',
  localPort: 50046,
  remoteAddress: '203.0.113.77',
  remotePort: 443,
  state: 'TIME_WAIT',
  pid: 0,
  processName: null,
  processPath: null,
  services: [],
};

test('blocked names, recently ended connections and not-activated notices are shown as information', async ({
  page,
}, info) => {
  await editScanReport(page, (report) => {
    report.blocked = [
      {
        indicator: 'evil.example',
        domain: 'c2.evil.example',
        address: '0.0.0.0',
        source: 'e2e-thu-nghiem',
        file: 'C:\\Windows\\System32\\drivers\\etc\\hosts',
        line: 23,
        text: '0.0.0.0 c2.evil.example',
      },
    ];
    report.recent = [
      {
        indicator: '203.0.113.77',
        kind: 'ip',
        via: 'connection',
        source: 'e2e-thu-nghiem',
        connection: ended,
      },
    ];
    report.notices = [
      {
        indicator: 'Windows(R), Professional edition',
        kind: 'not-activated',
        via: 'licensing',
        source: 'slmgr /dli',
        evidence: 'License Status: Notification',
        explanation: {
          vi: 'Windows chưa kích hoạt: Windows(R), Professional edition (trạng thái: chế độ thông báo). Đây không phải dấu hiệu bẻ khóa; máy cần được kích hoạt bản quyền.',
          en: 'Windows not activated: Windows(R), Professional edition (state: notification mode). This is not a sign of cracking; the copy needs a licence.',
        },
      },
    ];
  });
  await page.setViewportSize({ width: 1366, height: 860 });
  await startCheck(page, h.url);
  await expect(page.getByRole('button', { name: 'Xem chi tiết' })).toBeVisible({ timeout: 30_000 });

  await nav(page, 'Chi tiết (cán bộ CNTT)').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Bị chặn trên máy này (1)' })).toBeVisible();
  await expect(page.getByText('c2.evil.example → 0.0.0.0 (địa chỉ độc hại evil.example)')).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Kết nối gần đây, đã kết thúc (1)' }),
  ).toBeVisible();
  await expect(page.getByText('203.0.113.77:443 (trạng thái TIME_WAIT)')).toBeVisible();
  await axeClean(page, 'details information', 'serious');
  await page.screenshot({ path: info.outputPath('details-information-vi.png'), fullPage: true });

  await nav(page, 'Phần mềm bẻ khóa').click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Thông báo bản quyền (không phải dấu hiệu bẻ khóa)' }),
  ).toBeVisible();
  await expect(
    page.getByText(/^ — Windows chưa kích hoạt: Windows\(R\), Professional edition/),
  ).toBeVisible();
  await expect(page.getByText('Lần kiểm tra gần nhất không thấy dấu hiệu phần mềm bẻ khóa.')).toBeVisible();
  await axeClean(page, 'cracked notices', 'serious');
  await page.screenshot({ path: info.outputPath('cracked-notices-vi.png'), fullPage: true });

  await page.getByRole('button', { name: 'English' }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Licensing notices (not a sign of cracked software)' }),
  ).toBeVisible();
  await nav(page, 'Details (IT staff)').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Blocked on this machine (1)' })).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Recently connected, connection ended (1)' }),
  ).toBeVisible();
  await page.screenshot({ path: info.outputPath('details-information-en.png'), fullPage: true });
});
