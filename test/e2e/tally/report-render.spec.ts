// The appendix documents as a person prints them: the DOCX and the XLSX the dashboard's API
// produces are rendered by LibreOffice (headless, Debian's libreoffice-writer-nogui and
// libreoffice-calc-nogui; Times New Roman's metrics through fonts-liberation) to PDF, checked for
// A4 pages, the Decree 30 heading, the campaign and exact Vietnamese-formatted numbers, the XLSX
// one page wide, and turned into PNGs (poppler-utils) that are attached to the report to be looked at.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../tally/store/sqlite-store';
import { makeResult, recordTestCampaign, UNITS, withFindings } from '../../support/tally/helpers';
import { startTallyProcess, stopTallyProcess, type ServerProcess } from '../../support/tally/server-process';

const TOKEN = 'e2e-render-token-77c1';
let server: ServerProcess;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tally-render-'));
  const store = openSqliteStore({ file: join(dataDir, 'tally.sqlite'), writer: 'inline' });
  // Enough units for a per-unit table of some length, two of them silent.
  const units = [
    ...UNITS,
    ...Array.from({ length: 9 }, (_, i) => ({ code: `UB-XA-${i + 1}`, name: `UBND xã Ea Kao ${i + 1}` })),
  ];
  await store.upsertUnits(units);
  await recordTestCampaign(store);
  for (const [i, u] of units.slice(1).entries()) {
    if (i === 4) continue;
    for (let k = 0; k <= i; k += 1) {
      const r = makeResult({ unitCode: u.code, day: '2026-11-21' });
      await store.submit(k === 0 ? withFindings(r, ['ioc-1']) : r);
    }
  }
  // A large unit: the counts reach thousands, written 1.234 as Vietnamese readers write them.
  await store.upsertUnits([{ code: 'BV-LON', name: 'Bệnh viện lớn' }]);
  for (let k = 0; k < 1200; k += 1) await store.submit(makeResult({ unitCode: 'BV-LON', day: '2026-11-22' }));
  await store.close();
  server = await startTallyProcess({ TALLY_DATA_DIR: dataDir, TALLY_ADMIN_TOKEN: TOKEN });
});

test.afterAll(async () => {
  await stopTallyProcess(server);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Renders a document to PDF with LibreOffice, then each page to PNG; returns the PDF's path. */
function render(file: string, outDir: string): { pdf: string; pngs: string[] } {
  // A profile of its own: a second soffice (another test, another engineer) never blocks this one.
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(outDir, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      file,
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  const pdf = file.replace(/\.(docx|xlsx)$/, '.pdf');
  const prefix = file.replace(/\.(docx|xlsx)$/, '-page');
  execFileSync('pdftoppm', ['-r', '80', '-png', pdf, prefix]);
  const base = prefix.split('/').pop()!;
  const pngs = readdirSync(outDir)
    .filter((n) => n.startsWith(base) && n.endsWith('.png'))
    .sort()
    .map((n) => join(outDir, n));
  return { pdf, pngs };
}

const pdfText = (pdf: string, page: number) =>
  execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
const pdfPages = (pdf: string) =>
  execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => /^Page +\d+ size:/.test(l) || /^Pages:/.test(l));

async function download(format: 'docx' | 'xlsx', path: string): Promise<void> {
  const res = await fetch(`${server.url}/api/admin/reports/${format}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      unitName: 'Sở Thông tin và Truyền thông',
      parentName: 'UBND tỉnh Đắk Lắk',
      place: 'Đắk Lắk',
      letterNumber: '1234/STTTT-CNTT',
      letterDate: '2026-08-30',
      letterIssuer: 'Sở Thông tin và Truyền thông',
      assessment: 'Các cơ quan đã kiểm tra toàn bộ máy tính của cán bộ, công chức.',
      recommendations: 'Đề nghị Cục An toàn thông tin tiếp tục cập nhật danh sách địa chỉ độc hại.',
    }),
  });
  expect(res.status).toBe(200);
  writeFileSync(path, Buffer.from(await res.arrayBuffer()));
}

test('the DOCX prints as an A4 administrative document with the heading, the campaign and exact numbers', async ({
  browserName: _b,
}, testInfo) => {
  test.setTimeout(240_000);
  const out = testInfo.outputPath();
  const file = join(out, 'phu-luc.docx');
  await download('docx', file);
  const { pdf, pngs } = render(file, out);
  for (const [i, png] of pngs.entries())
    await testInfo.attach(`docx page ${i + 1}`, { path: png, contentType: 'image/png' });
  const pages = pdfPages(pdf);
  expect(pages.find((l) => l.startsWith('Pages:'))).toMatch(/Pages:\s+[12]$/);
  for (const l of pages.filter((x) => x.startsWith('Page '))) expect(l).toContain('595.3 x 841.89 pts (A4)');
  const first = pdfText(pdf, 1);
  for (const t of [
    'UBND TỈNH ĐẮK LẮK',
    'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Đắk Lắk, ngày',
    'PHỤ LỤC',
    'Mẫu thống kê, báo cáo kết quả triển khai',
    '(Kèm theo Công văn số 1234/STTTT-CNTT ngày 30/08/2026 của Sở Thông tin và Truyền',
    'Chiến dịch làm sạch mã độc trên không gian mạng năm 2026',
    '1. Thông tin chung',
    '2. Thông tin số liệu',
  ])
    expect(first).toContain(t);
  // Row 3, machines checked: 1 + 2 + … + 11 without the silent fifth unit (61), and 1,200 more.
  expect(first).toMatch(/Tổng số máy tính được kiểm tra\s+1\.261/);
  expect(first).toMatch(/Tổng số cơ quan, tổ chức triển khai chiến dịch\s+11/);
  // Times New Roman, or its metric-compatible Liberation Serif where Windows fonts are absent.
  expect(execFileSync('pdffonts', [pdf], { encoding: 'utf8' })).toMatch(/TimesNewRoman|LiberationSerif/);
});

test('the XLSX prints on A4, one page wide, each sheet whole across', async ({
  browserName: _b,
}, testInfo) => {
  test.setTimeout(240_000);
  const out = testInfo.outputPath();
  const file = join(out, 'phu-luc.xlsx');
  await download('xlsx', file);
  const { pdf, pngs } = render(file, out);
  for (const [i, png] of pngs.entries())
    await testInfo.attach(`xlsx page ${i + 1}`, { path: png, contentType: 'image/png' });
  const pages = pdfPages(pdf);
  // One page per sheet: the form (portrait) and the per-unit table (landscape), none split sideways.
  expect(pages.find((l) => l.startsWith('Pages:'))).toMatch(/Pages:\s+2$/);
  const form = pdfText(pdf, 1);
  expect(form).toContain('TT');
  expect(form).toContain('Ghi chú');
  expect(form).toMatch(/Tổng số máy tính được kiểm tra\s+1\.261/);
  const units = pdfText(pdf, 2);
  for (const t of ['Mã đơn vị', 'Kết quả gần nhất', 'UB-XA-9', 'Chưa gửi']) expect(units).toContain(t);
});
