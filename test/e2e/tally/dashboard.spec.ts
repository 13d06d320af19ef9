// The tally dashboard in Chromium: log in, see the exact counts of a seeded campaign, switch
// campaigns, sort and export the per-unit table, download each export and read the files back with
// libraries (JSZip for the DOCX, exceljs for the XLSX). A screenshot of the dashboard is attached.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnonymizedResult } from '../../../shared/tally/result';
import { openSqliteStore } from '../../../tally/store/sqlite-store';
import {
  CAMPAIGN,
  makeResult,
  recordTestCampaign,
  toArrayBuffer,
  UNITS,
  withFindings,
} from '../../support/tally/helpers';
import { startTallyProcess, stopTallyProcess, type ServerProcess } from '../../support/tally/server-process';

const TOKEN = 'e2e-admin-token-3f9a';
const CHECKED = 'Tổng số máy tính được kiểm tra';
const FOUND = 'Tổng số máy tính có kết nối đến địa chỉ độc hại của chiến dịch';
const CLEANED = 'Tổng số máy tính đã được làm sạch (kiểm tra lại không còn kết nối)';
const CRACKED = 'Tổng số máy tính có dấu hiệu sử dụng phần mềm bẻ khóa';

const OLD_CAMPAIGN = {
  ...CAMPAIGN,
  id: 'cd-2025',
  nameVi: 'Chiến dịch làm sạch mã độc năm 2025',
  startsOn: '2025-08-01',
  endsOn: '2025-12-31',
  reportDeadline: '2025-12-15',
};

let server: ServerProcess;
let dataDir: string;

/** Seeded: SO-TTTT 6 machines (3 with findings, 2 of them cleaned, 1 cracked), UB-HUYEN-A 2 machines (1 with findings), BV-TINH none. */
function seedResults(): AnonymizedResult[] {
  const out: AnonymizedResult[] = [];
  const machine = () => crypto.randomUUID();
  for (let i = 0; i < 6; i += 1) {
    const id = machine();
    const r = makeResult({ unitCode: 'SO-TTTT', installId: id, day: `2026-11-2${i % 3}` });
    if (i < 3) {
      out.push(withFindings(r, ['ioc-0001', i === 0 ? 'ioc-0002' : 'ioc-0001']));
      if (i < 2)
        out.push(makeResult({ unitCode: 'SO-TTTT', installId: id, day: '2026-11-23', cleanRescan: true }));
    } else {
      out.push(i === 5 ? { ...r, counts: { ...r.counts, crackedSoftwareSigns: 1 } } : r);
    }
  }
  out.push(withFindings(makeResult({ unitCode: 'UB-HUYEN-A', day: '2026-11-21' }), ['ioc-0001']));
  out.push(makeResult({ unitCode: 'UB-HUYEN-A', day: '2026-11-22' }));
  return out;
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tally-e2e-'));
  const store = openSqliteStore({ file: join(dataDir, 'tally.sqlite'), writer: 'inline' });
  await store.upsertUnits(UNITS);
  // An older campaign with one machine of BV-TINH: never mixed into cd-2026's numbers.
  await store.recordCampaign({ ...OLD_CAMPAIGN, recordedAt: '2025-08-01T00:00:00.000Z' }, ['ioc-0001']);
  await store.submit(makeResult({ campaignId: OLD_CAMPAIGN.id, unitCode: 'BV-TINH', day: '2025-09-01' }));
  await recordTestCampaign(store);
  for (const r of seedResults()) await store.submit(r);
  await store.close();
  server = await startTallyProcess({ TALLY_DATA_DIR: dataDir, TALLY_ADMIN_TOKEN: TOKEN });
});

test.afterAll(async () => {
  await stopTallyProcess(server);
  rmSync(dataDir, { recursive: true, force: true });
});

async function login(page: Page): Promise<void> {
  await page.goto(`${server.url}/dashboard/`);
  await page.getByLabel('Mã quản trị (admin token)').fill(TOKEN);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã đăng nhập.');
}

async function download(page: Page, button: string): Promise<Buffer> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = await file.path();
  return readFileSync(path);
}

const unescapeXml = (s: string) =>
  s.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!,
  );

/** The text of every table row of word/document.xml, cells joined with " | ". */
async function docxRows(bytes: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)]
      .map((tc) =>
        [...tc[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1])).join(''),
      )
      .join(' | '),
  );
}

test('refuses a wrong token', async ({ page }) => {
  await page.goto(`${server.url}/dashboard/`);
  await page.getByLabel('Mã quản trị (admin token)').fill('not-the-token');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('status')).toContainText('Mã quản trị không đúng');
  await expect(page.getByRole('heading', { name: 'Tổng hợp toàn tỉnh' })).toBeHidden();
});

test('shows the exact counts of the served campaign, silent units first, and passes an accessibility check', async ({
  page,
}, testInfo) => {
  await login(page);
  await expect(page.getByLabel('Chiến dịch', { exact: true })).toHaveValue(CAMPAIGN.id);
  await expect(page.locator('#campaign-info')).toContainText('từ 23/08/2026 đến 31/12/2026');
  const card = (name: string) =>
    page.getByRole('definition').filter({ has: page.locator(`xpath=preceding-sibling::dt[.="${name}"]`) });
  await expect(card('Máy tính được kiểm tra')).toHaveText('8');
  await expect(card('Máy có kết nối độc hại')).toHaveText('4');
  await expect(card('Máy đã làm sạch')).toHaveText('2');
  await expect(card('Máy có dấu hiệu bẻ khóa')).toHaveText('1');
  await expect(card('Đơn vị nhận thông tin')).toHaveText('3');
  await expect(card('Đơn vị triển khai')).toHaveText('2');
  const rows = page.getByRole('table', { name: 'Tham gia theo đơn vị' }).getByRole('row');
  // BV-TINH sent nothing to this campaign (its one result is the 2025 campaign's): first, marked.
  await expect(rows.nth(1).getByRole('cell')).toHaveText([
    'BV-TINH',
    'Bệnh viện Đa khoa tỉnh',
    'Chưa gửi',
    '0',
    '0',
    '0',
    '0',
    '—',
  ]);
  await expect(rows.nth(1)).toHaveClass('silent');
  const so = page.getByRole('row', { name: /SO-TTTT/ });
  await expect(so.getByRole('cell')).toHaveText([
    'SO-TTTT',
    'Sở Thông tin và Truyền thông',
    'Có',
    '6',
    '3',
    '2',
    '1',
    /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
  ]);
  await expect(
    page
      .getByRole('row', { name: /UB-HUYEN-A/ })
      .getByRole('cell')
      .nth(3),
  ).toHaveText('2');
  await expect(page.getByRole('listitem').first()).toHaveText('ioc-0001 — 4 kết quả');
  // No unit's daily count jumped in the seeded days.
  await expect(page.getByRole('list', { name: 'Đơn vị tăng bất thường (cần kiểm tra)' })).toHaveText(
    'Không có.',
  );
  // The Vietnamese dashboard has no English subtitle or English halves (issue 15).
  await expect(page.locator('header')).not.toContainText('Campaign tally dashboard');
  await expect(page.getByRole('img', { name: 'Kết quả gửi về theo ngày' }).locator('rect')).toHaveCount(4);
  const shot = testInfo.outputPath('dashboard.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('dashboard', { path: shot, contentType: 'image/png' });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('sorts the per-unit table by a column and switches campaigns', async ({ page }) => {
  await login(page);
  const table = page.getByRole('table', { name: 'Tham gia theo đơn vị' });
  const firstCodes = () => table.getByRole('row').locator('td:first-child');
  await table.getByRole('button', { name: 'Máy được kiểm tra' }).click();
  await expect(firstCodes()).toHaveText(['BV-TINH', 'UB-HUYEN-A', 'SO-TTTT']);
  await expect(table.getByRole('columnheader', { name: 'Máy được kiểm tra' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await table.getByRole('button', { name: 'Máy được kiểm tra' }).click();
  await expect(firstCodes()).toHaveText(['SO-TTTT', 'UB-HUYEN-A', 'BV-TINH']);

  await page.getByLabel('Chiến dịch', { exact: true }).selectOption(OLD_CAMPAIGN.id);
  await expect(page.getByRole('status')).toHaveText('Đã chuyển chiến dịch.');
  const card = (name: string) =>
    page.getByRole('definition').filter({ has: page.locator(`xpath=preceding-sibling::dt[.="${name}"]`) });
  await expect(card('Máy tính được kiểm tra')).toHaveText('1');
  await expect(card('Đơn vị triển khai')).toHaveText('1');
  await expect(page.locator('#campaign-info')).toContainText(OLD_CAMPAIGN.nameVi);
  const csv = (await download(page, 'Xuất bảng (CSV)')).toString('utf8');
  expect(csv).toContain(`Chiến dịch,${OLD_CAMPAIGN.nameVi} (cd-2025)`);
  expect(csv).toMatch(/BV-TINH,Bệnh viện Đa khoa tỉnh,Có,1,0,0,0,\d{2}\/\d{2}\/\d{4}/);
  expect(csv).toContain('SO-TTTT,Sở Thông tin và Truyền thông,Chưa gửi,0,0,0,0,—');
});

test('downloads the province appendix as DOCX, XLSX and CSV with the form fields and the counts', async ({
  page,
}) => {
  await login(page);
  await page.getByLabel('Tên đơn vị').fill('Sở Thông tin và Truyền thông tỉnh Đắk Lắk');
  await page.getByLabel('Cơ quan chủ quản (in phía trên)').fill('UBND tỉnh Đắk Lắk');
  await page.getByLabel('Địa danh (dòng “…, ngày … tháng … năm …”)').fill('Đắk Lắk');
  await page.getByLabel('Kèm theo Công văn số').fill('1234/STTTT-CNTT');
  await page.getByLabel('Ngày của Công văn').fill('2026-08-30');
  await page.getByLabel('Cơ quan ban hành Công văn').fill('Sở Thông tin và Truyền thông');
  await page
    .getByLabel('Đánh giá kết quả thực hiện chiến dịch trong phạm vi triển khai')
    .fill('Các đơn vị triển khai nghiêm túc.');
  await page.getByLabel('Đề xuất, kiến nghị (nếu có)').fill('Tiếp tục rà soát định kỳ.');

  const rows = await docxRows(await download(page, 'Tải DOCX'));
  expect(rows).toContain('TT | Nội dung | Số lượng | Ghi chú');
  expect(rows).toContain(`3 | ${CHECKED} | 8 | Mỗi máy tính được tính một lần trong chiến dịch`);
  expect(rows.find((r) => r.startsWith('4 | '))).toContain(`${FOUND} | 4`);
  expect(rows.find((r) => r.startsWith('5 | '))).toContain(`${CLEANED} | 2`);
  expect(rows.find((r) => r.startsWith('6 | '))).toContain(`${CRACKED} | 1`);
  expect(rows.find((r) => r.startsWith('1 | '))).toContain('| 3 |');
  expect(rows.find((r) => r.startsWith('2 | '))).toContain('| 2 |');
  expect(rows).toContain('1 | Bệnh viện Đa khoa tỉnh (BV-TINH) | Chưa gửi | 0 | 0 | 0 | 0 | —');
  expect(rows.find((r) => r.includes('(SO-TTTT)'))).toMatch(
    /^\d \| Sở Thông tin và Truyền thông \(SO-TTTT\) \| Có \| 6 \| 3 \| 2 \| 1 \| \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
  );
  expect(rows[0]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(rows[0]).toContain('SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH ĐẮK LẮK');

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(toArrayBuffer(await download(page, 'Tải XLSX')));
  const sheet = wb.getWorksheet('Phụ lục')!;
  const values: Record<string, unknown> = {};
  sheet.eachRow((row) => {
    values[row.getCell(2).text] = row.getCell(3).value;
  });
  expect(values[CHECKED]).toBe(8);
  expect(values[FOUND]).toBe(4);
  expect(values[CLEANED]).toBe(2);
  expect(values[CRACKED]).toBe(1);
  expect(values['- Tên đơn vị: Sở Thông tin và Truyền thông tỉnh Đắk Lắk']).toBeDefined();
  expect(Object.keys(values)).toContain('Các đơn vị triển khai nghiêm túc.');

  const csv = (await download(page, 'Tải CSV')).toString('utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv).toContain(`3,${CHECKED},8,`);
  expect(csv).toContain('Đề xuất, kiến nghị (nếu có)",Tiếp tục rà soát định kỳ.');
});

test('downloads one unit’s appendix with its exact counts', async ({ page }) => {
  await login(page);
  await page.getByLabel('Phạm vi báo cáo').selectOption('SO-TTTT');
  await expect(page.getByLabel('Tên đơn vị')).toHaveValue('Sở Thông tin và Truyền thông');
  const csv = (await download(page, 'Tải CSV')).toString('utf8');
  expect(csv).toContain('Tên đơn vị,Sở Thông tin và Truyền thông');
  expect(csv).toContain(`3,${CHECKED},6,`);
  expect(csv).toContain(`4,${FOUND},3,`);
  expect(csv).toContain(`5,${CLEANED},2,`);
  expect(csv).not.toContain('UB-HUYEN-A');
});

test('imports units from a CSV file and reports bad lines by number', async ({ page }) => {
  await login(page);
  const file = page.getByLabel('Tệp CSV đơn vị (cột code,name)');
  await file.setInputFiles({
    name: 'sai.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('code,name\nPHONG-GD,Phòng Giáo dục\nsai mã,X\n'),
  });
  await page.getByRole('button', { name: 'Nhập danh sách đơn vị' }).click();
  await expect(page.getByRole('status')).toContainText('units.csv:3');
  await expect(page.getByRole('row', { name: /PHONG-GD/ })).toHaveCount(0);
  await file.setInputFiles({
    name: 'dung.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('code,name\nPHONG-GD,Phòng Giáo dục\n'),
  });
  await page.getByRole('button', { name: 'Nhập danh sách đơn vị' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã nhập đơn vị: mới 1, cập nhật 0.');
  const added = page.getByRole('row', { name: /PHONG-GD/ });
  await expect(added.getByRole('cell').nth(2)).toHaveText('Chưa gửi');
  await expect(added).toHaveClass('silent');
});

test('serves the bundled signed sample feed with an ETag when none is published', async ({ request }) => {
  const feed = await request.get(`${server.url}/feed/latest.json`);
  expect(feed.status()).toBe(200);
  expect(await feed.body()).toEqual(readFileSync(join(process.cwd(), 'assets', 'feed', 'sample-feed.json')));
  const etag = feed.headers()['etag'];
  expect(
    (await request.get(`${server.url}/feed/latest.json`, { headers: { 'if-none-match': etag } })).status(),
  ).toBe(304);
  const sig = await request.get(`${server.url}/feed/latest.json.sig`);
  expect(await sig.text()).toBe(
    readFileSync(join(process.cwd(), 'assets', 'feed', 'sample-feed.json.sig'), 'utf8'),
  );
});
