// The appendix model and its three renderings, read back with libraries.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildAppendix, ROW_LABELS, suppress } from '../../../tally/report/appendix';
import { renderReport, reportFileName } from '../../../tally/report/render';
import type { Aggregates } from '../../../tally/store/types';
import { toArrayBuffer } from './helpers';

const agg: Aggregates = {
  units: [
    { code: 'A', name: 'Đơn vị A' },
    { code: 'B', name: '=HYPERLINK("http://evil.example")' },
    { code: 'C', name: 'Đơn vị C' },
  ],
  totals: [
    { unitCode: 'A', results: 30, machines: 20, withFindings: 7, cleaned: 5, cracked: 3 },
    { unitCode: 'B', results: 2, machines: 2, withFindings: 1, cleaned: 0, cracked: 0 },
  ],
  byDay: [],
  topIndicators: [],
};
const now = new Date('2026-11-23T10:00:00Z');

describe('buildAppendix', () => {
  it('gives exact province totals and the six rows of the form', () => {
    const r = buildAppendix(agg, {
      now,
      form: { unitName: 'Sở TT&TT', assessment: 'Tốt', recommendations: '' },
    });
    expect(r.rows.map((x) => x.label)).toEqual([...ROW_LABELS]);
    expect(r.rows.map((x) => x.value)).toEqual([3, 2, 22, 8, 5, 3]);
    expect(r.units.find((u) => u.code === 'A')).toMatchObject({
      machines: 20,
      withFindings: 7,
      cleaned: 5,
      cracked: '< 5',
    });
    expect(r.units.find((u) => u.code === 'C')).toMatchObject({ deployed: false, machines: '< 5' });
  });

  it('suppresses small counts in a unit report and defaults the unit name', () => {
    const r = buildAppendix(agg, { unitCode: 'B', now });
    expect(r.form.unitName).toBe('=HYPERLINK("http://evil.example")');
    expect(r.rows.map((x) => x.value)).toEqual([1, 1, '< 5', '< 5', '< 5', '< 5']);
    expect(r.units).toEqual([]);
    expect(reportFileName(r, 'docx')).toBe('phu-luc-don-vi-B-2026-11-23.docx');
  });

  it('treats fewer than five as suppressed, five and more as exact', () => {
    expect([0, 1, 4, 5, 6].map(suppress)).toEqual(['< 5', '< 5', '< 5', 5, 6]);
  });
});

describe('renderers', () => {
  const report = buildAppendix(agg, {
    now,
    form: { unitName: 'Sở TT&TT <Đắk Lắk>', assessment: 'Dòng 1\nDòng 2', recommendations: 'Kiến nghị' },
  });

  it('writes a DOCX whose document holds the form and the table', async () => {
    const xml = await (
      await JSZip.loadAsync(await renderReport(report, 'docx'))
    )
      .file('word/document.xml')!
      .async('string');
    for (const text of [
      'PHỤ LỤC',
      'Mẫu thống kê, báo cáo kết quả triển khai',
      '1. Thông tin chung',
      '2. Thông tin số liệu',
      'Dòng 2',
      ROW_LABELS[5],
    ]) {
      expect(xml).toContain(text);
    }
    expect(xml).toContain('- Tên đơn vị: Sở TT&amp;TT &lt;Đắk Lắk&gt;');
  });

  it('writes an XLSX with the table cells and a per-unit sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(toArrayBuffer(await renderReport(report, 'xlsx')));
    const rows: unknown[][] = [];
    wb.getWorksheet('Phụ lục')!.eachRow((row) =>
      rows.push([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value]),
    );
    expect(rows).toContainEqual(['TT', 'Nội dung', 'Số lượng']);
    expect(rows).toContainEqual([3, ROW_LABELS[2], 22]);
    const units = wb.getWorksheet('Theo đơn vị')!;
    expect(units.getRow(2).getCell(1).value).toBe('A');
    expect(units.rowCount).toBe(4);
  });

  it('writes a CSV that Excel reads as UTF-8 and that cannot smuggle a formula', async () => {
    const text = (await renderReport(report, 'csv')).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`3,${ROW_LABELS[2]},22,`);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
