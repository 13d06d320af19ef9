// DOCX export (docx): the appendix as the letters print it, title, general information with the
// editable fields, then the table; for the province, the per-unit breakdown after it.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { AppendixReport } from './appendix';
import { UNIT_TABLE_HEADER, unitCells } from './appendix';

const p = (text: string, opts: { bold?: boolean; center?: boolean } = {}) =>
  new Paragraph({
    ...(opts.center ? { alignment: AlignmentType.CENTER } : {}),
    children: [new TextRun({ text, bold: opts.bold ?? false })],
  });

const table = (header: string[], rows: (string | number)[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h) => new TableCell({ children: [p(h, { bold: true })] })),
      }),
      ...rows.map(
        (r) => new TableRow({ children: r.map((c) => new TableCell({ children: [p(String(c))] })) }),
      ),
    ],
  });

/** Renders the report as a Word document. */
export async function renderDocx(r: AppendixReport): Promise<Buffer> {
  const multiline = (text: string) =>
    text.trim() === '' ? [p('.....')] : text.split(/\r?\n/).map((t) => p(t));
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: r.title, bold: true })],
    }),
    p(r.subtitle, { bold: true, center: true }),
    p(''),
    p('1. Thông tin chung', { bold: true }),
    p(`- Tên đơn vị: ${r.form.unitName || '.....'}`),
    p('- Đánh giá kết quả thực hiện chiến dịch trong phạm vi triển khai:'),
    ...multiline(r.form.assessment),
    p('- Đề xuất, kiến nghị (nếu có):'),
    ...multiline(r.form.recommendations),
    p('2. Thông tin số liệu', { bold: true }),
    table(
      ['TT', 'Nội dung', 'Số lượng', 'Ghi chú'],
      r.rows.map((row) => [row.tt, row.label, row.value, row.note]),
    ),
  ];
  if (r.units.length > 0) {
    children.push(
      p(''),
      p('3. Chi tiết theo đơn vị (số dưới 5 máy hiển thị "< 5")', { bold: true }),
      table(UNIT_TABLE_HEADER, r.units.map(unitCells)),
    );
  }
  const doc = new Document({
    creator: 'Sạch Mã Độc',
    title: `${r.title} — ${r.subtitle}`,
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
