// XLSX export (exceljs): one sheet shaped like the appendix form, and for the province a second
// sheet with the per-unit breakdown.
import ExcelJS from 'exceljs';
import type { AppendixReport } from './appendix';
import { UNIT_TABLE_HEADER, unitCells } from './appendix';

/** Renders the report as an XLSX workbook. */
export async function renderXlsx(r: AppendixReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sạch Mã Độc — máy chủ tổng hợp';
  wb.created = new Date(r.generatedAt);
  const ws = wb.addWorksheet('Phụ lục');
  ws.columns = [{ width: 6 }, { width: 70 }, { width: 12 }, { width: 45 }];
  const bold = { bold: true };
  ws.addRow([r.title]).font = { bold: true, size: 14 };
  ws.addRow([r.subtitle]).font = bold;
  ws.addRow([]);
  ws.addRow(['1. Thông tin chung']).font = bold;
  ws.addRow(['', `- Tên đơn vị: ${r.form.unitName}`]);
  ws.addRow(['', '- Đánh giá kết quả thực hiện chiến dịch trong phạm vi triển khai:']);
  ws.addRow(['', r.form.assessment]);
  ws.addRow(['', '- Đề xuất, kiến nghị (nếu có):']);
  ws.addRow(['', r.form.recommendations]);
  ws.addRow([]);
  ws.addRow(['2. Thông tin số liệu']).font = bold;
  const head = ws.addRow(['TT', 'Nội dung', 'Số lượng', 'Ghi chú']);
  head.font = bold;
  const rows = [head, ...r.rows.map((row) => ws.addRow([row.tt, row.label, row.value, row.note]))];
  for (const row of rows) {
    row.eachCell((c) => {
      c.border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
      c.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  if (r.units.length > 0) {
    const us = wb.addWorksheet('Theo đơn vị');
    us.addRow(UNIT_TABLE_HEADER).font = bold;
    for (const u of r.units) us.addRow(unitCells(u));
    us.columns.forEach((c, i) => (c.width = i === 1 ? 50 : 16));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
