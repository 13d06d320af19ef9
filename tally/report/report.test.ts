// The appendix model and its three renderings, read back with libraries: exact numbers (no "< 5"),
// the campaign and production date named, Vietnamese number and date formats, the Decree 30 page
// (A4, Times New Roman 13 pt, margins) and the XLSX print setup (one page wide, header row repeated).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildAppendix, ROW_LABELS } from './appendix';
import { dateLineVi, formatDayVi, formatInstantVi, formatNumberVi } from './format';
import { renderReport, reportFileName } from './render';
import type { Aggregates } from '../store/types';
import { CAMPAIGN, toArrayBuffer } from '../../test/support/tally/helpers';

const agg: Aggregates = {
  units: [
    { code: 'A', name: 'Đơn vị A' },
    { code: 'B', name: '=HYPERLINK("http://evil.example")' },
    { code: 'C', name: 'Đơn vị C' },
  ],
  totals: [
    {
      unitCode: 'A',
      results: 3000,
      lastResultAt: '2026-11-22T17:30:00.000Z',
      machines: 1234,
      withFindings: 7,
      cleaned: 5,
      cracked: 3,
    },
    {
      unitCode: 'B',
      results: 2,
      lastResultAt: '2026-11-20T01:05:00.000Z',
      machines: 2,
      withFindings: 1,
      cleaned: 0,
      cracked: 0,
    },
  ],
  byDay: [],
  topIndicators: [],
};
const now = new Date('2026-11-23T10:00:00Z');
const form = {
  unitName: 'Sở TT&TT <Đắk Lắk>',
  parentName: 'UBND tỉnh Đắk Lắk',
  place: 'Đắk Lắk',
  letterNumber: '1234/STTTT-CNTT',
  letterDate: '2026-08-30',
  letterIssuer: 'Sở Thông tin và Truyền thông',
  assessment: 'Dòng 1\nDòng 2',
  recommendations: 'Kiến nghị',
};

describe('Vietnamese formats', () => {
  it('groups thousands with a dot and writes dates dd/mm/yyyy in Vietnam time', () => {
    expect([0, 5, 1234, 1234567, -1000].map(formatNumberVi)).toEqual([
      '0',
      '5',
      '1.234',
      '1.234.567',
      '-1.000',
    ]);
    expect(formatDayVi('2026-09-30')).toBe('30/09/2026');
    // 17:30 UTC is 00:30 the next day in Hà Nội.
    expect(formatInstantVi('2026-11-22T17:30:00.000Z')).toBe('23/11/2026 00:30');
    expect(dateLineVi('Đắk Lắk', '2026-01-04T03:00:00Z')).toBe('Đắk Lắk, ngày 04 tháng 01 năm 2026');
    expect(dateLineVi('Đắk Lắk', '2026-11-23T03:00:00Z')).toBe('Đắk Lắk, ngày 23 tháng 11 năm 2026');
    expect(dateLineVi('', '2026-11-23T03:00:00Z')).toBe('……, ngày 23 tháng 11 năm 2026');
  });
});

describe('buildAppendix', () => {
  it('gives exact totals and exact per-unit numbers, units that sent nothing first', () => {
    const r = buildAppendix(agg, { campaign: CAMPAIGN, now, form });
    expect(r.rows.map((x) => x.label)).toEqual([...ROW_LABELS]);
    expect(r.rows.map((x) => x.value)).toEqual([3, 2, 1236, 8, 5, 3]);
    expect(r.units.map((u) => u.code)).toEqual(['C', 'A', 'B']);
    expect(r.units[0]).toMatchObject({ deployed: false, machines: 0, lastResultAt: null });
    expect(r.units[2]).toMatchObject({ machines: 2, withFindings: 1, cleaned: 0, cracked: 0 });
    expect(r.campaign.id).toBe(CAMPAIGN.id);
  });

  it('gives a unit report with exact numbers and the unit name by default', () => {
    const r = buildAppendix(agg, { campaign: CAMPAIGN, unitCode: 'B', now });
    expect(r.form.unitName).toBe('=HYPERLINK("http://evil.example")');
    expect(r.rows.map((x) => x.value)).toEqual([1, 1, 2, 1, 0, 0]);
    expect(r.units).toEqual([]);
    expect(reportFileName(r, 'docx')).toBe('phu-luc-cd-2026-don-vi-B-2026-11-23.docx');
  });
});

describe('renderers', () => {
  const report = buildAppendix(agg, { campaign: CAMPAIGN, now, form });

  it('writes a DOCX laid out as Decree 30 asks, naming the campaign and when it was produced', async () => {
    const zip = await JSZip.loadAsync(await renderReport(report, 'docx'));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const t of [
      'UBND TỈNH ĐẮK LẮK',
      'SỞ TT&amp;TT &lt;ĐẮK LẮK&gt;',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Đắk Lắk, ngày 23 tháng 11 năm 2026',
      'PHỤ LỤC',
      'Mẫu thống kê, báo cáo kết quả triển khai',
      '(Kèm theo Công văn số 1234/STTTT-CNTT ngày 30/08/2026 của Sở Thông tin và Truyền thông)',
      CAMPAIGN.nameVi,
      'từ 23/08/2026 đến 31/12/2026',
      'số liệu lập lúc 23/11/2026 17:00',
      '1. Thông tin chung',
      '2. Thông tin số liệu',
      'Dòng 2',
      ROW_LABELS[5],
      '1.236',
      '23/11/2026 00:30',
      'Chưa gửi',
    ])
      expect(text).toContain(t);
    expect(text).not.toContain('&lt; 5');
    // A4 portrait, margins 20/20/30/15 mm, Times New Roman 13 pt (26 half-points), black text.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134"[^>]*w:right="851" w:bottom="1134" w:left="1701"/);
    const styles = await zip.file('word/styles.xml')!.async('string');
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
    expect(defaults).toContain('w:ascii="Times New Roman"');
    expect(defaults).toContain('<w:sz w:val="26"/>');
    expect(defaults).toContain('<w:color w:val="000000"/>');
    expect(xml).not.toMatch(/<w:color w:val="(?!000000)/);
  });

  it('writes an XLSX that prints one page wide with its header row repeated', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(toArrayBuffer(await renderReport(report, 'xlsx')));
    const sheet = wb.getWorksheet('Phụ lục')!;
    const rows: unknown[][] = [];
    let headRow = 0;
    sheet.eachRow((row, n) => {
      rows.push([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value]);
      if (row.getCell(1).value === 'TT') headRow = n;
    });
    expect(rows).toContainEqual(['TT', 'Nội dung', 'Số lượng']);
    expect(rows).toContainEqual([3, ROW_LABELS[2], 1236]);
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headRow}:${headRow}`,
    });
    expect(sheet.pageSetup.printArea).toMatch(/^A1:D\d+$/);
    expect(sheet.getRow(headRow + 3).getCell(3).numFmt).toBe('[$-42A]#,##0');
    const units = wb.getWorksheet('Theo đơn vị')!;
    expect(units.getRow(2).getCell(2).value).toBe('Mã đơn vị');
    expect(units.getRow(3).getCell(2).value).toBe('C');
    expect(units.rowCount).toBe(5);
    expect(units.pageSetup).toMatchObject({ fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' });
  });

  it('writes a CSV that Excel reads as UTF-8, names the campaign and cannot smuggle a formula', async () => {
    const text = (await renderReport(report, 'csv')).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`Chiến dịch,${CAMPAIGN.nameVi} (cd-2026)`);
    expect(text).toContain('Số liệu lập lúc,23/11/2026 17:00');
    expect(text).toContain(`3,${ROW_LABELS[2]},1236,`);
    expect(text).toContain('C,Đơn vị C,Chưa gửi,0,0,0,0,—');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
