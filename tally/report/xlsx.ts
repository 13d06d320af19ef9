// XLSX export (exceljs): one sheet shaped like the appendix form (heading, general information, the
// table), and for the province a second sheet with the per-unit table. Both print on A4, one page
// wide (fit to width, any number of pages tall), with the table's header row repeated on every
// page and a print area; Times New Roman 13 pt as the DOCX. Counts are numbers (they can be added
// up), shown with the Vietnamese thousands separator.
import ExcelJS from 'exceljs';
import type { AppendixReport } from './appendix';
import { accompanyingLine, UNIT_TABLE_HEADER, unitCells } from './appendix';
import { dateLineVi, formatDayVi, formatInstantVi } from './format';

const FONT = { name: 'Times New Roman', size: 13 };
// [$-42A] is Vietnamese: its grouping separator is the dot (1.234) whatever the reader's locale.
const NUMBER_FORMAT = '[$-42A]#,##0';
const thin = { style: 'thin' as const };
const box = { top: thin, left: thin, bottom: thin, right: thin };

function printOnePageWide(ws: ExcelJS.Worksheet, area: string, headerRow: number, landscape = false): void {
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printArea: area,
    printTitlesRow: `${headerRow}:${headerRow}`,
    // Inches: Decree 30's 20 mm top/bottom, 30 mm left, 15 mm right.
    margins: { top: 0.79, bottom: 0.79, left: 1.18, right: 0.59, header: 0.3, footer: 0.3 },
  };
}

/** Renders the report as an XLSX workbook. */
export async function renderXlsx(r: AppendixReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sạch Mã Độc — máy chủ tổng hợp';
  wb.created = new Date(r.generatedAt);
  const ws = wb.addWorksheet('Phụ lục');
  ws.columns = [{ width: 5 }, { width: 46 }, { width: 10 }, { width: 27 }];
  const add = (
    values: (string | number)[],
    o: { bold?: boolean; italic?: boolean; size?: number; merge?: boolean; align?: 'center' | 'left' } = {},
  ) => {
    const row = ws.addRow(values);
    row.font = { ...FONT, bold: o.bold ?? false, italic: o.italic ?? false, size: o.size ?? FONT.size };
    if (o.merge) ws.mergeCells(row.number, 1, row.number, 4);
    row.alignment = { horizontal: o.align ?? 'left', vertical: 'top', wrapText: true };
    return row;
  };
  const c = r.campaign;
  add([r.form.unitName.toUpperCase() || '……………'], { bold: true, merge: true, align: 'left', size: 12 });
  add(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'], { bold: true, merge: true, align: 'center', size: 12 });
  add(['Độc lập - Tự do - Hạnh phúc'], { bold: true, merge: true, align: 'center' });
  add([dateLineVi(r.form.place, r.generatedAt)], { italic: true, merge: true, align: 'center' });
  add([]);
  add([r.title], { bold: true, merge: true, align: 'center', size: 14 });
  add([r.subtitle], { bold: true, merge: true, align: 'center' });
  add([accompanyingLine(r.form)], { italic: true, merge: true, align: 'center' });
  const campaignRow = add(
    [
      `Chiến dịch: ${c.nameVi} (${c.id}), từ ${formatDayVi(c.startsOn)} đến ${formatDayVi(c.endsOn)}; số liệu lập lúc ${formatInstantVi(r.generatedAt)}.`,
    ],
    { merge: true },
  );
  campaignRow.height = 36;
  add(['1. Thông tin chung'], { bold: true, merge: true });
  add([`- Tên đơn vị: ${r.form.unitName}`], { merge: true });
  add(['- Đánh giá kết quả thực hiện chiến dịch trong phạm vi triển khai:'], { merge: true });
  add([r.form.assessment || '…………………………………………'], { merge: true });
  add(['- Đề xuất, kiến nghị (nếu có):'], { merge: true });
  add([r.form.recommendations || '…………………………………………'], { merge: true });
  add(['2. Thông tin số liệu'], { bold: true, merge: true });
  const head = add(['TT', 'Nội dung', 'Số lượng', 'Ghi chú'], { bold: true, align: 'center' });
  const rows = [head, ...r.rows.map((row) => add([row.tt, row.label, row.value, row.note]))];
  for (const row of rows) row.eachCell((cell) => (cell.border = box));
  for (const row of rows.slice(1)) {
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'top' };
    row.getCell(2).alignment = { vertical: 'top', wrapText: true };
    row.getCell(4).alignment = { vertical: 'top', wrapText: true };
    // Spreadsheets do not grow a row for wrapped text they did not lay out themselves: about 40
    // characters fit a line of "Nội dung", 23 of "Ghi chú", at 13 pt.
    const lines = Math.max(
      Math.ceil(row.getCell(2).text.length / 40),
      Math.ceil(row.getCell(4).text.length / 23),
    );
    row.height = 17 * Math.max(1, lines);
    row.getCell(3).numFmt = NUMBER_FORMAT;
    row.getCell(3).alignment = { horizontal: 'right', vertical: 'top' };
  }
  add([]);
  const sign = add(['', '', 'THỦ TRƯỞNG ĐƠN VỊ'], { bold: true });
  ws.mergeCells(sign.number, 3, sign.number, 4);
  sign.getCell(3).alignment = { horizontal: 'center' };
  printOnePageWide(ws, `A1:D${sign.number}`, head.number);

  if (r.units.length > 0) {
    const us = wb.addWorksheet('Theo đơn vị');
    us.columns = [6, 14, 40, 11, 12, 13, 12, 13, 17].map((width) => ({ width }));
    const title = us.addRow([
      `Chi tiết theo đơn vị — ${c.nameVi} — số liệu lập lúc ${formatInstantVi(r.generatedAt)}`,
    ]);
    title.font = { ...FONT, bold: true };
    us.mergeCells(title.number, 1, title.number, 9);
    const h = us.addRow(['TT', ...UNIT_TABLE_HEADER]);
    h.font = { ...FONT, bold: true, size: 12 };
    h.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    h.height = 50;
    r.units.forEach((u, i) => {
      const row = us.addRow([i + 1, ...unitCells(u, (n) => n, formatInstantVi)]);
      row.font = { ...FONT, size: 12 };
      row.alignment = { vertical: 'top', wrapText: true };
      for (const col of [5, 6, 7, 8]) row.getCell(col).numFmt = NUMBER_FORMAT;
      // Units that sent nothing: shaded, as on the dashboard.
      if (!u.deployed)
        row.eachCell(
          (cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6E6E6' } }),
        );
    });
    us.eachRow((row, n) => {
      if (n >= h.number) row.eachCell({ includeEmpty: true }, (cell) => (cell.border = box));
    });
    printOnePageWide(us, `A1:I${h.number + r.units.length}`, h.number, true);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
