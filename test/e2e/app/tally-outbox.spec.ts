// The tally outbox in Chromium against the real services (harness bridge) and a real loopback
// server that plays, in turn, a captive portal (200 login page), the tally refusing the unit (422 with
// its reason) and the tally storing the result: the page shows "Đang chờ gửi: N" with the reason, lists
// the refused results with the tally's reason worded in Vietnamese only (its raw text folded away),
// and resend/delete act on them.
import { createServer, type Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { bilingual } from '../../../shared/i18n';
import { harnessForSpec, nav, startCheck } from '../../support/e2e/app-spec';

const h = harnessForSpec();
let tally: Server;
let tallyUrl: string;
let mode: 'portal' | 'refuse' | 'tally' = 'portal';
let refusals = 0;
/** The tally's refusal of an unregistered unit, as tally/server answers it: code, params and both languages. */
const unknownUnit = {
  error: 'unknown-unit',
  code: 'msg.tally.refusal.unknown-unit',
  params: { unit: 'SO-E2E' },
  message: bilingual('msg.tally.refusal.unknown-unit', { unit: 'SO-E2E' }),
};
/** An older tally's refusal: only its bilingual text. */
const olderTally = {
  error: 'unknown-unit',
  message:
    'Đơn vị "SO-E2E" chưa được đăng ký trên máy chủ tổng hợp; hãy chọn đúng đơn vị hoặc liên hệ quản trị. / Unit "SO-E2E" is not registered on this tally; pick another unit or ask the administrator to import it.',
};
const stored: string[] = [];

test.beforeAll(async () => {
  tally = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (mode === 'portal') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><title>Wi-Fi login</title><form action="/login"></form></html>');
      } else if (mode === 'refuse') {
        res.writeHead(422, { 'content-type': 'application/json' });
        // The first refusal comes from an older tally, the next from a current one.
        res.end(JSON.stringify(refusals++ === 0 ? olderTally : unknownUnit));
      } else {
        const { submissionId } = JSON.parse(body) as { submissionId: string };
        stored.push(submissionId);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'stored', submissionId }));
      }
    });
  });
  await new Promise<void>((r) => tally.listen(0, '127.0.0.1', r));
  tallyUrl = `http://127.0.0.1:${(tally.address() as { port: number }).port}`;
});
test.afterAll(async () => {
  tally?.closeAllConnections();
  await new Promise((r) => tally?.close(r));
});

test('captive portal keeps the result waiting with the reason; refusals are listed; resend and delete', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await startCheck(page, h.url);
  await expect(page.getByRole('listitem').filter({ hasText: `(PID ${h.childPid})` })).toBeVisible({
    timeout: 30_000,
  });

  await nav(page, 'Cài đặt').click();
  await page.getByLabel('Địa chỉ máy chủ tổng hợp').fill(tallyUrl);
  await page.getByLabel('Mã đơn vị của bạn').fill('SO-E2E');
  await page.getByLabel('Đồng ý gửi kết quả ẩn danh về máy chủ tổng hợp').check();
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByText('Đã lưu cài đặt.')).toBeVisible();

  // A 200 login page is not the tally's receipt: the result waits, and the page says why.
  await page.getByRole('button', { name: 'Gửi kết quả ngay' }).click();
  await expect(page.getByText('Đang chờ gửi: 1')).toBeVisible();
  await expect(page.getByText(/không trả lời như một máy chủ tổng hợp \(HTTP 200\)/)).toBeVisible();
  await expect(page.getByText(/sẽ tự gửi lại lúc/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/tally-outbox-waiting-vi.png' });

  // The tally refuses the unit: both results move to the refused list, with the tally's reason.
  mode = 'refuse';
  await page.getByRole('button', { name: 'Gửi kết quả ngay' }).click();
  await expect(page.getByText('Đang chờ gửi: 0')).toBeVisible();
  const refused = page.getByRole('region', { name: 'Kết quả bị máy chủ tổng hợp từ chối: 2' });
  await expect(refused).toBeVisible();
  // In Vietnamese only: the current tally's reason from its code, a plain sentence for the older one;
  // the tally's bilingual text is only inside the closed "Chi tiết kỹ thuật".
  const reasons = refused.locator('li > p:first-child');
  await expect(reasons).toHaveText([
    'Lý do: Máy chủ tổng hợp đã từ chối kết quả này. Lý do nó gửi nằm trong phần chi tiết kỹ thuật bên dưới.',
    'Lý do: Đơn vị "SO-E2E" chưa được đăng ký trên máy chủ tổng hợp; hãy chọn đúng đơn vị trong Cài đặt hoặc liên hệ quản trị viên.',
  ]);
  await expect(refused.getByText(/is not registered on this tally/)).toHaveCount(2);
  for (const english of await refused.getByText(/is not registered on this tally/).all())
    await expect(english).toBeHidden();
  expect(await refused.innerText()).not.toMatch(/ \/ |\bUnit\b|\btally\b/);
  const violations = (await new AxeBuilder({ page }).include('#tally-refused-title').analyze()).violations;
  expect(violations.map((v) => v.id)).toEqual([]);
  await refused.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/tally-outbox-refused-vi.png' });
  await refused.getByText('Chi tiết kỹ thuật (cho cán bộ CNTT)').first().click();
  await expect(refused.getByText(/is not registered on this tally/).first()).toBeVisible();
  // The long raw text wraps inside the list instead of running past the panel.
  const pre = (await refused.locator('details pre').first().boundingBox())!;
  const list = (await refused.locator('ul').boundingBox())!;
  expect(pre.x + pre.width).toBeLessThanOrEqual(list.x + list.width + 1);
  await page.screenshot({ path: 'test-results/screenshots/tally-outbox-refused-details-vi.png' });

  const resendButtons = refused.getByRole('button', { name: /^Gửi lại kết quả / });
  const first = (await resendButtons.first().getAttribute('aria-label'))!.replace('Gửi lại kết quả ', '');
  await refused
    .getByRole('button', { name: /^Xoá kết quả / })
    .last()
    .click();
  await expect(page.getByRole('region', { name: 'Kết quả bị máy chủ tổng hợp từ chối: 1' })).toBeVisible();

  mode = 'tally';
  await page.getByRole('button', { name: `Gửi lại kết quả ${first}` }).click();
  await expect(page.getByRole('region', { name: /từ chối/ })).toHaveCount(0);
  await expect(page.getByText('Đang chờ gửi: 0')).toBeVisible();
  expect(stored).toHaveLength(1);
  expect(stored[0].startsWith(first)).toBe(true);
});
