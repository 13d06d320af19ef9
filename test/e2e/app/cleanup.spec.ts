// Guided cleanup in Chromium against the real services (harness bridge): a real child process
// connected to a campaign address is flagged, terminated after confirmation; a new child connects
// again and the watched re-scan names its PID; once that one is gone too the re-scan says gone, the
// log lists every step, the evidence report downloads, and the tally preview carries cleanRescan: true.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { axeClean, harnessForSpec, nav, startCheck } from '../../support/e2e/app-spec';
import { CAMPAIGN_ADDRESS } from './harness';

const h = harnessForSpec();

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('flagged child → clean up → terminate confirmed → back under a new PID → re-scan gone → log → evidence report → tally cleanRescan', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  await startCheck(page, h.url);
  await expect(page.getByRole('listitem').filter({ hasText: `(PID ${h.childPid})` })).toBeVisible({
    timeout: 30_000,
  });

  await nav(page, 'Chi tiết (cán bộ CNTT)').click();
  await expect(page.getByRole('button', { name: `Xử lý kết nối của PID ${h.childPid}` })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/guided-cleanup-details-vi.png' });
  await page.getByRole('button', { name: `Xử lý kết nối của PID ${h.childPid}` }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Xử lý mã độc có hướng dẫn (cán bộ CNTT)' }),
  ).toBeFocused();
  await expect(page.getByText(`node (PID ${h.childPid}) → ${CAMPAIGN_ADDRESS}:${h.port}`)).toBeVisible();
  // Evidence of the real child: this node binary, hashed, with its command line.
  await expect(page.getByRole('definition').filter({ hasText: /^[0-9a-f]{64}$/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole('definition').filter({ hasText: 'setInterval' })).toBeVisible();

  // Nothing runs on the first press: the exact step is shown and waits for "Xác nhận".
  const terminate = `Dừng tiến trình node (PID ${h.childPid})`;
  await page.getByRole('button', { name: terminate, exact: true }).click();
  const proposal = page.getByRole('group', { name: `Xác nhận: ${terminate}` });
  await expect(proposal).toContainText(`Sẽ thực hiện: Dừng tiến trình node (PID ${h.childPid}).`);
  expect(alive(h.childPid)).toBe(true);
  await page.screenshot({ path: 'test-results/screenshots/guided-cleanup-proposal-vi.png', fullPage: true });
  await expect(proposal.getByRole('button', { name: `Xác nhận: ${terminate}` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Thành công:' }).first()).toBeVisible({
    timeout: 30_000,
  });
  await expect.poll(() => alive(h.childPid), { timeout: 10_000 }).toBe(false);

  // The beacon comes back under another PID (as a watchdog would restart it): the re-scan watches
  // 15 s with a progress bar, names the new PID, and the item is not clean.
  const back = await h.connectAgain();
  const rescan = async () => {
    await page.getByRole('button', { name: 'Quét lại và kiểm tra kết nối đã hết chưa', exact: true }).click();
    await page.getByRole('button', { name: 'Xác nhận: Quét lại và kiểm tra kết nối đã hết chưa' }).click();
    await expect(page.getByRole('progressbar', { name: 'Tiến độ quét lại' })).toBeVisible();
    await expect(page.getByText(/Đang theo dõi kết nối: \d+\/15 giây/)).toBeVisible();
  };
  await rescan();
  await page.screenshot({ path: 'test-results/screenshots/guided-cleanup-rescan-progress-vi.png' });
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `kết nối xuất hiện lại từ PID ${back} (node) tới ${CAMPAIGN_ADDRESS}` }),
  ).toBeVisible({
    timeout: 40_000,
  });
  await expect(page.getByText(/^Kết nối vẫn còn\./)).toBeVisible();
  await page.screenshot({
    path: 'test-results/screenshots/guided-cleanup-rescan-back-vi.png',
    fullPage: true,
  });
  process.kill(back, 'SIGKILL');
  await expect.poll(() => alive(back), { timeout: 10_000 }).toBe(false);

  await rescan();
  await expect(page.getByText('Kết nối đã hết. Máy sạch đối với mục này.')).toBeVisible({ timeout: 40_000 });

  const log = page.getByRole('table', { name: 'Nhật ký thao tác' });
  await expect(
    log.getByRole('row').filter({ hasText: 'Dừng tiến trình' }).filter({ hasText: 'Thành công' }),
  ).toHaveCount(1);
  const outcome = (name: string) => ({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(
    log.getByRole('row').filter({ hasText: 'Quét lại' }).filter(outcome('Thành công')),
  ).toHaveCount(1);
  await expect(
    log.getByRole('row').filter({ hasText: 'Quét lại' }).filter(outcome('Không thành công')),
  ).toHaveCount(1);
  await expect(log).toContainText(
    `Quét lại: kết nối tới ${CAMPAIGN_ADDRESS}:${h.port} đã hết (theo dõi 15 giây`,
  );

  await axeClean(page, 'guided cleanup (vi)', 'serious');
  await page.screenshot({ path: 'test-results/screenshots/guided-cleanup-vi.png', fullPage: true });

  const [htmlFile] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất báo cáo HTML' }).click(),
  ]);
  expect(htmlFile.suggestedFilename()).toMatch(/^sachmadoc-evidence-.*\.html$/);
  const html = readFileSync(await htmlFile.path(), 'utf8');
  expect(html).toContain(String(h.childPid));
  expect(html).toContain(`kết nối tới ${CAMPAIGN_ADDRESS}:${h.port} đã hết`);
  expect(html).not.toMatch(/<script/i);

  const [jsonFile] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất báo cáo JSON' }).click(),
  ]);
  const report = JSON.parse(readFileSync(await jsonFile.path(), 'utf8')) as {
    format: string;
    findings: { indicator: string; connection?: { pid: number } }[];
    evidence: { pid: number; sha256: string | null }[];
    actions: { step: string; outcome: string }[];
  };
  expect(report.format).toBe('sachmadoc-evidence-report');
  expect(report.findings).toContainEqual(
    expect.objectContaining({
      indicator: CAMPAIGN_ADDRESS,
      connection: expect.objectContaining({ pid: h.childPid }),
    }),
  );
  expect(report.evidence).toContainEqual(
    expect.objectContaining({ pid: h.childPid, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
  );
  expect(report.actions.filter((a) => a.outcome !== 'proposed').map((a) => [a.step, a.outcome])).toEqual([
    ['terminate', 'ok'],
    ['rescan', 'failed'],
    ['rescan', 'ok'],
  ]);

  await page.getByRole('button', { name: 'Xuất báo cáo PDF' }).click();
  await expect(page.getByText(/Xuất PDF cần ứng dụng trên máy tính/)).toBeVisible();

  // The next tally preview says the re-scan was clean.
  await nav(page, 'Cài đặt').click();
  await page.getByLabel('Mã đơn vị của bạn').fill('SO-TTTT-E2E');
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByText('Đã lưu cài đặt.')).toBeVisible();
  await page.getByRole('button', { name: 'Xem trước dữ liệu sẽ gửi' }).click();
  const preview = page.getByLabel('Xem trước dữ liệu sẽ gửi', { exact: true }).and(page.locator('pre'));
  await expect(preview).toContainText('"cleanRescan": true');

  // English: the same view, with the log kept, axe-checked and photographed.
  await page.getByRole('button', { name: 'English' }).click();
  await nav(page, 'Guided cleanup').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Guided cleanup (IT staff)' })).toBeFocused();
  await expect(page.getByRole('table', { name: 'Action log' })).toContainText('Re-scan: the connection to');
  await axeClean(page, 'guided cleanup (en)', 'serious');
  await page.screenshot({ path: 'test-results/screenshots/guided-cleanup-en.png', fullPage: true });
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
});
